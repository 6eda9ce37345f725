import { redactSecrets } from '../util/redact.js';

/** Headers that carry credentials: their values are never stored, whatever they look like. */
const credentialHeaders = new Set([
  'authorization', 'proxy-authorization', 'x-api-key', 'x-goog-api-key', 'api-key', 'cookie', 'set-cookie', 'x-omniroute-admin-token',
]);

/** Request headers as stored in a request log: credential headers masked, the rest passed through the redactor. */
export function redactHeaders(headers: Readonly<Record<string, string | string[] | undefined>>): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    const lower = name.toLowerCase();
    result[lower] = credentialHeaders.has(lower) ? '[redacted]' : redactSecrets(Array.isArray(value) ? value.join(', ') : value);
  }
  return result;
}

/**
 * A body as stored in a request log: decoded as UTF-8, credentials masked, cut to `maxBytes`.
 * Redaction runs before the cut, on a little more than is kept, so a key straddling the cut is
 * still recognised whole.
 */
export function redactBody(body: Buffer | string, maxBytes: number): { text: string; bytes: number; truncated: boolean } {
  const buffer = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  const margin = 4096;
  const window = buffer.length > maxBytes + margin ? buffer.subarray(0, maxBytes + margin) : buffer;
  const redacted = Buffer.from(redactSecrets(window.toString('utf8')), 'utf8');
  if (redacted.length <= maxBytes) return { text: redacted.toString('utf8'), bytes: buffer.length, truncated: buffer.length !== window.length };
  // A cut inside a multi-byte character decodes to U+FFFD; drop it rather than store a broken character.
  return { text: redacted.subarray(0, maxBytes).toString('utf8').replace(/\uFFFD$/, ''), bytes: buffer.length, truncated: true };
}
