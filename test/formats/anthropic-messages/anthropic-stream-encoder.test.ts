import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { GatewayError, UpstreamHttpError } from '../../../main/errors/gateway-error.js';
import { anthropicMessagesFormat } from '../../../main/formats/anthropic-messages/anthropic-messages-format.js';
import type { StreamPart } from '../../../main/spec/index.js';
import { context, encodeStream, outline, parseEvents, usage } from './anthropic-test-support.js';

const finish: StreamPart = { type: 'finish', finishReason: { unified: 'stop', raw: 'stop' }, usage: usage({ inputTokens: 12, outputTokens: 4 }) };

describe('anthropic-messages stream encoder', () => {
  it('writes the exact Anthropic event sequence for a text answer', () => {
    const text = encodeStream([
      { type: 'response-metadata', id: 'msg_01ABC', modelId: 'claude-sonnet-4-5-20250929', created: undefined },
      { type: 'text-start', id: '0' },
      { type: 'text-delta', id: '0', delta: 'Hello' },
      { type: 'text-delta', id: '0', delta: ' world' },
      { type: 'text-end', id: '0' },
      finish,
    ]);
    assert.equal(
      text,
      [
        'event: message_start',
        'data: {"type":"message_start","message":{"id":"msg_01ABC","type":"message","role":"assistant","model":"claude-sonnet-4-5","content":[],"stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":0,"cache_creation_input_tokens":null,"cache_read_input_tokens":null,"output_tokens":0}}}',
        '',
        'event: ping',
        'data: {"type":"ping"}',
        '',
        'event: content_block_start',
        'data: {"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}',
        '',
        'event: content_block_delta',
        'data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Hello"}}',
        '',
        'event: content_block_delta',
        'data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":" world"}}',
        '',
        'event: content_block_stop',
        'data: {"type":"content_block_stop","index":0}',
        '',
        'event: message_delta',
        'data: {"type":"message_delta","delta":{"stop_reason":"end_turn","stop_sequence":null},"usage":{"input_tokens":12,"output_tokens":4}}',
        '',
        'event: message_stop',
        'data: {"type":"message_stop"}',
        '',
        '',
      ].join('\n'),
    );
    assert.doesNotMatch(text, /\[DONE\]/);
  });

  it('streams reasoning, text and tool calls as blocks with increasing indexes', () => {
    const events = parseEvents(
      encodeStream([
        { type: 'response-metadata', id: 'chatcmpl-9', modelId: 'gpt-5', created: 1 },
        { type: 'reasoning-start', id: 'r' },
        { type: 'reasoning-delta', id: 'r', delta: 'Think' },
        { type: 'reasoning-end', id: 'r', signature: 'sig==' },
        { type: 'text-start', id: 't' },
        { type: 'text-delta', id: 't', delta: 'Let me look.' },
        { type: 'text-end', id: 't' },
        { type: 'tool-input-start', id: 'call_1', toolName: 'Read' },
        { type: 'tool-input-delta', id: 'call_1', delta: '{"file_path":' },
        { type: 'tool-input-delta', id: 'call_1', delta: '"/a"}' },
        { type: 'tool-input-end', id: 'call_1' },
        { type: 'tool-call', toolCallId: 'call_1', toolName: 'Read', input: '{"file_path":"/a"}' },
        { type: 'tool-call', toolCallId: 'toolu_2', toolName: 'Bash', input: '{"command":"ls"}' },
        { type: 'finish', finishReason: { unified: 'tool-calls', raw: 'tool_calls' }, usage: usage({ inputTokens: 100, outputTokens: 30, cachedInputTokens: 60 }) },
      ]),
    );
    assert.deepEqual(outline(events), [
      'message_start',
      'ping',
      'content_block_start 0 thinking',
      'content_block_delta 0 thinking_delta',
      'content_block_delta 0 signature_delta',
      'content_block_stop 0',
      'content_block_start 1 text',
      'content_block_delta 1 text_delta',
      'content_block_stop 1',
      'content_block_start 2 tool_use',
      'content_block_delta 2 input_json_delta',
      'content_block_delta 2 input_json_delta',
      'content_block_stop 2',
      'content_block_start 3 tool_use',
      'content_block_delta 3 input_json_delta',
      'content_block_stop 3',
      'message_delta',
      'message_stop',
    ]);
    assert.match(String((events[0]?.data.message as { id: string }).id), /^msg_[0-9a-f]{32}$/);
    assert.deepEqual(events[2]?.data.content_block, { type: 'thinking', thinking: '', signature: '' });
    assert.deepEqual(events[4]?.data.delta, { type: 'signature_delta', signature: 'sig==' });
    assert.deepEqual(events[9]?.data.content_block, { type: 'tool_use', id: 'call_1', name: 'Read', input: {} });
    assert.deepEqual(events[11]?.data.delta, { type: 'input_json_delta', partial_json: '"/a"}' });
    assert.deepEqual(events[13]?.data.content_block, { type: 'tool_use', id: 'toolu_2', name: 'Bash', input: {} });
    assert.deepEqual(events[14]?.data.delta, { type: 'input_json_delta', partial_json: '{"command":"ls"}' });
    assert.deepEqual(events[16]?.data, {
      type: 'message_delta',
      delta: { stop_reason: 'tool_use', stop_sequence: null },
      usage: { input_tokens: 40, cache_read_input_tokens: 60, output_tokens: 30 },
    });
  });

  it('writes redacted and signature-only reasoning as whole blocks, and drops empty blocks', () => {
    const events = parseEvents(
      encodeStream([
        { type: 'reasoning-start', id: 'a' },
        { type: 'reasoning-end', id: 'a', redactedData: 'EmwKAhgB' },
        { type: 'reasoning-start', id: 'b' },
        { type: 'reasoning-end', id: 'b', signature: 'only-sig' },
        { type: 'reasoning-start', id: 'c' },
        { type: 'reasoning-end', id: 'c' },
        { type: 'text-start', id: 'empty' },
        { type: 'text-delta', id: 'empty', delta: '' },
        { type: 'text-end', id: 'empty' },
        { type: 'text-start', id: 't' },
        { type: 'text-delta', id: 't', delta: 'Hi' },
        { type: 'text-end', id: 't' },
        finish,
      ]),
    );
    assert.deepEqual(outline(events), [
      'message_start',
      'ping',
      'content_block_start 0 redacted_thinking',
      'content_block_stop 0',
      'content_block_start 1 thinking',
      'content_block_delta 1 signature_delta',
      'content_block_stop 1',
      'content_block_start 2 text',
      'content_block_delta 2 text_delta',
      'content_block_stop 2',
      'message_delta',
      'message_stop',
    ]);
    assert.deepEqual(events[2]?.data.content_block, { type: 'redacted_thinking', data: 'EmwKAhgB' });
  });

  it('streams one block at a time when the upstream interleaves them', () => {
    const events = parseEvents(
      encodeStream([
        { type: 'text-start', id: 't' },
        { type: 'text-delta', id: 't', delta: 'A' },
        { type: 'tool-input-start', id: 'call_1', toolName: 'Read' },
        { type: 'tool-input-delta', id: 'call_1', delta: '{}' },
        { type: 'text-delta', id: 't', delta: 'B' },
        { type: 'tool-input-start', id: 'call_2', toolName: 'Bash' },
        { type: 'text-end', id: 't' },
        { type: 'tool-input-end', id: 'call_1' },
        { type: 'tool-input-delta', id: 'call_2', delta: '{"command":"ls"}' },
        { type: 'tool-input-end', id: 'call_2' },
        { type: 'finish', finishReason: { unified: 'tool-calls', raw: undefined }, usage: usage({}) },
      ]),
    );
    assert.deepEqual(outline(events), [
      'message_start',
      'ping',
      'content_block_start 0 text',
      'content_block_delta 0 text_delta',
      'content_block_delta 0 text_delta',
      'content_block_stop 0',
      'content_block_start 1 tool_use',
      'content_block_delta 1 input_json_delta',
      'content_block_stop 1',
      'content_block_start 2 tool_use',
      'content_block_delta 2 input_json_delta',
      'content_block_stop 2',
      'message_delta',
      'message_stop',
    ]);
    assert.deepEqual(events[4]?.data.delta, { type: 'text_delta', text: 'B' });
    assert.deepEqual(events[12]?.data.usage, { output_tokens: 0 });
  });

  it('closes blocks the upstream left open when it finishes', () => {
    const events = parseEvents(
      encodeStream([
        { type: 'text-start', id: 't' },
        { type: 'text-delta', id: 't', delta: 'cut' },
        { type: 'tool-input-start', id: 'call_1', toolName: 'Read' },
        { type: 'finish', finishReason: { unified: 'length', raw: 'length' }, usage: usage({ outputTokens: 9 }) },
      ]),
    );
    assert.deepEqual(outline(events), [
      'message_start',
      'ping',
      'content_block_start 0 text',
      'content_block_delta 0 text_delta',
      'content_block_stop 0',
      'content_block_start 1 tool_use',
      'content_block_stop 1',
      'message_delta',
      'message_stop',
    ]);
    assert.deepEqual(events[7]?.data.delta, { stop_reason: 'max_tokens', stop_sequence: null });
  });

  it('reports the matched stop sequence in message_delta', () => {
    const events = parseEvents(
      encodeStream([{ type: 'finish', finishReason: { unified: 'stop', raw: 'stop_sequence' }, usage: usage({}), providerMetadata: { anthropic: { stopSequence: '</answer>' } } }]),
    );
    assert.deepEqual(outline(events), ['message_start', 'ping', 'message_delta', 'message_stop']);
    assert.deepEqual(events[2]?.data.delta, { stop_reason: 'stop_sequence', stop_sequence: '</answer>' });
  });

  it('sends a tool call with broken input as an empty-input block', () => {
    const events = parseEvents(encodeStream([{ type: 'tool-call', toolCallId: 'c', toolName: 'Bash', input: '{"command":' }, finish]));
    assert.deepEqual(outline(events), ['message_start', 'ping', 'content_block_start 0 tool_use', 'content_block_stop 0', 'message_delta', 'message_stop']);
  });

  it('ends a failing stream with an error event and nothing after it', () => {
    const encoder = anthropicMessagesFormat.createStreamEncoder(context);
    const before = encoder.encode({ type: 'text-start', id: 't' }) + encoder.encode({ type: 'text-delta', id: 't', delta: 'partial' });
    const error = encoder.encode({ type: 'error', error: new GatewayError({ code: 'upstream_error', status: 529, message: 'Overloaded' }) });
    const after = encoder.encode({ type: 'text-delta', id: 't', delta: 'more' }) + encoder.encode(finish) + encoder.end();
    assert.deepEqual(outline(parseEvents(before)), ['message_start', 'ping', 'content_block_start 0 text', 'content_block_delta 0 text_delta']);
    assert.equal(error, 'event: error\ndata: {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}\n\n');
    assert.equal(after, '');
  });

  it('sends only the error event when the stream fails before anything else', () => {
    assert.equal(encodeStream([{ type: 'error', error: new Error('socket hang up') }]), 'event: error\ndata: {"type":"error","error":{"type":"api_error","message":"Internal error in OmniRoute. The details are in the log."}}\n\n');
  });

  it("relays an Anthropic upstream's own error object mid-stream", () => {
    const upstream = new UpstreamHttpError({
      code: 'rate_limited',
      status: 429,
      message: 'Provider said 429',
      upstreamBody: { type: 'error', error: { type: 'rate_limit_error', message: 'Number of request tokens has exceeded your per-minute rate limit' } },
    });
    assert.deepEqual(parseEvents(encodeStream([{ type: 'error', error: upstream }]))[0]?.data, {
      type: 'error',
      error: { type: 'rate_limit_error', message: 'Number of request tokens has exceeded your per-minute rate limit' },
    });
  });

  it('announces the SSE content type and ends with nothing', () => {
    const encoder = anthropicMessagesFormat.createStreamEncoder(context);
    assert.equal(encoder.contentType, 'text/event-stream; charset=utf-8');
    assert.equal(encoder.end(), '');
  });
});
