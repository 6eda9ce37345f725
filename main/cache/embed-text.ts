import { GatewayError } from '../errors/gateway-error.js';
import type { RoutingEngine } from '../gateway/routing/routing-engine.js';
import { resolveTarget } from '../gateway/resolve-target.js';
import { callUpstream, readBody } from '../providers/call-upstream.js';
import { Cancellation } from '../util/cancellation.js';

const answerLimit = 16 * 1024 * 1024;
const embeddingTimeoutMs = 30_000;

/**
 * Embeds one text with an `openai`-family provider's `/embeddings` endpoint (OpenAI and every
 * OpenAI-compatible vendor), for the semantic cache. `model` is routable: `provider/model`.
 * @see https://platform.openai.com/docs/api-reference/embeddings/create
 */
export async function embedText(engine: RoutingEngine, model: string, text: string): Promise<Float32Array> {
  const target = resolveTarget(engine, model, undefined);
  const provider = target.provider.record.name;
  if (target.provider.adapter.family !== 'openai') {
    throw new GatewayError({ code: 'invalid_request', status: 400, provider, message: `The semantic cache's embedding model must be on an OpenAI-compatible provider; '${provider}' is not.` });
  }
  const response = await callUpstream({
    endpoint: target.account.endpoint,
    method: 'POST',
    path: '/embeddings',
    body: JSON.stringify({ model: target.upstreamModel, input: text }),
    cancellation: Cancellation.timeout(embeddingTimeoutMs),
    timeoutMs: embeddingTimeoutMs,
  });
  const raw = await readBody(response, answerLimit);
  const status = response.statusCode ?? 0;
  const embedding = status >= 200 && status < 300 ? embeddingOf(raw) : undefined;
  if (!embedding) {
    throw new GatewayError({ code: 'upstream_error', status: 502, provider, message: `Provider '${provider}' gave no embedding (HTTP ${status}).` });
  }
  return embedding;
}

function embeddingOf(raw: Buffer): Float32Array | undefined {
  try {
    const body = JSON.parse(raw.toString('utf8')) as { data?: { embedding?: unknown }[] };
    const vector = body.data?.[0]?.embedding;
    return Array.isArray(vector) && vector.length > 0 && vector.every((value) => typeof value === 'number') ? Float32Array.from(vector) : undefined;
  } catch {
    return undefined;
  }
}
