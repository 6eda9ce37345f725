import type { Cancellation } from '../../util/cancellation.js';
import { getUpstreamJson } from '../get-upstream-json.js';
import type { UpstreamEndpoint } from '../upstream-endpoint.js';
import { geminiModelListSchema } from './gemini-api.js';
import { readGeminiError } from './gemini-error.js';

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
  const names: string[] = [];
  let pageToken: string | undefined;
  for (let page = 0; page < maximumPages; page++) {
    const query = `?pageSize=${pageSize}${pageToken === undefined ? '' : `&pageToken=${encodeURIComponent(pageToken)}`}`;
    const list = await getUpstreamJson({
      ...options,
      path: `/models${query}`,
      schema: geminiModelListSchema,
      readError: readGeminiError,
      expected: "a model list in Gemini's shape",
    });
    for (const model of list.models ?? []) {
      const name = model.name.replace(/^models\//, '');
      if (name !== '') names.push(name);
    }
    const next = list.nextPageToken;
    if (!next || next === pageToken) break;
    pageToken = next;
  }
  return names;
}
