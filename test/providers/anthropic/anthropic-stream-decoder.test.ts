/**
 * The stream decoder fed with streams in Anthropic's documented shape (fixtures/*.sse), whole, cut
 * at every byte boundary, and byte by byte: the parts must not depend on how TCP chunked the body.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { GatewayError, UpstreamHttpError } from '../../../main/errors/gateway-error.js';
import { createAnthropicStreamDecoder } from '../../../main/providers/anthropic/anthropic-stream-decoder.js';
import type { StreamPart } from '../../../main/spec/index.js';

const fixture = (name: string): Buffer => readFileSync(join(import.meta.dirname, 'fixtures', name));

/** Errors compared by what a client format reads from them. */
function normalize(parts: StreamPart[]): unknown[] {
  return parts.map((part) => {
    if (part.type !== 'error') return part;
    const error = part.error as GatewayError;
    assert.ok(error instanceof GatewayError);
    return {
      type: 'error',
      error: {
        name: error.name,
        code: error.code,
        status: error.status,
        isRetryable: error.isRetryable,
        message: error.message,
        ...(error instanceof UpstreamHttpError ? { upstreamBody: error.upstreamBody } : {}),
      },
    };
  });
}

function decode(chunks: Buffer[]): unknown[] {
  const decoder = createAnthropicStreamDecoder();
  const parts: StreamPart[] = [];
  for (const chunk of chunks) parts.push(...decoder.push(chunk));
  parts.push(...decoder.end());
  // Nothing comes out after the end.
  assert.deepEqual(decoder.end(), []);
  assert.deepEqual(decoder.push(Buffer.from('event: message_stop\ndata: {"type":"message_stop"}\n\n')), []);
  return normalize(parts);
}

/** Decodes whole, then checks every two-way split and a byte-by-byte feed give the same parts. */
function decodeEverySplit(name: string): unknown[] {
  const bytes = fixture(name);
  const whole = decode([bytes]);
  for (let at = 1; at < bytes.length; at++) assert.deepEqual(decode([bytes.subarray(0, at), bytes.subarray(at)]), whole, `${name} split at byte ${at}`);
  const single: Buffer[] = [];
  for (let index = 0; index < bytes.length; index++) single.push(bytes.subarray(index, index + 1));
  assert.deepEqual(decode(single), whole, `${name} byte by byte`);
  return whole;
}

const noUsage = { inputTokens: undefined, outputTokens: undefined, cachedInputTokens: undefined, cacheWriteInputTokens: undefined, reasoningTokens: undefined };

