const units = ['KB', 'MB', 'GB', 'TB'];

/**
 * A size for people, the same in the dashboard, the CLI and error messages: bytes under 1 KB,
 * else KB, MB, GB or TB in powers of 1024 (as file managers mostly show them) with at most one
 * decimal: `512 B`, `1.5 KB`, `32 MB`.
 */
export function formatByteSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  let value = bytes / 1024;
  let unit = 0;
  // Compared as shown, so 1,048,575 bytes read 1 MB and not 1024 KB.
  while (Math.round(value * 10) / 10 >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${Math.round(value * 10) / 10} ${units[unit]}`;
}
