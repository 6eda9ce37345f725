import { useCallback, useEffect, useState } from 'react';
import { errorMessage } from './client.js';

export interface ApiList<T> {
  /** Undefined until the first load answers. */
  items: T[] | undefined;
  error: string | undefined;
  setError(message: string | undefined): void;
  /** Fetches the list again; failures land in `error`. */
  reload(): Promise<void>;
}

/** Loads a list from the management API on mount, keeping its error message beside it. */
export function useApiList<T>(fetchList: () => Promise<T[]>): ApiList<T> {
  const [items, setItems] = useState<T[]>();
  const [error, setError] = useState<string>();
  const reload = useCallback(async () => {
    try {
      setItems(await fetchList());
      setError(undefined);
    } catch (failure) {
      setError(errorMessage(failure));
    }
  }, [fetchList]);
  useEffect(() => {
    void reload();
  }, [reload]);
  return { items, error, setError, reload };
}
