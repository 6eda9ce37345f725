/**
 * Builds Chat Completions bodies and SSE events in OpenAI's documented shape, field order included,
 * so passthrough tests can compare bytes. Stream events are assembled from precomputed string
 * pieces rather than serialising a whole object per event: the benchmark runs through here.
 *
 * @see https://platform.openai.com/docs/api-reference/chat/object
 * @see https://platform.openai.com/docs/api-reference/chat-streaming/streaming
 */
import type { ScriptedReply, ScriptedUsage } from './openai-simulator-types.js';

/** What OpenAI reports as the backend configuration; any stable `fp_` value will do. */
export const SYSTEM_FINGERPRINT = 'fp_5f3c1e9a7b';

/** Characters the obfuscation field is cut from; OpenAI fills it with random alphanumerics. */
const OBFUSCATION_SOURCE = 'kSx18Gpkah38dLw0M5wAKbe8E2c6Xq1a';

/** Argument fragment size; OpenAI cuts arguments at token boundaries, a few characters each. */
const ARGUMENT_FRAGMENT_LENGTH = 8;

/** The request fields the wire format depends on. */
export interface ChatRequestBody {
  model: string;
  messages: unknown[];
  stream?: boolean;
  stream_options?: { include_usage?: boolean; include_obfuscation?: boolean } | null;
}

/** OpenAI's full usage object, detail fields included. */
export interface WireUsage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
  prompt_tokens_details: { cached_tokens: number; audio_tokens: number };
  completion_tokens_details: { reasoning_tokens: number; audio_tokens: number; accepted_prediction_tokens: number; rejected_prediction_tokens: number };
}

/** A script resolved against one request: everything needed to answer it. */
export interface ResolvedReply {
  text: string;
  contentChunks: string[];
  reasoning: string | undefined;
  reasoningChunks: string[];
  toolCalls: { id: string; name: string; arguments: string }[];
  finishReason: string;
  usage: WireUsage;
}

/** Per-response identity shared by every event of one stream. */
export interface CompletionIdentity {
  id: string;
  created: number;
  model: string;
}

/**
 * The simulator's tokenizer: one token per started group of four characters. Exported so tests can
 * compute the exact usage figures the simulator reports.
 */
export function countSimulatedTokens(text: string): number {
  return Math.ceil(text.length / 4);
}

/** Text of a message's `content`, whether a string or an array of content parts. */
export function messageText(message: unknown): string {
  if (typeof message !== 'object' || message === null) return '';
  const content = (message as { content?: unknown }).content;
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  let text = '';
  for (const part of content) {
    if (typeof part === 'object' && part !== null && typeof (part as { text?: unknown }).text === 'string') text += (part as { text: string }).text;
  }
  return text;
}

/** Default prompt tokens: the simulated token count of all message texts joined, at least one. */
export function simulatedPromptTokens(messages: unknown[]): number {
  let characters = 0;
  for (const message of messages) characters += messageText(message).length;
  return Math.max(1, Math.ceil(characters / 4));
}

/** The default reply echoes the last user message, so a test can prove the prompt arrived intact. */
export function echoReply(messages: unknown[]): ScriptedReply {
  for (let index = messages.length - 1; index >= 0; index--) {
    const message = messages[index];
    if (typeof message === 'object' && message !== null && (message as { role?: unknown }).role === 'user') {
      return { text: `Echo: ${messageText(message)}` };
    }
  }
  return { text: 'Hello from the OpenAI simulator.' };
}

/** Splits text into word-sized deltas, each carrying its leading whitespace as OpenAI tokens do. */
export function splitIntoDeltas(text: string): string[] {
  return text.match(/\s*\S+|\s+$/g) ?? [];
}

/** Cuts tool arguments into fragments without splitting a UTF-16 surrogate pair. */
function splitArguments(argumentsText: string): string[] {
  const fragments: string[] = [];
  let start = 0;
  while (start < argumentsText.length) {
    let end = Math.min(start + ARGUMENT_FRAGMENT_LENGTH, argumentsText.length);
    const code = argumentsText.charCodeAt(end - 1);
    if (end < argumentsText.length && code >= 0xd800 && code <= 0xdbff) end += 1;
    fragments.push(argumentsText.slice(start, end));
    start = end;
  }
  return fragments;
}

function toWireUsage(usage: ScriptedUsage): WireUsage {
  return {
    prompt_tokens: usage.prompt_tokens,
    completion_tokens: usage.completion_tokens,
    total_tokens: usage.total_tokens ?? usage.prompt_tokens + usage.completion_tokens,
    prompt_tokens_details: { cached_tokens: usage.prompt_tokens_details?.cached_tokens ?? 0, audio_tokens: 0 },
    completion_tokens_details: {
      reasoning_tokens: usage.completion_tokens_details?.reasoning_tokens ?? 0,
      audio_tokens: 0,
      accepted_prediction_tokens: 0,
      rejected_prediction_tokens: 0,
    },
  };
}

/** Resolves a script against a request: splits deltas and derives usage when not scripted. */
export function resolveReply(script: ScriptedReply, messages: unknown[]): ResolvedReply {
  const contentChunks = script.chunks ?? splitIntoDeltas(script.text ?? '');
  const text = script.chunks ? script.chunks.join('') : (script.text ?? '');
  const toolCalls = script.toolCalls ?? [];
  const reasoning = script.reasoning;
  let usage = script.usage;
  if (usage === undefined) {
    let completionTokens = countSimulatedTokens(text) + countSimulatedTokens(reasoning ?? '');
    for (const call of toolCalls) completionTokens += countSimulatedTokens(call.name + call.arguments);
    usage = {
      prompt_tokens: simulatedPromptTokens(messages),
      completion_tokens: completionTokens,
      completion_tokens_details: { reasoning_tokens: countSimulatedTokens(reasoning ?? '') },
    };
  }
  return {
    text,
    contentChunks,
    reasoning,
    reasoningChunks: reasoning === undefined ? [] : splitIntoDeltas(reasoning),
    toolCalls,
    finishReason: script.finishReason ?? (toolCalls.length > 0 ? 'tool_calls' : 'stop'),
    usage: toWireUsage(usage),
  };
}

