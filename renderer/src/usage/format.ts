const integer = new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 });
const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });
const shortDateTime = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit' });

/** A count of requests or tokens; a dash when the upstream reported none. */
export function formatCount(value: number | null): string {
  return value === null ? '–' : integer.format(value);
}

/**
 * US dollars. Single requests cost fractions of a cent, so small amounts keep up to six decimals
 * instead of rounding to $0.00.
 */
export function formatCost(value: number | null): string {
  if (value === null) return '–';
  const small = value !== 0 && Math.abs(value) < 1;
  return new Intl.NumberFormat(undefined, { style: 'currency', currency: 'USD', minimumFractionDigits: 2, maximumFractionDigits: small ? 6 : 2 }).format(value);
}

export function formatMs(value: number | null): string {
  return value === null ? '–' : `${integer.format(value)} ms`;
}

export function formatDateTime(iso: string): string {
  return dateTime.format(new Date(iso));
}

/** Date and time without the year, for dense tables. */
export function formatShortDateTime(iso: string): string {
  return shortDateTime.format(new Date(iso));
}
