import { useCallback, useRef } from 'react';

/**
 * For a load that can start again before its answer came (another range, page, filter or size):
 * `begin()` marks a new load and returns a check of whether that load is still the latest. An
 * earlier answer that arrives late must not replace a later one's figures.
 */
export function useLatestLoad(): () => () => boolean {
  const latest = useRef(0);
  return useCallback(() => {
    const ticket = ++latest.current;
    return () => ticket === latest.current;
  }, []);
}
