const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });

/** When a backup was made, in local time (seconds too: two manual backups can be a minute apart). */
export function formatBackupDate(ms: number): string {
  return dateTime.format(new Date(ms));
}
