import { useCallback, useRef } from 'react';
import { errorMessage } from './client.js';

/**
 * How a section loads what it shows when it can load again before an answer came (another range,
 * page, filter or size, a reload after a change, a periodic refresh): `load(fetch, show)` shows the
 * answer and clears the error, or sets the error from a failure, only if no later load started
 * meanwhile. An earlier answer that arrives late must not replace a later one's.
 */
export function useLatestLoad(setError: (message: string | undefined) => void): <T>(fetch: () => Promise<T>, show: (answer: T) => void) => Promise<void> {
  const latest = useRef(0);
  return useCallback(
    async <T>(fetch: () => Promise<T>, show: (answer: T) => void): Promise<void> => {
      const ticket = ++latest.current;
      try {
        const answer = await fetch();
        if (ticket !== latest.current) return;
        show(answer);
        setError(undefined);
      } catch (failure) {
        if (ticket === latest.current) setError(errorMessage(failure));
      }
    },
    [setError],
  );
}
