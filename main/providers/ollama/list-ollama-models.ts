import type { Cancellation } from '../../util/cancellation.js';
import { getUpstreamJson } from '../get-upstream-json.js';
import type { UpstreamEndpoint } from '../upstream-endpoint.js';
import { ollamaTagsSchema } from './ollama-api.js';
import { readOllamaError } from './ollama-error.js';


/**
 * The server's models, by name, from `GET /api/tags`.
 * @see https://github.com/ollama/ollama/blob/main/docs/api.md#list-local-models
 */
export async function listOllamaModels(options: { endpoint: UpstreamEndpoint; cancellation: Cancellation; timeoutMs: number }): Promise<string[]> {
  const tags = await getUpstreamJson({
    ...options,
    path: '/api/tags',
    schema: ollamaTagsSchema,
    readError: readOllamaError,
    expected: "a model list in Ollama's {models: [...]} shape",
  });
  return tags.models.map((model) => model.name ?? model.model ?? '').filter((name) => name.length > 0);
}
