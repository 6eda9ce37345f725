/**
 * Wire builders of the OpenAI simulator's JSON endpoints besides chat: embeddings and image
 * generation, in the documented request and answer shapes.
 *
 * @see https://platform.openai.com/docs/api-reference/embeddings/create
 * @see https://platform.openai.com/docs/api-reference/images/create
 */
import { missingParameterEnvelope } from './openai-simulator-errors.js';
import { countSimulatedTokens } from './openai-simulator-wire.js';
import { simulatedEmbedding } from './simulated-embedding.js';

/** A status and a JSON body to send. */
export interface WireAnswer {
  status: number;
  body: unknown;
}

/** A 1x1 PNG: what every simulated image is. */
export const SIMULATED_PNG_BASE64 = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

/**
 * `POST /v1/embeddings`: `input` as a string or an array of strings; `encoding_format: 'base64'`
 * (what the OpenAI SDK asks for unless told otherwise) sends each vector as little-endian float32.
 */
export function embeddingsAnswer(body: unknown): WireAnswer {
  const { input, model, encoding_format: encoding } = (body ?? {}) as { input?: unknown; model?: unknown; encoding_format?: unknown };
  const texts = typeof input === 'string' ? [input] : Array.isArray(input) && input.every((item) => typeof item === 'string') ? (input as string[]) : undefined;
  if (texts === undefined || texts.length === 0) return { status: 400, body: missingParameterEnvelope('input') };
  const data = texts.map((text, index) => {
    const vector = simulatedEmbedding(text);
    const embedding = encoding === 'base64' ? Buffer.from(new Float32Array(vector).buffer).toString('base64') : vector;
    return { object: 'embedding', index, embedding };
  });
  const promptTokens = texts.reduce((sum, text) => sum + Math.max(1, countSimulatedTokens(text)), 0);
  return { status: 200, body: { object: 'list', data, model, usage: { prompt_tokens: promptTokens, total_tokens: promptTokens } } };
}

/**
 * `POST /v1/images/generations`: GPT image models always answer with `b64_json` and report token
 * usage; DALL·E models answer with a `url` unless `response_format: 'b64_json'`, and DALL·E 3
 * adds its `revised_prompt`.
 */
export function imagesAnswer(body: unknown, imageUrl: (index: number) => string): WireAnswer {
  const { prompt, model, n, response_format: format } = (body ?? {}) as { prompt?: unknown; model?: unknown; n?: unknown; response_format?: unknown };
  if (typeof prompt !== 'string' || prompt === '') return { status: 400, body: missingParameterEnvelope('prompt') };
  const count = typeof n === 'number' ? n : 1;
  const gptImage = typeof model === 'string' && model.startsWith('gpt-image');
  const data = Array.from({ length: count }, (_, index) => {
    if (gptImage || format === 'b64_json') return { b64_json: SIMULATED_PNG_BASE64 };
    return { url: imageUrl(index), ...(model === 'dall-e-3' ? { revised_prompt: `A picture of ${prompt}` } : {}) };
  });
  const created = Math.floor(Date.now() / 1000);
  if (!gptImage) return { status: 200, body: { created, data } };
  const inputTokens = countSimulatedTokens(prompt);
  const outputTokens = 272 * count;
  const usage = { input_tokens: inputTokens, output_tokens: outputTokens, total_tokens: inputTokens + outputTokens, input_tokens_details: { text_tokens: inputTokens, image_tokens: 0 } };
  return { status: 200, body: { created, data, usage } };
}
