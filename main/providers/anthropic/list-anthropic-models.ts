import type { Cancellation } from '../../util/cancellation.js';
import { getUpstreamJson } from '../get-upstream-json.js';
import type { UpstreamEndpoint } from '../upstream-endpoint.js';
import { modelListSchema } from './anthropic-api.js';
import { readAnthropicError } from './anthropic-error.js';

/** Anthropic's largest page. */
const pageSize = 1000;
/** A guard against an upstream whose cursor never ends. */
const maximumPages = 20;

/**
 * Every model id the account can use. The list is paginated (`has_more`, continued with
 * `after_id` = the page's `last_id`).
 * @see https://docs.anthropic.com/en/api/models-list
 */
export async function listAnthropicModels(options: {
  endpoint: UpstreamEndpoint;
  cancellation: Cancellation;
  timeoutMs: number;
  headers: Record<string, string>;
}): Promise<string[]> {
  const ids: string[] = [];
  let afterId: string | undefined;
  for (let page = 0; page < maximumPages; page++) {
    const query = `?limit=${pageSize}${afterId === undefined ? '' : `&after_id=${encodeURIComponent(afterId)}`}`;
    const list = await getUpstreamJson({
      ...options,
      path: `/models${query}`,
      schema: modelListSchema,
      readError: readAnthropicError,
      expected: "a model list in Anthropic's shape",
    });
    for (const model of list.data) if (model.id !== '') ids.push(model.id);
    const next = list.last_id ?? list.data.at(-1)?.id;
    if (list.has_more !== true || next === undefined || next === afterId) break;
    afterId = next;
  }
  return ids;
}
