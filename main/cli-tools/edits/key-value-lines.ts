/** `KEY=value` (.env files) or top-level `key: value` (simple YAML configs). */
export type KeyValueSyntax = 'dotenv' | 'yaml';

/**
 * Sets top-level keys in a line-based config without touching any other line: an existing line
 * for a key is replaced in place, a missing key is appended. Values are written double-quoted
 * (JSON escapes are valid in both dotenv and YAML double-quoted strings).
 */
export function setKeyValueLines(text: string | null, syntax: KeyValueSyntax, entries: Record<string, string>): string {
  const source = text ?? '';
  const newline = source.includes('\r\n') ? '\r\n' : '\n';
  const lines = source === '' ? [] : source.split(/\r?\n/);
  if (lines.at(-1) === '') lines.pop();
  for (const [key, value] of Object.entries(entries)) {
    const line = syntax === 'dotenv' ? `${key}=${JSON.stringify(value)}` : `${key}: ${JSON.stringify(value)}`;
    const index = lines.findIndex((candidate) => keyPattern(syntax, key).test(candidate));
    if (index === -1) lines.push(line);
    else lines[index] = line;
  }
  return lines.join(newline) + newline;
}

/** The value of a top-level key (unquoted), or null. */
export function getKeyValue(text: string, syntax: KeyValueSyntax, key: string): string | null {
  const line = text.split(/\r?\n/).find((candidate) => keyPattern(syntax, key).test(candidate));
  if (line === undefined) return null;
  const raw = line.slice(line.indexOf(syntax === 'dotenv' ? '=' : ':') + 1).trim();
  if (raw.startsWith('"')) {
    try {
      return JSON.parse(raw) as string;
    } catch {
      return raw.slice(1, -1);
    }
  }
  return raw.replace(/^'(.*)'$/, '$1');
}

function keyPattern(syntax: KeyValueSyntax, key: string): RegExp {
  const escaped = key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  // YAML: only unindented keys are top-level; dotenv also allows `export KEY=`.
  return syntax === 'dotenv' ? new RegExp(`^\\s*(?:export\\s+)?${escaped}\\s*=`) : new RegExp(`^${escaped}\\s*:`);
}
