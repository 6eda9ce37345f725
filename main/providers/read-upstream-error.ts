import type { IncomingMessage } from 'node:http';
import { upstreamErrorCode, UpstreamHttpError, type GatewayErrorCode } from '../errors/gateway-error.js';
import { readBody } from './call-upstream.js';
import { credentialRedactor, redactDeep } from './redact-upstream-body.js';
import type { UpstreamEndpoint } from './upstream-endpoint.js';

const errorBodyLimit = 1024 * 1024;

/** A non-2xx upstream answer, read and made safe to show. */
interface UpstreamErrorBody {
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
async function readUpstreamErrorBody(
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

/** How a family reads its error answers. */
export interface UpstreamErrorReading {
  /** The response headers a client can act on (retry hints). */
  keepHeader: (name: string) => boolean;
  /** The family's own message in its (redacted) error body, when the body has one. */
  messageOf: (body: unknown) => string | undefined;
  /** The body as the family's envelope, when the family sometimes wraps it. */
  unwrap?: (body: unknown) => unknown;
  /** A more precise code than {@link upstreamErrorCode}'s for this status and message. */
  codeOf?: (status: number, message: string) => GatewayErrorCode | undefined;
}

/**
 * A non-2xx upstream answer as the error the router passes on: the upstream's status, its
 * redacted body (so a client of the same family gets it back as sent) and retry headers, and the
 * family's own message, else the body's text, else the status.
 */
export async function readUpstreamError(response: IncomingMessage, endpoint: UpstreamEndpoint, reading: UpstreamErrorReading): Promise<UpstreamHttpError> {
  const provider = endpoint.provider;
  const { status, text, body, headers } = await readUpstreamErrorBody(response, endpoint, reading.keepHeader);
  const upstreamBody = reading.unwrap ? reading.unwrap(body) : body;
  const message = reading.messageOf(upstreamBody) ?? (text || `Provider '${provider}' answered HTTP ${status}.`);
  return new UpstreamHttpError({ code: reading.codeOf?.(status, message) ?? upstreamErrorCode(status), status, provider, message, headers, upstreamBody });
}
