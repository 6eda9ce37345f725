import type { IncomingMessage } from 'node:http';
import { readBody } from './call-upstream.js';
import { credentialRedactor, redactDeep } from './redact-upstream-body.js';
import type { UpstreamEndpoint } from './upstream-endpoint.js';

const errorBodyLimit = 1024 * 1024;

/** A non-2xx upstream answer, read and made safe to show: every family's error reader starts here. */
export interface UpstreamErrorBody {
  status: number;
  /** The body as text, redacted and trimmed, at most 500 characters; '' when empty or unreadable. */
  text: string;
  /** The body parsed as JSON with every string redacted, when it was JSON. */
  body: unknown;
  /** The response headers a client can act on (retry hints), as `keepHeader` chose them. */
  headers: Record<string, string>;
}

/**
 * Reads an upstream's error answer. Vendors echo the key they were sent, so the account's key is
 * masked by value and anything credential-shaped by pattern before the body goes anywhere.
 */
export async function readUpstreamErrorBody(
  response: IncomingMessage,
  endpoint: UpstreamEndpoint,
  keepHeader: (name: string) => boolean,
): Promise<UpstreamErrorBody> {
  let raw = '';
  try {
    raw = (await readBody(response, errorBodyLimit)).toString('utf8');
  } catch {
    // The status alone still tells the client what happened.
  }
  const redact = credentialRedactor(endpoint.credential);
  let body: unknown = undefined;
  try {
    body = raw ? redactDeep(JSON.parse(raw), redact) : undefined;
  } catch {
    body = undefined;
  }
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(response.headers)) {
    if (typeof value === 'string' && keepHeader(name)) headers[name] = value;
  }
  return { status: response.statusCode ?? 502, text: redact(raw).trim().slice(0, 500), body, headers };
}
