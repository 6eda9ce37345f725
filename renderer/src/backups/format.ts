const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });
const oneDecimal = new Intl.NumberFormat(undefined, { maximumFractionDigits: 1 });

/** When a backup was made, in local time (seconds too: two manual backups can be a minute apart). */
export function formatBackupDate(ms: number): string {
  return dateTime.format(new Date(ms));
}

/** A file size in B, KB, MB or GB (powers of 1024, as file managers mostly show them). */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${oneDecimal.format(value)} ${units[unit]}`;
}
