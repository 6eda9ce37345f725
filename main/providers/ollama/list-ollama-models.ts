import { GatewayError } from '../../errors/gateway-error.js';
import type { Cancellation } from '../../util/cancellation.js';
import { callUpstream, readBody } from '../call-upstream.js';
import type { UpstreamEndpoint } from '../upstream-endpoint.js';
import { ollamaTagsSchema } from './ollama-api.js';
import { readOllamaError } from './ollama-error.js';

const modelListLimit = 8 * 1024 * 1024;

/**
 * The server's models, by name, from `GET /api/tags`.
 * @see https://github.com/ollama/ollama/blob/main/docs/api.md#list-local-models
 */
export async function listOllamaModels(options: { endpoint: UpstreamEndpoint; cancellation: Cancellation; timeoutMs: number }): Promise<string[]> {
  const { endpoint } = options;
  const response = await callUpstream({ ...options, method: 'GET', path: '/api/tags' });
  const status = response.statusCode ?? 0;
  if (status < 200 || status >= 300) throw await readOllamaError(response, endpoint);
  const raw = await readBody(response, modelListLimit);
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw.toString('utf8'));
  } catch {
    parsed = undefined;
  }
  const tags = ollamaTagsSchema.safeParse(parsed);
  if (!tags.success) {
    throw new GatewayError({
      code: 'upstream_error',
      status: 502,
      provider: endpoint.provider,
      message: `Provider '${endpoint.provider}' returned a model list that is not Ollama's {models: [...]}.`,
    });
  }
  return tags.data.models.map((model) => model.name ?? model.model ?? '').filter((name) => name.length > 0);
}
