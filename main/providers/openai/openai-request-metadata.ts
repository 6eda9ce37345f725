import type { JsonObject, JsonValue, ProviderMetadata } from '../../spec/index.js';

/**
 * What a Chat Completions request carries in `providerMetadata.openai` beyond the neutral
 * fields: written by the openai-chat client format, restored by this family's encoder so an
 * OpenAI body survives the hub, and read by the openai-chat stream encoder (`includeUsage`).
 */
export interface OpenAiRequestMetadata {
  /** `stream_options.include_usage` as the client asked: whether its stream ends with a usage chunk. */
  includeUsage: boolean | undefined;
  /** The client's `reasoning_effort` when the neutral effort cannot hold it (`none`, `xhigh`). */
  reasoningEffort: string | undefined;
  /** Which of the two output-limit fields the client used. */
  maxTokensField: 'max_tokens' | 'max_completion_tokens' | undefined;
  /** `response_format.json_schema.description`. */
  responseFormatDescription: string | undefined;
  /** OpenAI body fields with no neutral home (`logprobs`, `frequency_penalty`, ...), verbatim. */
  extraFields: JsonObject | undefined;
}

/** The body fields kept verbatim in `extraFields`: OpenAI parameters the hub has no field for. */
export const openAiExtraFieldNames: readonly string[] = [
  'frequency_penalty',
  'presence_penalty',
  'logit_bias',
  'logprobs',
  'top_logprobs',
  'service_tier',
  'store',
  'metadata',
  'prediction',
  'verbosity',
  'prompt_cache_key',
  'safety_identifier',
  'web_search_options',
];

export function readOpenAiRequestMetadata(providerMetadata: ProviderMetadata | undefined): OpenAiRequestMetadata {
  const openai = providerMetadata?.openai;
  const maxTokensField = openai?.maxTokensField;
  const extraFields = openai?.extraFields;
  return {
    includeUsage: typeof openai?.includeUsage === 'boolean' ? openai.includeUsage : undefined,
    reasoningEffort: stringOrUndefined(openai?.reasoningEffort),
    maxTokensField: maxTokensField === 'max_tokens' || maxTokensField === 'max_completion_tokens' ? maxTokensField : undefined,
    responseFormatDescription: stringOrUndefined(openai?.responseFormatDescription),
    extraFields: isJsonObject(extraFields) ? extraFields : undefined,
  };
}

/** Reads one string field of a part's `providerMetadata.openai` (`imageDetail`, `role`). */
export function openAiPartMetadata(providerMetadata: ProviderMetadata | undefined, key: string): JsonValue | undefined {
  return providerMetadata?.openai?.[key];
}

function stringOrUndefined(value: JsonValue | undefined): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function isJsonObject(value: JsonValue | undefined): value is JsonObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
