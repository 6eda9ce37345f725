import { invalidRequest } from '../../errors/gateway-error.js';
import type { ChatRequest, JsonObject, JsonValue, ReasoningOptions, ResponseFormat } from '../../spec/index.js';
import type { OllamaChatRequest } from './ollama-request-schema.js';

type Common = Pick<OllamaChatRequest, 'format' | 'options' | 'think' | 'keep_alive'>;

/** The sampling fields of a ChatRequest that Ollama sets through `options`, `format` and `think`. */
export type DecodedOllamaSettings = Pick<
  ChatRequest,
  'maxOutputTokens' | 'temperature' | 'topP' | 'topK' | 'stopSequences' | 'seed' | 'responseFormat' | 'reasoning'
> & { metadata: JsonObject };

/**
 * `options`, `format`, `think` and `keep_alive` in neutral terms. Options with a neutral field are
 * read from `options`; the rest (`num_ctx`, `repeat_penalty`, ...) and `keep_alive` travel in
 * `providerMetadata.ollama` so an Ollama upstream gets them back. A `num_predict` of -1 (no limit)
 * or -2 (fill the context) has no neutral counterpart and is kept the same way.
 * @see https://github.com/ollama/ollama/blob/main/docs/modelfile.md#valid-parameters-and-values
 */
export function decodeOllamaSettings(request: Common): DecodedOllamaSettings {
  const { temperature, top_p, top_k, num_predict, stop, seed, ...rest } = request.options ?? {};
  const extraOptions: JsonObject = { ...(rest as JsonObject) };
  const maxTokens = integer(num_predict, 'options.num_predict');
  if (maxTokens !== undefined && maxTokens <= 0) extraOptions.num_predict = maxTokens;
  const metadata: JsonObject = {};
  if (Object.keys(extraOptions).length > 0) metadata.options = extraOptions;
  if (request.keep_alive != null) metadata.keepAlive = request.keep_alive;
  if (request.think != null) metadata.think = request.think;
  return {
    maxOutputTokens: maxTokens !== undefined && maxTokens > 0 ? maxTokens : undefined,
    temperature: number(temperature, 'options.temperature'),
    topP: number(top_p, 'options.top_p'),
    topK: integer(top_k, 'options.top_k'),
    stopSequences: stopSequences(stop),
    seed: integer(seed, 'options.seed'),
    responseFormat: decodeFormat(request.format),
    reasoning: decodeThink(request.think),
    metadata,
  };
}

function number(value: unknown, param: string): number | undefined {
  if (value == null) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value)) throw invalidRequest(`Invalid '${param}': expected a number.`, param);
  return value;
}

function integer(value: unknown, param: string): number | undefined {
  const parsed = number(value, param);
  if (parsed !== undefined && !Number.isInteger(parsed)) throw invalidRequest(`Invalid '${param}': expected an integer.`, param);
  return parsed;
}

function stopSequences(value: unknown): string[] {
  if (value == null) return [];
  if (typeof value === 'string') return [value];
  if (Array.isArray(value) && value.every((item) => typeof item === 'string')) return value as string[];
  throw invalidRequest("Invalid 'options.stop': expected an array of strings.", 'options.stop');
}

/** `"json"` is JSON mode; an object is a JSON schema the answer must follow. */
function decodeFormat(format: Common['format']): ResponseFormat | undefined {
  if (format == null || format === '') return undefined;
  if (format === 'json') return { type: 'json', schema: undefined, name: undefined, strict: undefined };
  return { type: 'json', schema: format as Record<string, JsonValue | undefined>, name: undefined, strict: undefined };
}

/** `true` asks for thinking at the model's default depth; a level is an effort. */
function decodeThink(think: Common['think']): ReasoningOptions | undefined {
  if (think == null || think === false) return undefined;
  if (think === true) return { effort: undefined, budgetTokens: undefined };
  return { effort: think, budgetTokens: undefined };
}
