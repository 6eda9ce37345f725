import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { GatewayError, UpstreamHttpError } from '../../../main/errors/gateway-error.js';
import { openAiAdapter } from '../../../main/providers/openai/openai-adapter.js';
import type { StreamPart } from '../../../main/spec/index.js';
import { resolveReply, streamEvents } from '../../support/openai-simulator-wire.js';
import type { ScriptedReply } from '../../support/openai-simulator.js';

const identity = { id: 'chatcmpl-abc', created: 1700000000, model: 'gpt-4o-mini' };

/** An OpenAI stream in its recorded shape (the simulator's wire builder), usage chunk included. */
function recorded(script: ScriptedReply, includeUsage = true): string {
  return streamEvents(identity, resolveReply(script, []), { model: identity.model, messages: [], stream: true, stream_options: { include_usage: includeUsage } }, false).join('');
}

function decodePieces(pieces: Buffer[]): StreamPart[] {
  const decoder = openAiAdapter.createStreamDecoder();
  const parts = pieces.flatMap((piece) => decoder.push(piece));
  return [...parts, ...decoder.end()];
}

/** Decodes `text` whole, then split at every byte boundary and byte by byte; all must agree. */
function decode(text: string): StreamPart[] {
  const bytes = Buffer.from(text, 'utf8');
  const whole = decodePieces([bytes]);
  for (let cut = 1; cut < bytes.length; cut += 1) {
    assert.deepEqual(comparable(decodePieces([bytes.subarray(0, cut), bytes.subarray(cut)])), comparable(whole), `split at byte ${cut}`);
  }
  assert.deepEqual(comparable(decodePieces([...bytes].map((byte) => Buffer.from([byte])))), comparable(whole), 'byte by byte');
  return whole;
}

/** Errors compared by class, code, status and message. */
function comparable(parts: StreamPart[]): unknown[] {
  return parts.map((part) => (part.type === 'error' ? { type: 'error', error: errorSummary(part.error) } : part));
}
function errorSummary(error: unknown): unknown {
  return error instanceof GatewayError ? { name: error.name, code: error.code, status: error.status, message: error.message } : error;
}

const metadata: StreamPart = { type: 'response-metadata', id: 'chatcmpl-abc', modelId: 'gpt-4o-mini', created: 1700000000 };
const wireUsage = (prompt: number, completion: number, reasoning = 0) => ({ prompt_tokens: prompt, completion_tokens: completion, completion_tokens_details: { reasoning_tokens: reasoning } });