describe('createAnthropicStreamDecoder', () => {
  it('decodes a text stream: metadata first, one text block, finish with usage once', () => {
    assert.deepEqual(decodeEverySplit('text.sse'), [
      { type: 'response-metadata', id: 'msg_1nZdL29xx5MUA1yADyHTEsnR8uuvGzszyY', modelId: 'claude-sonnet-4-6', created: undefined },
      { type: 'text-start', id: '0' },
      { type: 'text-delta', id: '0', delta: 'Hello' },
      { type: 'text-delta', id: '0', delta: ' wörld 🌍!' },
      { type: 'text-end', id: '0' },
      {
        type: 'finish',
        finishReason: { unified: 'stop', raw: 'end_turn' },
        usage: { ...noUsage, inputTokens: 25, outputTokens: 15 },
      },
    ]);
  });

  it('decodes tool calls: input deltas add up to the complete input, a call without deltas gets its start input', () => {
    assert.deepEqual(decodeEverySplit('tool-use.sse'), [
      { type: 'response-metadata', id: 'msg_014p7gG3wDgGV9EUtLvnow3U', modelId: 'claude-sonnet-4-6', created: undefined },
      { type: 'text-start', id: '0' },
      { type: 'text-delta', id: '0', delta: 'Okay, let me check.' },
      { type: 'text-end', id: '0' },
      { type: 'tool-input-start', id: 'toolu_01T1x1fJ34qAmk2tNTrN7Up6', toolName: 'get_weather' },
      { type: 'tool-input-delta', id: 'toolu_01T1x1fJ34qAmk2tNTrN7Up6', delta: '{"location":' },
      { type: 'tool-input-delta', id: 'toolu_01T1x1fJ34qAmk2tNTrN7Up6', delta: ' "San Francisco, CA", "unit": "fahrenheit"}' },
      { type: 'tool-input-end', id: 'toolu_01T1x1fJ34qAmk2tNTrN7Up6' },
      { type: 'tool-call', toolCallId: 'toolu_01T1x1fJ34qAmk2tNTrN7Up6', toolName: 'get_weather', input: '{"location": "San Francisco, CA", "unit": "fahrenheit"}' },
      { type: 'tool-input-start', id: 'toolu_02NoArgs', toolName: 'get_time' },
      { type: 'tool-input-delta', id: 'toolu_02NoArgs', delta: '{}' },
      { type: 'tool-input-end', id: 'toolu_02NoArgs' },
      { type: 'tool-call', toolCallId: 'toolu_02NoArgs', toolName: 'get_time', input: '{}' },
      { type: 'finish', finishReason: { unified: 'tool-calls', raw: 'tool_use' }, usage: { ...noUsage, inputTokens: 472, outputTokens: 89 } },
    ]);
  });

  it('decodes thinking with its signature at the end, over CRLF lines, with cumulative cache usage', () => {
    assert.deepEqual(decodeEverySplit('thinking-crlf.sse'), [
      { type: 'response-metadata', id: 'msg_01Thinking', modelId: 'claude-opus-4-1', created: undefined },
      { type: 'reasoning-start', id: '0' },
      { type: 'reasoning-delta', id: '0', delta: 'I need to find the GCD of 1071 and 462.\n\n' },
      { type: 'reasoning-delta', id: '0', delta: '1071 = 2 × 462 + 147' },
      { type: 'reasoning-end', id: '0', signature: 'EqQBCgIYAhIM1gbcDa9GJwZA2b3hGgxBdjrkzLoky3dl1pkiMOYds' },
      { type: 'text-start', id: '1' },
      { type: 'text-delta', id: '1', delta: 'The GCD is 21.' },
      { type: 'text-end', id: '1' },
      {
        type: 'finish',
        finishReason: { unified: 'stop', raw: 'end_turn' },
        usage: { inputTokens: 3210, outputTokens: 120, cachedInputTokens: 3000, cacheWriteInputTokens: 200, reasoningTokens: 90 },
      },
    ]);
  });

  it('carries redacted thinking, skips server tool blocks, unknown events and citations, and keeps the stop sequence', () => {
    assert.deepEqual(decodeEverySplit('redacted-and-server-tools.sse'), [
      { type: 'response-metadata', id: 'msg_01Redacted', modelId: 'claude-sonnet-4-6', created: undefined },
      { type: 'reasoning-start', id: '0' },
      { type: 'reasoning-end', id: '0', redactedData: 'EmwKAhgBEgy3va3pzix/LafPsn4aDFIT2Xlxh0L5L8rLVyIwxtE3rAFBa8cr3qpP' },
      { type: 'text-start', id: '2' },
      { type: 'text-delta', id: '2', delta: 'Sunny' },
      { type: 'text-delta', id: '2', delta: ' today.' },
      { type: 'text-end', id: '2' },
      {
        type: 'finish',
        finishReason: { unified: 'stop', raw: 'stop_sequence' },
        usage: { ...noUsage, inputTokens: 50, outputTokens: 30 },
        providerMetadata: { anthropic: { stopSequence: '###' } },
      },
    ]);
  });

  it('turns an in-stream error event into an error part carrying the Anthropic envelope, after closing the open block', () => {
    assert.deepEqual(decodeEverySplit('overloaded-mid-stream.sse'), [
      { type: 'response-metadata', id: 'msg_01Overloaded', modelId: 'claude-sonnet-4-6', created: undefined },
      { type: 'text-start', id: '0' },
      { type: 'text-delta', id: '0', delta: 'Partial' },
      { type: 'text-end', id: '0' },
      {
        type: 'error',
        error: {
          name: 'UpstreamHttpError',
          code: 'upstream_error',
          status: 529,
          isRetryable: true,
          message: 'Overloaded',
          upstreamBody: { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } },
        },
      },
    ]);
  });

  it('ends a stream cut before message_stop with a stream_interrupted error and never emits the cut tool call', () => {
    assert.deepEqual(decodeEverySplit('cut-during-tool-input.sse'), [
      { type: 'response-metadata', id: 'msg_01Cut', modelId: 'claude-sonnet-4-6', created: undefined },
      { type: 'reasoning-start', id: '0' },
      { type: 'reasoning-delta', id: '0', delta: 'Let me write it.' },
      { type: 'reasoning-end', id: '0', signature: 'EqQBCgIYAhIMsig' },
      { type: 'text-start', id: '1' },
      { type: 'text-delta', id: '1', delta: 'Writing' },
      { type: 'text-end', id: '1' },
      { type: 'tool-input-start', id: 'toolu_cut', toolName: 'write_file' },
      { type: 'tool-input-delta', id: 'toolu_cut', delta: '{"path": "a.txt", "con' },
      { type: 'tool-input-end', id: 'toolu_cut' },
      {
        type: 'error',
        error: {
          name: 'GatewayError',
          code: 'stream_interrupted',
          status: 502,
          isRetryable: true,
          message: 'The upstream stream ended before Anthropic finished the message.',
        },
      },
    ]);
  });

  it('reports an empty body as interrupted, and a malformed event as an upstream error', () => {
    assert.deepEqual(decode([]), [
      { type: 'error', error: { name: 'GatewayError', code: 'stream_interrupted', status: 502, isRetryable: true, message: 'The upstream stream ended before Anthropic finished the message.' } },
    ]);
    const broken = decode([Buffer.from('event: message_start\ndata: {"type":"message_start","message":{"type":"message","content":[]}}\n\nevent: content_block_start\ndata: {"type":"content_block_start","index":0,"content_block":{"type":"text"}}\n\n')]);
    assert.deepEqual(broken, [
      { type: 'response-metadata', id: undefined, modelId: undefined, created: undefined },
      {
        type: 'error',
        error: { name: 'GatewayError', code: 'upstream_error', status: 502, isRetryable: true, message: 'The upstream sent a malformed Anthropic stream event: content_block_start.' },
      },
    ]);
    assert.equal((decode([Buffer.from('data: {not json\n\n')])[0] as { error: { message: string } }).error.message, 'The upstream sent a malformed Anthropic stream event: not JSON.');
  });

  it('maps every in-stream error type to its status', () => {
    const statusOf = (type: string): unknown => {
      const parts = decode([Buffer.from(`event: error\ndata: {"type":"error","error":{"type":"${type}","message":"m"}}\n\n`)]);
      return (parts[0] as { error: { status: number; code: string } }).error;
    };
    assert.deepEqual(statusOf('rate_limit_error'), { name: 'UpstreamHttpError', code: 'rate_limited', status: 429, isRetryable: true, message: 'm', upstreamBody: { type: 'error', error: { type: 'rate_limit_error', message: 'm' } } });
    assert.equal((statusOf('api_error') as { status: number }).status, 500);
    assert.equal((statusOf('invalid_request_error') as { isRetryable: boolean }).isRetryable, false);
    assert.equal((statusOf('something_new') as { status: number }).status, 502);
  });
});
