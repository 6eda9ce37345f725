/** Number formatting for the printed tables and the target lines. */

export function milliseconds(value: number | undefined): string {
  return value === undefined || Number.isNaN(value) ? '-' : `${value.toFixed(3)} ms`;
}

export function microseconds(value: number | undefined): string {
  return value === undefined || Number.isNaN(value) ? '-' : `${value.toFixed(1)} µs`;
}

export function megabytes(bytes: number | undefined): string {
  return bytes === undefined || Number.isNaN(bytes) ? '-' : `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

export function perSecond(value: number | undefined): string {
  return value === undefined || Number.isNaN(value) ? '-' : `${value.toFixed(0)}/s`;
}

export function times(value: number | undefined): string {
  return value === undefined || !Number.isFinite(value) ? '-' : `${value.toFixed(2)}x`;
}

export function signedMilliseconds(value: number | undefined): string {
  if (value === undefined || Number.isNaN(value)) return '-';
  return `${value >= 0 ? '+' : ''}${value.toFixed(3)} ms`;
}

export function share(value: number | undefined): string {
  return value === undefined || Number.isNaN(value) ? '-' : `${(value * 100).toFixed(0)}%`;
}

/** How tables are printed: padded plain text for the terminal, Markdown for docs/performance.md. */
export type TableStyle = 'text' | 'markdown';

/** Renders rows as a table; the first row is the header; the first `leftColumns` are left-aligned (text), the rest right-aligned (figures). */
export function renderTable(rows: string[][], style: TableStyle = 'text', leftColumns = 1): string {
  if (style === 'markdown') return renderMarkdownTable(rows, leftColumns);
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, index) => (widths[index] = Math.max(widths[index] ?? 0, cell.length)));
  const line = (row: string[]): string =>
    row
      .map((cell, index) => (index < leftColumns ? cell.padEnd(widths[index]!) : cell.padStart(widths[index]!)))
      .join('  ')
      .trimEnd();
  const [header, ...body] = rows;
  if (header === undefined) return '';
  return [line(header), widths.map((width) => '-'.repeat(width)).join('  '), ...body.map(line)].join('\n');
}

function renderMarkdownTable(rows: string[][], leftColumns: number): string {
  const [header, ...body] = rows;
  if (header === undefined) return '';
  const line = (row: string[]): string => `| ${row.join(' | ')} |`;
  const alignment = header.map((_, index) => (index < leftColumns ? '---' : '---:'));
  return [line(header), line(alignment), ...body.map(line)].join('\n');
}
