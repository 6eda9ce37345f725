import { redactSecrets } from '../util/redact.js';

/** Shorter credentials are not masked by value: replacing them would garble ordinary words. */
const minimumMaskedLength = 8;

/**
 * Vendors echo the key they were sent ("Incorrect API key provided: sk-..."), and their error
 * bodies reach the client, the management API and the log. The account's own key is masked by
 * value (vendor keys have no common shape), anything else credential-shaped by pattern.
 */
export function credentialRedactor(credential: string | undefined): (text: string) => string {
  if (credential === undefined || credential.length < minimumMaskedLength) return redactSecrets;
  const masked = `${credential.slice(0, 3)}…[redacted]`;
  return (text) => redactSecrets(text.replaceAll(credential, masked));
}

/** Applies `redact` to every string inside a parsed JSON value. */
export function redactDeep(value: unknown, redact: (text: string) => string = redactSecrets): unknown {
  if (typeof value === 'string') return redact(value);
  if (Array.isArray(value)) return value.map((item) => redactDeep(item, redact));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, redactDeep(item, redact)]));
  }
  return value;
}
