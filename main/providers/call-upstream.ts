import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { GatewayError } from '../errors/gateway-error.js';
import type { Cancellation } from '../util/cancellation.js';
import type { ProviderAdapter } from './provider-adapter.js';
import { setHeader, type UpstreamEndpoint } from './upstream-endpoint.js';

export interface UpstreamCall {
  endpoint: UpstreamEndpoint;
  method: 'GET' | 'POST' | 'DELETE';
  /** Path after the endpoint's base path, starting with `/`. */
  path: string;
  /** JSON text, sent as UTF-8; or bytes whose Content-Type is in `headers`. */
  body?: string | Buffer;
  /** Per-call headers, merged over the endpoint's. */
  headers?: Record<string, string>;
  cancellation: Cancellation;
  /** Time allowed until the response headers arrive. */
  timeoutMs: number;
}

/** Thrown when the call was cancelled (the client went away, or shutdown); not an upstream fault. */
export class UpstreamCallAborted extends Error {
  constructor() {
    super('upstream call aborted by the client');
    this.name = 'UpstreamCallAborted';
  }
}

/** A family's reader of a non-2xx answer: the error the router passes on. */
export type UpstreamErrorReader = (response: IncomingMessage, endpoint: UpstreamEndpoint) => Promise<Error>;

/** An upstream's 2xx answer to a call; any other status is read and thrown as the family's own error. */
export async function callForAnswer(call: UpstreamCall, readError: UpstreamErrorReader): Promise<IncomingMessage> {
  const response = await callUpstream(call);
  const status = response.statusCode ?? 0;
  if (status >= 200 && status < 300) return response;
  throw await readError(response, call.endpoint);
}

/** An adapter's `send`: POSTs the encoded request, answering as {@link callForAnswer}. */
export function postForAnswer(readError: UpstreamErrorReader): ProviderAdapter['send'] {
  return ({ endpoint, request, cancellation, timeoutMs }) =>
    callForAnswer({ endpoint, method: 'POST', path: request.path, body: request.body, headers: request.headers, cancellation, timeoutMs }, readError);
}

/**
 * Sends one request upstream over the keep-alive pool and resolves with the response as soon as
 * its headers arrive, whatever the status (the adapter decides what a status means). Connection
 * failures and timeouts become GatewayErrors that name the provider.
 */
export function callUpstream(call: UpstreamCall): Promise<IncomingMessage> {
  return attempt(call, true);
}

function attempt(call: UpstreamCall, mayRetryStaleSocket: boolean): Promise<IncomingMessage> {
  const { endpoint, cancellation } = call;
  if (cancellation.cancelled) return Promise.reject(new UpstreamCallAborted());
  return new Promise((resolve, reject) => {
    const headers = endpoint.headerList.slice();
    if (call.headers) for (const name in call.headers) setHeader(headers, name.toLowerCase(), call.headers[name] as string);
    if (call.body) {
      if (call.headers?.['content-type'] === undefined) setHeader(headers, 'content-type', 'application/json');
      setHeader(headers, 'content-length', String(Buffer.byteLength(call.body)));
    }
    const send = endpoint.secure ? httpsRequest : httpRequest;
    const request = send({
      host: endpoint.hostname,
      port: endpoint.port,
      method: call.method,
      path: endpoint.basePath + call.path,
      headers,
      agent: endpoint.agent,
    });
    let stopListening = (): void => undefined;
    let settled = false;
    const settle = (error: Error | undefined, response?: IncomingMessage): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      stopListening();
      if (error) reject(error);
      else resolve(response as IncomingMessage);
    };
    const onAbort = (): void => {
      request.destroy();
      settle(new UpstreamCallAborted());
    };
    const timer = setTimeout(() => {
      request.destroy();
      settle(
        new GatewayError({
          code: 'upstream_timeout',
          status: 504,
          provider: endpoint.provider,
          message: `Provider '${endpoint.provider}' did not answer within ${Math.round(call.timeoutMs / 1000)} s.`,
        }),
      );
    }, call.timeoutMs);
    // The socket keeps the process alive while the call is in flight. Unreferenced, the timer
    // joins node's list for its (per-settings constant) duration, which node keeps between calls
    // instead of rebuilding it whenever the router goes idle: every call of a quiet router.
    timer.unref();
    stopListening = cancellation.onCancel(onAbort);
    request.on('response', (response) => settle(undefined, response));
    request.on('error', (error: NodeJS.ErrnoException) => {
      if (settled) return;
      // A pooled socket the upstream closed while idle fails before any byte of the request was
      // processed; Node's docs recommend retrying exactly this case once.
      if (mayRetryStaleSocket && request.reusedSocket && error.code === 'ECONNRESET') {
        settled = true;
        clearTimeout(timer);
        stopListening();
        attempt(call, false).then(resolve, reject);
        return;
      }
      settle(
        new GatewayError({
          code: 'upstream_unreachable',
          status: 502,
          provider: endpoint.provider,
          message: endpoint.via
            ? `Could not reach provider '${endpoint.provider}' through the proxy ${endpoint.via}: ${error.message}.`
            : `Could not reach provider '${endpoint.provider}' at ${endpoint.hostname}:${endpoint.port}: ${error.code ?? error.message}.`,
          cause: error,
        }),
      );
    });
    request.end(call.body);
  });
}

/** Reads a whole response body, up to `limitBytes`. */
export function readBody(response: IncomingMessage, limitBytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    response.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limitBytes) {
        response.destroy(new Error(`upstream body larger than ${limitBytes} bytes`));
        return;
      }
      chunks.push(chunk);
    });
    response.on('end', () => resolve(chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks)));
    response.on('error', reject);
    response.on('close', () => {
      if (!response.complete) reject(new Error('upstream closed the connection before the body was complete'));
    });
  });
}
