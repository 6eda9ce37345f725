import { GatewayError } from '../../errors/gateway-error.js';
import type { Cancellation } from '../../util/cancellation.js';
import { callUpstream, readBody } from '../call-upstream.js';
import type { UpstreamEndpoint } from '../upstream-endpoint.js';
import { modelListSchema } from './anthropic-api.js';
import { readAnthropicError } from './anthropic-error.js';

const modelListLimit = 8 * 1024 * 1024;
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
  const { endpoint } = options;
  const ids: string[] = [];
  let afterId: string | undefined;
  for (let page = 0; page < maximumPages; page++) {
    const query = `?limit=${pageSize}${afterId === undefined ? '' : `&after_id=${encodeURIComponent(afterId)}`}`;
    const response = await callUpstream({ ...options, method: 'GET', path: `/models${query}` });
    const status = response.statusCode ?? 0;
    if (status < 200 || status >= 300) throw await readAnthropicError(response, endpoint);
    const raw = await readBody(response, modelListLimit);
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw.toString('utf8'));
    } catch {
      parsed = undefined;
    }
    const list = modelListSchema.safeParse(parsed);
    if (!list.success) {
      throw new GatewayError({
        code: 'upstream_error',
        status: 502,
        provider: endpoint.provider,
        message: `Provider '${endpoint.provider}' returned a model list that is not Anthropic's shape.`,
      });
    }
    for (const model of list.data.data) if (model.id !== '') ids.push(model.id);
    const next = list.data.last_id ?? list.data.data.at(-1)?.id;
    if (list.data.has_more !== true || next === undefined || next === afterId) break;
    afterId = next;
  }
  return ids;
}
