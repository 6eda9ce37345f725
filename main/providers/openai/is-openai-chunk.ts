import type { OpenAiChunk } from './openai-api.js';

type Unknown = Record<string, unknown>;

const isObject = (value: unknown): value is Unknown => value !== null && typeof value === 'object' && !Array.isArray(value);
const optionalString = (value: unknown): boolean => value === undefined || value === null || typeof value === 'string';
const optionalNumber = (value: unknown): boolean => value === undefined || value === null || typeof value === 'number';

/**
 * The same check as `openAiChunkSchema`, by hand: a stream carries one chunk per token, and zod's
 * parse was a third of the translation's CPU per stream. A test holds the two to the same verdicts.
 */
export function isOpenAiChunk(value: unknown): value is OpenAiChunk {
  if (!isObject(value)) return false;
  if (!optionalString(value.id) || !optionalString(value.model) || !optionalNumber(value.created)) return false;
  const { choices, usage } = value;
  if (choices !== undefined && choices !== null) {
    if (!Array.isArray(choices)) return false;
    for (const choice of choices) if (!isChoice(choice)) return false;
  }
  return usage === undefined || usage === null || isUsage(usage);
}

function isChoice(choice: unknown): boolean {
  if (!isObject(choice) || !optionalString(choice.finish_reason)) return false;
  const delta = choice.delta;
  if (delta === undefined || delta === null) return true;
  if (!isObject(delta)) return false;
  if (!optionalString(delta.content) || !optionalString(delta.reasoning_content) || !optionalString(delta.reasoning) || !optionalString(delta.refusal)) return false;
  const calls = delta.tool_calls;
  if (calls === undefined || calls === null) return true;
  return Array.isArray(calls) && calls.every(isToolCall);
}

function isToolCall(call: unknown): boolean {
  if (!isObject(call) || !optionalString(call.id) || !optionalString(call.type)) return false;
  if (!(call.index === undefined || call.index === null || Number.isInteger(call.index))) return false;
  const fn = call.function;
  return fn === undefined || fn === null || (isObject(fn) && optionalString(fn.name) && optionalString(fn.arguments));
}

function isUsage(usage: unknown): boolean {
  if (!isObject(usage)) return false;
  if (!optionalNumber(usage.prompt_tokens) || !optionalNumber(usage.completion_tokens) || !optionalNumber(usage.prompt_cache_hit_tokens)) return false;
  const prompt = usage.prompt_tokens_details;
  if (!(prompt === undefined || prompt === null || (isObject(prompt) && optionalNumber(prompt.cached_tokens)))) return false;
  const completion = usage.completion_tokens_details;
  return completion === undefined || completion === null || (isObject(completion) && optionalNumber(completion.reasoning_tokens));
}
