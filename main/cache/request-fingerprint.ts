import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json.js';

export interface FingerprintInput {
  /** The endpoint path; for Gemini it names the model and the method. */
  path: string;
  /** The query string without `?`, or ''. Only parameters that change the answer are kept. */
  query: string;
  /** Whose answer this is: an API key id, or an anonymous client's scope. */
  scope: string;
  body: unknown;
}

// `alt=sse` turns a Gemini stream from a JSON array into SSE; `key` is a credential and never kept.
const answerShapingQuery = ['alt'];

/**
 * The sha256 of everything that decides an answer: endpoint, answer-shaping query parameters,
 * whose request it is, and the body with keys sorted. Used as the response cache key and to tell
 * an idempotent duplicate from a different request under the same key.
 */
export function requestFingerprint(input: FingerprintInput): string {
  const params = new URLSearchParams(input.query);
  const query = answerShapingQuery.map((name) => `${name}=${params.get(name) ?? ''}`).join('&');
  return createHash('sha256').update(`${input.path}\n${query}\n${input.scope}\n`).update(canonicalJson(input.body)).digest('hex');
}
