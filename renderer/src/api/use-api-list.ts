import { useCallback, useEffect, useState } from 'react';
import { errorMessage } from './client.js';
import { useLatestLoad } from './use-latest-load.js';

export interface ApiList<T> {
  /** Undefined until the first load answers. */
  items: T[] | undefined;
  error: string | undefined;
  setError(message: string | undefined): void;
  /** Fetches the list again; failures land in `error`. */
  reload(): Promise<void>;
}

/**
 * Loads a list from the management API on mount, keeping its error message beside it. A reload
 * after a change wins over an earlier load still on its way (which would bring back what changed).
 */
export function useApiList<T>(fetchList: () => Promise<T[]>): ApiList<T> {
  const [items, setItems] = useState<T[]>();
  const [error, setError] = useState<string>();
  const begin = useLatestLoad();
  const reload = useCallback(async () => {
    const latest = begin();
    try {
      const list = await fetchList();
      if (!latest()) return;
      setItems(list);
      setError(undefined);
    } catch (failure) {
      if (latest()) setError(errorMessage(failure));
    }
  }, [fetchList, begin]);
  useEffect(() => {
    void reload();
  }, [reload]);
  return { items, error, setError, reload };
}