describe('openai stream decoder', () => {
  it('text: metadata, one text block, finish after the usage chunk with the figures reported', () => {
    const parts = decode(recorded({ chunks: ['Hel', 'lo ✓ ', '🙂'], usage: { ...wireUsage(9, 4), prompt_tokens_details: { cached_tokens: 2 } } }));
    assert.deepEqual(parts, [
      metadata,
      { type: 'text-start', id: 'text-0' },
      { type: 'text-delta', id: 'text-0', delta: 'Hel' },
      { type: 'text-delta', id: 'text-0', delta: 'lo ✓ ' },
      { type: 'text-delta', id: 'text-0', delta: '🙂' },
      { type: 'text-end', id: 'text-0' },
      {
        type: 'finish',
        finishReason: { unified: 'stop', raw: 'stop' },
        usage: { inputTokens: 9, outputTokens: 4, cachedInputTokens: 2, cacheWriteInputTokens: undefined, reasoningTokens: 0 },
      },
    ]);
  });

  it('reasoning_content is its own block, closed before the text starts', () => {
    const parts = decode(recorded({ reasoning: 'Think first.', text: 'Done.', usage: wireUsage(3, 5, 2) }));
    assert.deepEqual(parts.slice(1, -1), [
      { type: 'reasoning-start', id: 'reasoning-0' },
      { type: 'reasoning-delta', id: 'reasoning-0', delta: 'Think' },
      { type: 'reasoning-delta', id: 'reasoning-0', delta: ' first.' },
      { type: 'reasoning-end', id: 'reasoning-0' },
      { type: 'text-start', id: 'text-1' },
      { type: 'text-delta', id: 'text-1', delta: 'Done.' },
      { type: 'text-end', id: 'text-1' },
    ]);
    const finish = parts.at(-1);
    assert.ok(finish?.type === 'finish');
    assert.equal(finish.usage.reasoningTokens, 2);
  });

  it('parallel tool calls: one block per index, ids and argument text exact, each ended with its whole call', () => {
    const calls = [
      { id: 'call_Ab1', name: 'get_weather', arguments: '{"city": "Paris", "note": "naïve ✓ 🙂"}' },
      { id: 'call_Cd2', name: 'get_time', arguments: '{}' },
    ];
    const parts = decode(recorded({ toolCalls: calls, usage: wireUsage(5, 6) }));
    const first = calls[0]!;
    assert.deepEqual(
      parts.filter((part) => part.type !== 'tool-input-delta'),
      [
        metadata,
        { type: 'tool-input-start', id: 'call_Ab1', toolName: 'get_weather' },
        { type: 'tool-input-end', id: 'call_Ab1' },
        { type: 'tool-call', toolCallId: 'call_Ab1', toolName: 'get_weather', input: first.arguments },
        { type: 'tool-input-start', id: 'call_Cd2', toolName: 'get_time' },
        { type: 'tool-input-end', id: 'call_Cd2' },
        { type: 'tool-call', toolCallId: 'call_Cd2', toolName: 'get_time', input: '{}' },
        { type: 'finish', finishReason: { unified: 'tool-calls', raw: 'tool_calls' }, usage: { inputTokens: 5, outputTokens: 6, cachedInputTokens: 0, cacheWriteInputTokens: undefined, reasoningTokens: 0 } },
      ],
    );
    const deltas = parts.filter((part) => part.type === 'tool-input-delta');
    const firstDeltas = deltas.filter((part) => part.id === 'call_Ab1');
    assert.ok(firstDeltas.length > 1, 'the arguments arrived in several fragments');
    assert.equal(firstDeltas.map((part) => part.delta).join(''), first.arguments);
  });

  it('a stream without include_usage finishes at [DONE] with unknown usage', () => {
    const parts = decode(recorded({ text: 'Hi' }, false));
    assert.deepEqual(parts.at(-1), {
      type: 'finish',
      finishReason: { unified: 'stop', raw: 'stop' },
      usage: { inputTokens: undefined, outputTokens: undefined, cachedInputTokens: undefined, cacheWriteInputTokens: undefined, reasoningTokens: undefined },
    });
  });

  it('finishes at [DONE], without waiting for the connection to close; [DONE] alone is a finish too', () => {
    const decoder = openAiAdapter.createStreamDecoder();
    const parts = decoder.push(Buffer.from(recorded({ text: 'Hi' })));
    assert.equal(parts.at(-1)?.type, 'finish');
    assert.deepEqual(decoder.end(), []);
    assert.deepEqual(decodePieces([Buffer.from('data: {"id":"x","choices":[{"index":0,"delta":{"content":"a"}}]}\n\ndata: [DONE]\n\n')]).at(-1), {
      type: 'finish',
      finishReason: { unified: 'other', raw: undefined },
      usage: { inputTokens: undefined, outputTokens: undefined, cachedInputTokens: undefined, cacheWriteInputTokens: undefined, reasoningTokens: undefined },
    });
  });

  it('vendors without index, with whole calls in one chunk, usage beside finish_reason and no [DONE]', () => {
    const chunk = (body: object) => `data: ${JSON.stringify({ id: 'x', object: 'chat.completion.chunk', created: 1, model: 'mistral', ...body })}\r\n\r\n`;
    const text =
      chunk({ choices: [{ index: 0, delta: { role: 'assistant', content: '' } }] }) +
      chunk({
        choices: [
          {
            index: 0,
            delta: {
              tool_calls: [
                { id: 'a1', type: 'function', function: { name: 'f', arguments: '{"x":1}' } },
                { id: 'b2', type: 'function', function: { name: 'g', arguments: '{"y":2}' } },
              ],
            },
          },
        ],
      }) +
      chunk({ choices: [{ index: 0, delta: {}, finish_reason: 'tool_calls' }], usage: { prompt_tokens: 1, completion_tokens: 2 } });
    assert.deepEqual(decode(text), [
      { type: 'response-metadata', id: 'x', modelId: 'mistral', created: 1 },
      { type: 'tool-input-start', id: 'a1', toolName: 'f' },
      { type: 'tool-input-delta', id: 'a1', delta: '{"x":1}' },
      { type: 'tool-input-end', id: 'a1' },
      { type: 'tool-call', toolCallId: 'a1', toolName: 'f', input: '{"x":1}' },
      { type: 'tool-input-start', id: 'b2', toolName: 'g' },
      { type: 'tool-input-delta', id: 'b2', delta: '{"y":2}' },
      { type: 'tool-input-end', id: 'b2' },
      { type: 'tool-call', toolCallId: 'b2', toolName: 'g', input: '{"y":2}' },
      { type: 'finish', finishReason: { unified: 'tool-calls', raw: 'tool_calls' }, usage: { inputTokens: 1, outputTokens: 2, cachedInputTokens: undefined, cacheWriteInputTokens: undefined, reasoningTokens: undefined } },
    ]);
  });

  it('a new id on a reused index is a new call; a fragment for an ended call is an error, not a wrong call', () => {
    const chunk = (choice: object) => `data: ${JSON.stringify({ id: '', model: '', choices: [{ index: 0, ...choice }] })}\n\n`;
    const reused =
      chunk({ delta: { tool_calls: [{ index: 0, id: 'a', function: { name: 'f', arguments: '{}' } }] } }) +
      chunk({ delta: { tool_calls: [{ index: 0, id: 'b', function: { name: 'g', arguments: '[]' } }] } }) +
      chunk({ delta: {}, finish_reason: 'tool_calls' });
    const parts = decode(reused);
    assert.deepEqual(parts[0], { type: 'response-metadata', id: undefined, modelId: undefined, created: undefined });
    assert.deepEqual(
      parts.filter((part) => part.type === 'tool-call'),
      [
        { type: 'tool-call', toolCallId: 'a', toolName: 'f', input: '{}' },
        { type: 'tool-call', toolCallId: 'b', toolName: 'g', input: '[]' },
      ],
    );
    const late =
      chunk({ delta: { tool_calls: [{ index: 0, id: 'a', function: { name: 'f', arguments: '{' } }] } }) +
      chunk({ delta: { tool_calls: [{ index: 1, id: 'b', function: { name: 'g', arguments: '{}' } }] } }) +
      chunk({ delta: { tool_calls: [{ index: 0, function: { arguments: '}' } }] } });
    const failed = decode(late);
    const last = failed.at(-1);
    assert.ok(last?.type === 'error' && last.error instanceof GatewayError && /tool call 0/.test(last.error.message));
  });

  it('a body that ends without finish_reason is an interrupted stream; open calls are not handed out', () => {
    const events = streamEvents(identity, resolveReply({ toolCalls: [{ id: 'c', name: 'f', arguments: '{"long":"arguments here"}' }] }, []), { model: 'm', messages: [], stream: true }, false);
    const parts = decode(events.slice(0, 3).join(''));
    assert.deepEqual(parts.map((part) => part.type), ['response-metadata', 'tool-input-start', 'tool-input-delta', 'tool-input-delta', 'error']);
    const last = parts.at(-1);
    assert.ok(last?.type === 'error' && last.error instanceof GatewayError);
    assert.equal(last.error.code, 'stream_interrupted');
    assert.equal(last.error.status, 502);
  });

  it('an in-stream error event becomes an error part that keeps the upstream error object', () => {
    const text = recorded({ text: 'Hi' }).split('\n\n')[0] + '\n\n' + 'data: {"error":{"message":"Overloaded, key sk-abcdefghijklmnop","type":"server_error","code":503}}\n\n';
    const parts = decode(text);
    const last = parts.at(-1);
    assert.ok(last?.type === 'error' && last.error instanceof UpstreamHttpError);
    assert.equal(last.error.status, 503);
    assert.doesNotMatch(last.error.message, /abcdefghijklmnop/);
    assert.deepEqual((last.error.upstreamBody as { error: { type: string } }).error.type, 'server_error');
  });

  it('a malformed event is an error, and nothing is decoded after it', () => {
    const events = streamEvents(identity, resolveReply({ text: 'Hello there' }, []), { model: 'm', messages: [], stream: true }, true);
    const parts = decode(events.join(''));
    assert.deepEqual(parts.map((part) => part.type), ['response-metadata', 'error']);
    const last = parts.at(-1);
    assert.ok(last?.type === 'error' && last.error instanceof GatewayError && last.error.code === 'upstream_error');
  });
});
