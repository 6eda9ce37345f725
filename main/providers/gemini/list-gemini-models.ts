import { GatewayError } from '../../errors/gateway-error.js';
import type { Cancellation } from '../../util/cancellation.js';
import { callUpstream, readBody } from '../call-upstream.js';
import type { UpstreamEndpoint } from '../upstream-endpoint.js';
import { geminiModelListSchema } from './gemini-api.js';
import { readGeminiError } from './gemini-error.js';

const modelListLimit = 8 * 1024 * 1024;
/** Gemini's largest page. */
const pageSize = 1000;
/** A guard against an upstream whose page token never ends. */
const maximumPages = 20;

/**
 * Every model the key can use, without the `models/` prefix of Gemini's resource names. The list
 * is paginated with `nextPageToken`.
 * @see https://ai.google.dev/api/models#method:-models.list
 */
export async function listGeminiModels(options: { endpoint: UpstreamEndpoint; cancellation: Cancellation; timeoutMs: number }): Promise<string[]> {
  const { endpoint } = options;
  const names: string[] = [];
  let pageToken: string | undefined;
  for (let page = 0; page < maximumPages; page++) {
    const query = `?pageSize=${pageSize}${pageToken === undefined ? '' : `&pageToken=${encodeURIComponent(pageToken)}`}`;
    const response = await callUpstream({ ...options, method: 'GET', path: `/models${query}` });
    const status = response.statusCode ?? 0;
    if (status < 200 || status >= 300) throw await readGeminiError(response, endpoint);
    const raw = await readBody(response, modelListLimit);
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw.toString('utf8'));
    } catch {
      parsed = undefined;
    }
    const list = geminiModelListSchema.safeParse(parsed);
    if (!list.success) {
      throw new GatewayError({
        code: 'upstream_error',
        status: 502,
        provider: endpoint.provider,
        message: `Provider '${endpoint.provider}' returned a model list that is not Gemini's shape.`,
      });
    }
    for (const model of list.data.models ?? []) {
      const name = model.name.replace(/^models\//, '');
      if (name !== '') names.push(name);
    }
    const next = list.data.nextPageToken;
    if (!next || next === pageToken) break;
    pageToken = next;
  }
  return names;
}
