import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { GatewayError, UpstreamHttpError } from '../../../main/errors/gateway-error.js';
import type { EncodeContext } from '../../../main/formats/client-format.js';
import { createGeminiStreamEncoder, encodeGeminiModelList, geminiFormat } from '../../../main/formats/gemini/gemini-format.js';
import type { StreamPart } from '../../../main/spec/index.js';

const context: EncodeContext = { model: 'gem/gemini-2.5-pro', requestId: 'req-1', request: geminiFormat.decodeRequest({ contents: [{ parts: [{ text: 'x' }] }] }, { model: 'm', stream: true }) };
const usage = { inputTokens: 10, outputTokens: 7, cachedInputTokens: undefined, cacheWriteInputTokens: undefined, reasoningTokens: 2 };

const parts: StreamPart[] = [
  { type: 'response-metadata', id: 'up-1', modelId: 'x', created: undefined },
  { type: 'reasoning-start', id: 'r' },
  { type: 'reasoning-delta', id: 'r', delta: 'hmm' },
  { type: 'reasoning-end', id: 'r', signature: 'anthropic-only' },
  { type: 'text-start', id: 't', providerMetadata: { gemini: { thoughtSignature: 'sig' } } },
  { type: 'text-delta', id: 't', delta: 'Hi' },
  { type: 'text-delta', id: 't', delta: ' there' },
  { type: 'text-end', id: 't' },
  { type: 'tool-input-start', id: 'toolu_1', toolName: 'ls' },
  { type: 'tool-input-delta', id: 'toolu_1', delta: '{"dir":' },
  { type: 'tool-input-delta', id: 'toolu_1', delta: '"."}' },
  { type: 'tool-input-end', id: 'toolu_1' },
  { type: 'tool-call', toolCallId: 'toolu_1', toolName: 'ls', input: '{"dir":"."}' },
  { type: 'finish', finishReason: { unified: 'tool-calls', raw: 'tool_use' }, usage },
];

const chunk = (partsOf: unknown[], last?: object) => ({ candidates: [{ content: { role: 'model', parts: partsOf }, ...last, index: 0 }], modelVersion: 'gem/gemini-2.5-pro', responseId: 'up-1' });
const expectedChunks = [
  chunk([{ text: 'hmm', thought: true }]),
  chunk([{ text: 'Hi', thoughtSignature: 'sig' }]),
  chunk([{ text: ' there' }]),
  chunk([{ functionCall: { id: 'toolu_1', name: 'ls', args: { dir: '.' } } }]),
  {
    candidates: [{ content: { role: 'model', parts: [{ text: '' }] }, finishReason: 'STOP', index: 0 }],
    usageMetadata: { promptTokenCount: 10, candidatesTokenCount: 5, totalTokenCount: 17, thoughtsTokenCount: 2 },
    modelVersion: 'gem/gemini-2.5-pro',
    responseId: 'up-1',
  },
];

describe('Gemini stream encoder', () => {
  it('frames as SSE events by default', () => {
    const encoder = geminiFormat.createStreamEncoder(context);
    const text = parts.map((part) => encoder.encode(part)).join('') + encoder.end();
    assert.equal(encoder.contentType, 'text/event-stream; charset=utf-8');
    assert.equal(text, expectedChunks.map((body) => `data: ${JSON.stringify(body)}\n\n`).join(''));
  });

  it('frames as one JSON array without alt=sse', () => {
    const encoder = createGeminiStreamEncoder(context, { framing: 'json-array' });
    const text = parts.map((part) => encoder.encode(part)).join('') + encoder.end();
    assert.equal(encoder.contentType, 'application/json; charset=utf-8');
    assert.deepEqual(JSON.parse(text), expectedChunks);
    assert.equal(text, `[${expectedChunks.map((body) => JSON.stringify(body)).join(',\n')}]`);
  });

  it('ends a failed stream with an error object chunk, still valid JSON in an array', () => {
    const encoder = createGeminiStreamEncoder(context, { framing: 'json-array' });
    const error = new GatewayError({ code: 'stream_interrupted', status: 502, message: 'cut' });
    const text = encoder.encode({ type: 'text-delta', id: 't', delta: 'a' }) + encoder.encode({ type: 'error', error }) + encoder.encode({ type: 'finish', finishReason: { unified: 'stop', raw: undefined }, usage }) + encoder.end();
    assert.deepEqual(JSON.parse(text)[1], { error: { code: 502, message: 'cut', status: 'UNAVAILABLE' } });
    assert.equal(JSON.parse(text).length, 2);
  });
});

describe('Gemini result, error and model list encoders', () => {
  it('encodes a whole answer with Gemini usage kept verbatim when the upstream was Gemini', () => {
    const body = geminiFormat.encodeResult(
      {
        content: [{ type: 'text', text: 'Hello' }, { type: 'tool-call', toolCallId: 'gemini_abc', toolName: 'f', input: 'not json' }],
        finishReason: { unified: 'length', raw: 'length' },
        usage,
        response: { id: undefined, modelId: 'x', created: undefined },
        providerMetadata: { gemini: { usageMetadata: { promptTokenCount: 1, totalTokenCount: 1 } } },
      },
      context,
    );
    assert.deepEqual(body, {
      candidates: [{ content: { role: 'model', parts: [{ text: 'Hello' }, { functionCall: { id: 'gemini_abc', name: 'f', args: { input: 'not json' } } }] }, finishReason: 'MAX_TOKENS', index: 0 }],
      usageMetadata: { promptTokenCount: 1, totalTokenCount: 1 },
      modelVersion: 'gem/gemini-2.5-pro',
      responseId: 'req-1',
    });
  });

  it('renders errors in Google envelope, a Gemini upstream envelope verbatim', () => {
    const own = geminiFormat.errors.renderError(new GatewayError({ code: 'rate_limited', status: 429, message: 'slow down', headers: { 'retry-after': '3' } }), 'r');
    assert.deepEqual(own, { status: 429, headers: { 'retry-after': '3' }, body: { error: { code: 429, message: 'slow down', status: 'RESOURCE_EXHAUSTED' } } });
    const upstreamBody = { error: { code: 400, message: 'bad', status: 'INVALID_ARGUMENT', details: [{ reason: 'X' }] } };
    const upstream = geminiFormat.errors.renderError(new UpstreamHttpError({ code: 'upstream_error', status: 400, message: 'bad', upstreamBody }), 'r');
    assert.equal(upstream.body, upstreamBody);
    assert.equal(geminiFormat.errors.streamErrorEvent(new GatewayError({ code: 'unauthorized', status: 401, message: 'no' })), 'data: {"error":{"code":401,"message":"no","status":"UNAUTHENTICATED"}}\n\n');
  });

  it('lists models as Gemini resource names', () => {
    assert.deepEqual(encodeGeminiModelList([{ name: 'gem/gemini-2.5-pro' }, { name: 'fast', displayName: 'Fast' }]).models, [
      { name: 'models/gem/gemini-2.5-pro', displayName: 'gem/gemini-2.5-pro', supportedGenerationMethods: ['generateContent', 'streamGenerateContent'] },
      { name: 'models/fast', displayName: 'Fast', supportedGenerationMethods: ['generateContent', 'streamGenerateContent'] },
    ]);
  });
});
