/**
 * Builds Messages answers and SSE events in Anthropic's documented shape and order: the message
 * object with its usage, and `message_start`, `content_block_start`, `ping`, deltas,
 * `content_block_stop`, `message_delta` (cumulative usage), `message_stop`, each with its
 * `event:` line.
 *
 * @see https://docs.anthropic.com/en/api/messages
 * @see https://docs.anthropic.com/en/docs/build-with-claude/streaming
 */
import { countSimulatedTokens, splitIntoDeltas } from './openai-simulator-wire.js';
import type { ScriptedAnthropicUsage, ScriptedBlock, ScriptedReply } from './anthropic-simulator-types.js';

export { countSimulatedTokens } from './openai-simulator-wire.js';

/** Tool input fragment size; Anthropic cuts the JSON at token boundaries, a few characters each. */
const INPUT_FRAGMENT_LENGTH = 10;

/** The request fields the wire format depends on. */
export interface MessagesRequestBody {
  model: string;
  max_tokens: number;
  messages: unknown[];
  system?: unknown;
  stream?: boolean;
}

/** A script resolved against one request. */
export interface ResolvedReply {
  content: ScriptedBlock[];
  stopReason: string;
  stopSequence: string | null;
  usage: Required<ScriptedAnthropicUsage>;
}

/** Text of a `content` or `system` value: a string, or the text of its blocks (tool results included). */
export function contentText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  let text = '';
  for (const block of content) {
    if (typeof block !== 'object' || block === null) continue;
    const { text: blockText, content: nested } = block as { text?: unknown; content?: unknown };
    if (typeof blockText === 'string') text += blockText;
    else if (nested !== undefined) text += contentText(nested);
  }
  return text;
}

/** Default input tokens: the simulated count of the system prompt and all message texts, at least one. */
export function simulatedInputTokens(request: MessagesRequestBody): number {
  let characters = contentText(request.system).length;
  for (const message of request.messages) characters += contentText((message as { content?: unknown } | null)?.content).length;
  return Math.max(1, Math.ceil(characters / 4));
}

/** The default reply echoes the last user text, so a test can prove the prompt arrived intact. */
export function echoReply(messages: unknown[]): ScriptedReply {
  for (let index = messages.length - 1; index >= 0; index--) {
    const message = messages[index] as { role?: unknown; content?: unknown } | null;
    if (message?.role === 'user') return { text: `Echo: ${contentText(message.content)}` };
  }
  return { text: 'Hello from the Anthropic simulator.' };
}

export function resolveReply(script: ScriptedReply, request: MessagesRequestBody): ResolvedReply {
  const content = script.content ?? [{ type: 'text', text: script.text ?? '' }];
  let outputTokens = 0;
  for (const block of content) {
    if (block.type === 'text') outputTokens += countSimulatedTokens(block.text);
    else if (block.type === 'thinking') outputTokens += countSimulatedTokens(block.thinking);
    else if (block.type === 'tool_use') outputTokens += countSimulatedTokens(block.name + JSON.stringify(block.input));
  }
  const usage = script.usage ?? { input_tokens: simulatedInputTokens(request), output_tokens: Math.max(1, outputTokens) };
  return {
    content,
    stopReason: script.stopReason ?? (content.some((block) => block.type === 'tool_use') ? 'tool_use' : 'end_turn'),
    stopSequence: script.stopSequence ?? null,
    usage: { cache_creation_input_tokens: 0, cache_read_input_tokens: 0, ...usage },
  };
}

function wireUsage(usage: Required<ScriptedAnthropicUsage>, outputTokens: number): Record<string, unknown> {
  return {
    input_tokens: usage.input_tokens,
    cache_creation_input_tokens: usage.cache_creation_input_tokens,
    cache_read_input_tokens: usage.cache_read_input_tokens,
    cache_creation: { ephemeral_5m_input_tokens: usage.cache_creation_input_tokens, ephemeral_1h_input_tokens: 0 },
    output_tokens: outputTokens,
    service_tier: 'standard',
  };
}

function wireBlock(block: ScriptedBlock): Record<string, unknown> {
  switch (block.type) {
    case 'text':
      return { type: 'text', text: block.text };
    case 'thinking':
      return { type: 'thinking', thinking: block.thinking, signature: block.signature };
    case 'redacted_thinking':
      return { type: 'redacted_thinking', data: block.data };
    case 'tool_use':
      return { type: 'tool_use', id: block.id, name: block.name, input: block.input };
  }
}

/** The non-streaming message object, serialised. */
export function messageBody(id: string, model: string, reply: ResolvedReply): string {
  return JSON.stringify({
    id,
    type: 'message',
    role: 'assistant',
    model,
    content: reply.content.map(wireBlock),
    stop_reason: reply.stopReason,
    stop_sequence: reply.stopSequence,
    usage: wireUsage(reply.usage, reply.usage.output_tokens),
  });
}

function event(name: string, payload: unknown): string {
  return `event: ${name}\ndata: ${JSON.stringify(payload)}\n\n`;
}

function splitInput(json: string): string[] {
  const fragments = [''];
  for (let start = 0; start < json.length; start += INPUT_FRAGMENT_LENGTH) fragments.push(json.slice(start, start + INPUT_FRAGMENT_LENGTH));
  return fragments;
}

/** Every SSE event of one streamed reply, `message_stop` last. */
export function streamEvents(id: string, model: string, reply: ResolvedReply): string[] {
  const events: string[] = [
    event('message_start', {
      type: 'message_start',
      message: { id, type: 'message', role: 'assistant', model, content: [], stop_reason: null, stop_sequence: null, usage: wireUsage(reply.usage, 1) },
    }),
  ];
  const ping = event('ping', { type: 'ping' });
  if (reply.content.length === 0) events.push(ping);
  reply.content.forEach((block, index) => {
    const delta = (payload: Record<string, unknown>): string => event('content_block_delta', { type: 'content_block_delta', index, delta: payload });
    const start = block.type === 'text' ? { type: 'text', text: '' } : block.type === 'thinking' ? { type: 'thinking', thinking: '', signature: '' } : block.type === 'tool_use' ? { ...wireBlock(block), input: {} } : wireBlock(block);
    events.push(event('content_block_start', { type: 'content_block_start', index, content_block: start }));
    // Anthropic sends its ping right after the first block opens.
    if (index === 0) events.push(ping);
    if (block.type === 'text') {
      for (const text of block.chunks ?? splitIntoDeltas(block.text)) events.push(delta({ type: 'text_delta', text }));
    } else if (block.type === 'thinking') {
      for (const thinking of splitIntoDeltas(block.thinking)) events.push(delta({ type: 'thinking_delta', thinking }));
      events.push(delta({ type: 'signature_delta', signature: block.signature }));
    } else if (block.type === 'tool_use') {
      for (const partial_json of splitInput(JSON.stringify(block.input))) events.push(delta({ type: 'input_json_delta', partial_json }));
    }
    events.push(event('content_block_stop', { type: 'content_block_stop', index }));
  });
  const usage = wireUsage(reply.usage, reply.usage.output_tokens);
  delete usage.cache_creation;
  delete usage.service_tier;
  events.push(event('message_delta', { type: 'message_delta', delta: { stop_reason: reply.stopReason, stop_sequence: reply.stopSequence }, usage }));
  events.push(event('message_stop', { type: 'message_stop' }));
  return events;
}
