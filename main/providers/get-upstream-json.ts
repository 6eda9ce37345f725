import type { z } from '../../shared/zod.js';
import { GatewayError } from '../errors/gateway-error.js';
import type { Cancellation } from '../util/cancellation.js';
import { callForAnswer, readBody, type UpstreamErrorReader } from './call-upstream.js';
import type { UpstreamEndpoint } from './upstream-endpoint.js';

const documentLimit = 8 * 1024 * 1024;

/**
 * GETs a JSON document from an upstream (model lists): a non-2xx answer becomes the family's own
 * error, and a body that is not JSON or not `schema` a 502 that says which shape was expected.
 */
export async function getUpstreamJson<T>(options: {
  endpoint: UpstreamEndpoint;
  path: string;
  cancellation: Cancellation;
  timeoutMs: number;
  headers?: Record<string, string>;
  schema: z.ZodMiniType<T>;
  /** The family's error reader for non-2xx answers. */
  readError: UpstreamErrorReader;
  /** What was expected, for the 502: e.g. "a model list in Anthropic's shape". */
  expected: string;
}): Promise<T> {
  const { endpoint } = options;
  const response = await callForAnswer({ ...options, method: 'GET' }, options.readError);
  const raw = await readBody(response, documentLimit);
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw.toString('utf8'));
  } catch {
    parsed = undefined;
  }
  const result = options.schema.safeParse(parsed);
  if (!result.success) {
    throw new GatewayError({
      code: 'upstream_error',
      status: 502,
      provider: endpoint.provider,
      message: `Provider '${endpoint.provider}' did not return ${options.expected}.`,
    });
  }
  return result.data;
}
