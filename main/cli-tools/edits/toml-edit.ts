/** A TOML scalar we write. */
export type TomlValue = string | number | boolean;

const headerPattern = /^\s*\[\[?\s*([^\]]+?)\s*\]\]?\s*(?:#.*)?$/;

/**
 * Sets keys in one table of a TOML document without reformatting anything else: an existing
 * `key = ...` line of that table is replaced in place, a missing key is added at the end of the
 * table (root keys before the first table header), and a missing table is appended. Comments,
 * blank lines, ordering and every other key stay byte for byte. Only single-line values are
 * replaced, which holds for the string keys we own.
 * @param table dotted table name (`model_providers.omniroute`), or null for the root table.
 */
export function setTomlKeys(text: string, table: string | null, entries: Record<string, TomlValue>): string {
  const newline = text.includes('\r\n') ? '\r\n' : '\n';
  const lines = text === '' ? [] : text.split(/\r?\n/);
  const endsWithNewline = text === '' || /\r?\n$/.test(text);
  if (endsWithNewline && lines.at(-1) === '') lines.pop();
  const section = findSection(lines, table);
  if (!section) {
    if (lines.length > 0 && lines.at(-1)?.trim() !== '') lines.push('');
    lines.push(`[${table}]`, ...Object.entries(entries).map(([key, value]) => `${key} = ${formatTomlValue(value)}`));
    return lines.join(newline) + newline;
  }
  let insertAt = lastContentLine(lines, section.start, section.end) + 1;
  for (const [key, value] of Object.entries(entries)) {
    const line = `${key} = ${formatTomlValue(value)}`;
    const existing = findKey(lines, key, section.start, section.end);
    if (existing !== -1) {
      lines[existing] = line;
    } else {
      lines.splice(insertAt, 0, line);
      insertAt += 1;
      section.end += 1;
    }
  }
  return lines.join(newline) + (endsWithNewline ? newline : '');
}

/** Reads a single-line string value of one table (for "does it point at the router" checks). */
export function getTomlString(text: string, table: string | null, key: string): string | null {
  const lines = text.split(/\r?\n/);
  const section = findSection(lines, table);
  if (!section) return null;
  const index = findKey(lines, key, section.start, section.end);
  if (index === -1) return null;
  const match = /=\s*("(?:[^"\\]|\\.)*"|'[^']*')/.exec(lines[index] ?? '');
  if (!match?.[1]) return null;
  return match[1].startsWith("'") ? match[1].slice(1, -1) : (JSON.parse(match[1]) as string);
}

/** TOML basic strings share JSON's escapes (`\"`, `\\`, `\n`, `\uXXXX`). */
export function formatTomlValue(value: TomlValue): string {
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}

/** Lines [start, end) of a table's body; the root table runs up to the first header. */
function findSection(lines: string[], table: string | null): { start: number; end: number } | null {
  let start = table === null ? 0 : -1;
  for (let index = 0; index < lines.length; index += 1) {
    const header = headerPattern.exec(lines[index] ?? '');
    if (!header) continue;
    if (start !== -1) return { start, end: index };
    if (table !== null && normalizeName(header[1] ?? '') === normalizeName(table) && !(lines[index] ?? '').trim().startsWith('[[')) start = index + 1;
  }
  return start === -1 ? null : { start, end: lines.length };
}

function findKey(lines: string[], key: string, start: number, end: number): number {
  const pattern = new RegExp(`^\\s*(?:${escapeRegExp(key)}|"${escapeRegExp(key)}")\\s*=`);
  for (let index = start; index < end; index += 1) if (pattern.test(lines[index] ?? '')) return index;
  return -1;
}

/** New keys go after the table's last key, before the blank lines and comments that precede the next header. */
function lastContentLine(lines: string[], start: number, end: number): number {
  for (let index = end - 1; index >= start; index -= 1) {
    const line = (lines[index] ?? '').trim();
    if (line !== '' && !line.startsWith('#')) return index;
  }
  return start - 1;
}

function normalizeName(name: string): string {
  return name
    .split('.')
    .map((part) => part.trim().replace(/^"(.*)"$/, '$1'))
    .join('.');
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
