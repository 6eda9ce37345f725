import { useCallback, useEffect, useState } from 'react';
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
  const latestLoad = useLatestLoad(setError);
  const reload = useCallback(() => latestLoad(fetchList, setItems), [fetchList, latestLoad]);
  useEffect(() => {
    void reload();
  }, [reload]);
  return { items, error, setError, reload };
}
