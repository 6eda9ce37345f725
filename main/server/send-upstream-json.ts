import type { IncomingMessage, ServerResponse } from 'node:http';
import { GatewayError } from '../errors/gateway-error.js';
import { readBody } from '../providers/call-upstream.js';

const answerLimit = 256 * 1024 * 1024;

/**
 * Reads and parses a whole JSON answer before the first byte goes to the client, so a truncated or
 * malformed upstream answer becomes a clean 502 instead of broken JSON at the client.
 */
export async function readUpstreamJson(upstream: IncomingMessage, provider: string): Promise<{ raw: Buffer; parsed: unknown }> {
  const raw = await readUpstreamBody(upstream, provider, answerLimit);
  try {
    return { raw, parsed: JSON.parse(raw.toString('utf8')) };
  } catch {
    throw new GatewayError({ code: 'upstream_error', status: 502, provider, message: `Provider '${provider}' answered with a body that is not valid JSON.` });
  }
}

/** A whole upstream answer of any kind; a body cut short is the provider's failure (502). */
export async function readUpstreamBody(upstream: IncomingMessage, provider: string, limitBytes: number): Promise<Buffer> {
  try {
    return await readBody(upstream, limitBytes);
  } catch (error) {
    throw new GatewayError({ code: 'upstream_error', status: 502, provider, message: `Provider '${provider}' closed the connection before its answer was complete.`, cause: error });
  }
}

/** Passthrough of a whole JSON answer: the client gets the upstream's exact bytes. */
export async function sendUpstreamJson(upstream: IncomingMessage, response: ServerResponse, provider: string): Promise<unknown> {
  const { raw, parsed } = await readUpstreamJson(upstream, provider);
  response.statusCode = upstream.statusCode ?? 200;
  response.setHeader('content-type', 'application/json');
  response.setHeader('content-length', raw.length);
  response.end(raw);
  return parsed;
}