/** The non-streaming `chat.completion` object, serialised. */
export function completionBody(identity: CompletionIdentity, reply: ResolvedReply): string {
  const onlyToolCalls = reply.toolCalls.length > 0 && reply.text === '';
  const message: Record<string, unknown> = { role: 'assistant', content: onlyToolCalls ? null : reply.text };
  if (reply.reasoning !== undefined) message.reasoning_content = reply.reasoning;
  if (reply.toolCalls.length > 0) {
    message.tool_calls = reply.toolCalls.map((call) => ({ id: call.id, type: 'function', function: { name: call.name, arguments: call.arguments } }));
  }
  message.refusal = null;
  message.annotations = [];
  return JSON.stringify({
    id: identity.id,
    object: 'chat.completion',
    created: identity.created,
    model: identity.model,
    choices: [{ index: 0, message, logprobs: null, finish_reason: reply.finishReason }],
    usage: reply.usage,
    service_tier: 'default',
    system_fingerprint: SYSTEM_FINGERPRINT,
  });
}

/** A 200 body that starts like a completion and stops mid-object. */
export function malformedCompletionBody(identity: CompletionIdentity): string {
  return `{"id":${JSON.stringify(identity.id)},"object":"chat.completion","choices":[{"index":0,"message":{"role":`;
}

/**
 * Every SSE event of one streamed reply, `[DONE]` last. Field order, `usage: null` on every chunk
 * when usage was requested (and no `usage` key otherwise), the usage-only chunk with empty
 * `choices`, and `obfuscation` on each chunk follow recorded OpenAI streams.
 */
export function streamEvents(identity: CompletionIdentity, reply: ResolvedReply, request: ChatRequestBody, malformed: boolean): string[] {
  const includeUsage = request.stream_options?.include_usage === true;
  const includeObfuscation = request.stream_options?.include_obfuscation !== false;
  const prefix = `data: {"id":${JSON.stringify(identity.id)},"object":"chat.completion.chunk","created":${identity.created},"model":${JSON.stringify(identity.model)},"service_tier":"default","system_fingerprint":"${SYSTEM_FINGERPRINT}","choices":`;
  const usageField = includeUsage ? ',"usage":null' : '';
  const obfuscation = (payloadLength: number): string =>
    includeObfuscation ? `,"obfuscation":"${OBFUSCATION_SOURCE.slice(0, (payloadLength * 7) % 16)}"` : '';
  const choiceEvent = (delta: string, finishReason: string | null = null): string =>
    `${prefix}[{"index":0,"delta":${delta},"logprobs":null,"finish_reason":${finishReason === null ? 'null' : JSON.stringify(finishReason)}}]${usageField}${obfuscation(delta.length)}}\n\n`;
  const toolHeader = (index: number): string => {
    const call = reply.toolCalls[index]!;
    return `{"index":${index},"id":${JSON.stringify(call.id)},"type":"function","function":{"name":${JSON.stringify(call.name)},"arguments":""}}`;
  };

  const events: string[] = [];
  // OpenAI folds the first tool call's header into the role chunk when the answer starts with it.
  const startsWithToolCall = reply.toolCalls.length > 0 && reply.contentChunks.length === 0 && reply.reasoningChunks.length === 0;
  events.push(
    choiceEvent(
      startsWithToolCall ? `{"role":"assistant","content":null,"tool_calls":[${toolHeader(0)}],"refusal":null}` : '{"role":"assistant","content":"","refusal":null}',
    ),
  );
  if (malformed) events.push(`${prefix}[{"index":0,"delta":{"content":\n\n`);
  for (const piece of reply.reasoningChunks) events.push(choiceEvent(`{"content":null,"reasoning_content":${JSON.stringify(piece)}}`));
  for (const piece of reply.contentChunks) events.push(choiceEvent(`{"content":${JSON.stringify(piece)}}`));
  reply.toolCalls.forEach((call, index) => {
    if (!(startsWithToolCall && index === 0)) events.push(choiceEvent(`{"tool_calls":[${toolHeader(index)}]}`));
    for (const fragment of splitArguments(call.arguments)) {
      events.push(choiceEvent(`{"tool_calls":[{"index":${index},"function":{"arguments":${JSON.stringify(fragment)}}}]}`));
    }
  });
  events.push(choiceEvent('{}', reply.finishReason));
  if (includeUsage) {
    const usage = JSON.stringify(reply.usage);
    events.push(`${prefix}[],"usage":${usage}${obfuscation(usage.length)}}\n\n`);
  }
  events.push('data: [DONE]\n\n');
  return events;
}

/**
 * The first `afterChunks` events of a stream, then an `{"error": ...}` event, and nothing after it
 * (no `[DONE]`): how OpenAI ends a stream whose model failed mid-answer.
 */
export function withStreamError<Chunk extends string | Buffer>(events: readonly Chunk[], fault: { afterChunks: number; error: unknown }): (Chunk | string)[] {
  return [...events.slice(0, fault.afterChunks), `data: ${JSON.stringify({ error: fault.error })}\n\n`];
}
