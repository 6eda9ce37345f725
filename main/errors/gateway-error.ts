/**
 * The one error hierarchy of the router. Every failure a client can see is a GatewayError;
 * each client format renders it in its own envelope (see main/formats/<format>/encode-error.ts).
 */

/** Machine-readable error codes, stable across client formats. */
export type GatewayErrorCode =
  | 'invalid_request'
  | 'invalid_json'
  | 'payload_too_large'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'model_not_found'
  | 'conflict'
  | 'upstream_error'
  | 'upstream_unreachable'
  | 'upstream_timeout'
  | 'rate_limited'
  /** A usage budget (main/usage/budget-service.ts) is used up; rendered as a 429. */
  | 'budget_exceeded'
  | 'stream_interrupted'
  | 'unavailable'
  | 'all_attempts_failed'
  /** An async task its client cancelled. */
  | 'cancelled'
  | 'internal_error';

export interface GatewayErrorOptions {
  code: GatewayErrorCode;
  status: number;
  message: string;
  /** Provider name (the model prefix) when the error came from or concerns an upstream. */
  provider?: string;
  /** The request field at fault, for 400s. */
  param?: string;
  /** Headers worth forwarding to the client, e.g. `retry-after` on a 429. */
  headers?: Record<string, string>;
  /** Overrides the default retryability derived from the status. */
  isRetryable?: boolean;
  /** Structured detail that envelopes able to carry extra fields add to the error object (e.g. `attempts`). */
  details?: Record<string, unknown>;
  cause?: unknown;
}

export class GatewayError extends Error {
  readonly code: GatewayErrorCode;
  readonly status: number;
  readonly provider: string | undefined;
  readonly param: string | undefined;
  readonly headers: Record<string, string>;
  readonly isRetryable: boolean;
  readonly details: Record<string, unknown> | undefined;

  constructor(options: GatewayErrorOptions) {
    super(options.message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'GatewayError';
    this.code = options.code;
    this.status = options.status;
    this.provider = options.provider;
    this.param = options.param;
    this.headers = options.headers ?? {};
    this.isRetryable = options.isRetryable ?? isRetryableStatus(options.status);
    this.details = options.details;
  }
}

/** 408, 409, 429 and 5xx are worth retrying elsewhere by default. */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 409 || status === 429 || status >= 500;
}

/** The code of an upstream's failure: a 429 is a rate limit, anything else the upstream's error. */
export function upstreamErrorCode(status: number): GatewayErrorCode {
  return status === 429 ? 'rate_limited' : 'upstream_error';
}

/** An upstream answered with a non-2xx status. */
export class UpstreamHttpError extends GatewayError {
  /** The upstream's own error body, parsed when it was JSON. */
  readonly upstreamBody: unknown;

  constructor(options: GatewayErrorOptions & { upstreamBody?: unknown }) {
    super(options);
    this.name = 'UpstreamHttpError';
    this.upstreamBody = options.upstreamBody;
  }
}

export function invalidRequest(message: string, param?: string): GatewayError {
  return new GatewayError({ code: 'invalid_request', status: 400, message, ...(param ? { param } : {}) });
}

export function toGatewayError(error: unknown): GatewayError {
  if (error instanceof GatewayError) return error;
  return new GatewayError({
    code: 'internal_error',
    status: 500,
    message: 'Internal error in OmniRoute. The details are in the log.',
    cause: error,
  });
}

export function shuttingDown(): GatewayError {
  return new GatewayError({ code: 'unavailable', status: 503, message: 'OmniRoute is shutting down; try again in a moment.' });
}
