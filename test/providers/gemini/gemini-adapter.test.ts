/**
 * The adapter end to end over real HTTP: canonical request -> encodeRequest -> send (callUpstream)
 * -> the Gemini simulator -> decodeResult / the stream decoder.
 */
import assert from 'node:assert/strict';
import type { IncomingMessage } from 'node:http';
import { after, afterEach, before, describe, it } from 'node:test';
import { GatewayError, UpstreamHttpError } from '../../../main/errors/gateway-error.js';
import { readBody } from '../../../main/providers/call-upstream.js';
import { geminiAdapter } from '../../../main/providers/gemini/gemini-adapter.js';
import { createEndpoint, type UpstreamEndpoint } from '../../../main/providers/upstream-endpoint.js';
import type { ChatRequest, StreamPart } from '../../../main/spec/index.js';
import { Cancellation } from '../../../main/util/cancellation.js';
import { startGeminiSimulator, type GeminiSimulator } from '../../support/gemini-simulator.js';
import { chatRequest } from './canonical-request.js';

const MODEL = 'gemini-2.5-flash';

function endpointFor(simulator: GeminiSimulator, apiKey: string | null = simulator.apiKey): UpstreamEndpoint {
  return createEndpoint({ provider: 'gem', baseUrl: simulator.url, headers: apiKey === null ? {} : geminiAdapter.authHeaders(apiKey), credential: apiKey ?? undefined });
}

function send(endpoint: UpstreamEndpoint, request: ChatRequest, model = MODEL): Promise<IncomingMessage> {
  return geminiAdapter.send({ endpoint, request: geminiAdapter.encodeRequest(request, model), cancellation: new Cancellation(), timeoutMs: 5000 });
}

async function streamParts(response: IncomingMessage): Promise<StreamPart[]> {
  const decoder = geminiAdapter.createStreamDecoder();
  const parts: StreamPart[] = [];
  try {
    for await (const chunk of response) parts.push(...decoder.push(chunk as Buffer));
  } catch {
    // A cut connection ends the body; the decoder decides what that means.
  }
  parts.push(...decoder.end());
  return parts;
}

async function rejection(promise: Promise<unknown>): Promise<UpstreamHttpError> {
  const error = await promise.then(
    () => assert.fail('expected the call to fail'),
    (caught: unknown) => caught,
  );
  assert.ok(error instanceof UpstreamHttpError, String(error));
  return error;
}

describe('geminiAdapter against the Gemini simulator', () => {
  let simulator: GeminiSimulator;
  let endpoint: UpstreamEndpoint;

  before(async () => {
    simulator = await startGeminiSimulator();
    endpoint = endpointFor(simulator);
  });
  afterEach(() => simulator.reset());
  after(() => simulator.close());

  it('sends the model in the path, the key in x-goog-api-key, and decodes a whole answer', async () => {
    simulator.reply({ text: 'Hi there', usageMetadata: { promptTokenCount: 7, candidatesTokenCount: 3, totalTokenCount: 10, cachedContentTokenCount: 2 } });
    const response = await send(endpoint, chatRequest({ messages: [{ role: 'system', content: [{ type: 'text', text: 'Be brief.' }] }, { role: 'user', content: [{ type: 'text', text: 'Hello' }] }], maxOutputTokens: 50 }));
    const result = geminiAdapter.decodeResult(JSON.parse((await readBody(response, 1 << 20)).toString('utf8')));
    const recorded = simulator.requests[0]!;
    assert.equal(recorded.path, `/v1beta/models/${MODEL}:generateContent`);
    assert.equal(recorded.headers['x-goog-api-key'], simulator.apiKey);
    assert.deepEqual(recorded.body, {
      contents: [{ role: 'user', parts: [{ text: 'Hello' }] }],
      systemInstruction: { parts: [{ text: 'Be brief.' }] },
      generationConfig: { maxOutputTokens: 50 },
    });
    assert.deepEqual(result.content, [{ type: 'text', text: 'Hi there' }]);
    assert.deepEqual(result.finishReason, { unified: 'stop', raw: 'STOP' });
    assert.deepEqual(result.usage, { inputTokens: 7, outputTokens: 3, cachedInputTokens: 2, cacheWriteInputTokens: undefined, reasoningTokens: undefined });
    assert.equal(result.response.modelId, MODEL);
  });

  it('streams thoughts with their signature, text, and parallel function calls with generated ids', async () => {
    simulator.reply({
      thought: 'Let me think.',
      thoughtSignature: 'sig-thought',
      text: 'Checking both',
      functionCalls: [
        { name: 'get_weather', args: { city: 'Paris' }, thoughtSignature: 'sig-call' },
        { name: 'get_time', args: { zone: 'CET' } },
      ],
      usageMetadata: { promptTokenCount: 20, candidatesTokenCount: 9, thoughtsTokenCount: 4, totalTokenCount: 33 },
    });
    const parts = await streamParts(await send(endpoint, chatRequest({ stream: true })));
    assert.equal(simulator.requests[0]!.path, `/v1beta/models/${MODEL}:streamGenerateContent`);
    assert.equal(simulator.requests[0]!.query.get('alt'), 'sse');
    const calls = parts.filter((part) => part.type === 'tool-call');
    assert.equal(calls.length, 2);
    const [weather, time] = calls as Extract<StreamPart, { type: 'tool-call' }>[];
    assert.match(weather!.toolCallId, /^gemini_[0-9a-f]{24}$/);
    assert.notEqual(weather!.toolCallId, time!.toolCallId);
    assert.deepEqual(
      parts.map((part) => part.type),
      [
        'response-metadata',
        'reasoning-start', 'reasoning-delta', 'reasoning-end',
        'text-start', 'text-delta', 'text-delta', 'text-end',
        'tool-input-start', 'tool-input-delta', 'tool-input-end', 'tool-call',
        'tool-input-start', 'tool-input-delta', 'tool-input-end', 'tool-call',
        'finish',
      ],
    );
    assert.deepEqual(parts[3], { type: 'reasoning-end', id: 'reasoning-0', providerMetadata: { gemini: { thoughtSignature: 'sig-thought' } } });
    assert.deepEqual(weather, { type: 'tool-call', toolCallId: weather!.toolCallId, toolName: 'get_weather', input: '{"city":"Paris"}', providerMetadata: { gemini: { thoughtSignature: 'sig-call' } } });
    const finish = parts.at(-1) as Extract<StreamPart, { type: 'finish' }>;
    assert.deepEqual(finish.finishReason, { unified: 'tool-calls', raw: 'STOP' });
    // The last usageMetadata wins over the prompt-only figures of the earlier chunks.
    assert.deepEqual(finish.usage, { inputTokens: 20, outputTokens: 13, cachedInputTokens: undefined, cacheWriteInputTokens: undefined, reasoningTokens: 4 });
  });

  it('sends tool results as functionResponse parts named after their call, with the signature back on the call', async () => {
    simulator.reply({ text: 'Sunny.' });
    await send(
      endpoint,
      chatRequest({
        messages: [
          { role: 'user', content: [{ type: 'text', text: 'Weather?' }] },
          { role: 'assistant', content: [{ type: 'tool-call', toolCallId: 'toolu_1', toolName: 'get_weather', input: '{"city":"Paris"}', providerMetadata: { gemini: { thoughtSignature: 'sig' } } }] },
          { role: 'tool', content: [{ type: 'tool-result', toolCallId: 'toolu_1', toolName: undefined, output: [{ type: 'text', text: '21C' }], isError: false }] },
          { role: 'user', content: [{ type: 'text', text: 'And?' }] },
        ],
      }),
    );
    assert.deepEqual((simulator.requests[0]!.body as { contents: unknown }).contents, [
      { role: 'user', parts: [{ text: 'Weather?' }] },
      { role: 'model', parts: [{ functionCall: { name: 'get_weather', args: { city: 'Paris' } }, thoughtSignature: 'sig' }] },
      { role: 'user', parts: [{ functionResponse: { name: 'get_weather', response: { output: '21C' } } }, { text: 'And?' }] },
    ]);
  });

  it('keeps a 429 envelope, redacts the echoed key, and forwards retry-after', async () => {
    simulator.fail({ status: 429, headers: { 'retry-after': '7' }, body: { error: { code: 429, message: `Quota exceeded for key ${simulator.apiKey}`, status: 'RESOURCE_EXHAUSTED' } } });
    const error = await rejection(send(endpoint, chatRequest()));
    assert.equal(error.status, 429);
    assert.equal(error.code, 'rate_limited');
    assert.equal(error.headers['retry-after'], '7');
    assert.ok(!JSON.stringify(error.upstreamBody).includes(simulator.apiKey));
    assert.equal((error.upstreamBody as { error: { status: string } }).error.status, 'RESOURCE_EXHAUSTED');
    assert.ok(!error.message.includes(simulator.apiKey));
  });

  it('reports a wrong key as Gemini does (400 API_KEY_INVALID) and a missing one as 403', async () => {
    const wrong = await rejection(send(endpointFor(simulator, 'AIzaSyWRONG-key-000000000000000000'), chatRequest()));
    assert.equal(wrong.status, 400);
    assert.equal(wrong.message, 'API key not valid. Please pass a valid API key.');
    const missing = await rejection(send(endpointFor(simulator, null), chatRequest()));
    assert.equal(missing.status, 403);
  });

  it('turns a stream cut before the finish reason into stream_interrupted', async () => {
    simulator.reply({ text: 'one two three four' });
    simulator.fail({ cutAfterChunks: 2 });
    const parts = await streamParts(await send(endpoint, chatRequest({ stream: true })));
    const last = parts.at(-1);
    assert.equal(last?.type, 'error');
    const error = (last as Extract<StreamPart, { type: 'error' }>).error;
    assert.ok(error instanceof GatewayError);
    assert.equal(error.code, 'stream_interrupted');
    assert.equal(error.status, 502);
    assert.equal(parts.filter((part) => part.type === 'finish').length, 0);
    assert.deepEqual(parts.at(-2), { type: 'text-end', id: 'text-0' });
  });

  it('turns an error chunk mid-stream into an error part that keeps the envelope', async () => {
    simulator.reply({ text: 'one two three' });
    simulator.fail({ errorAfterChunks: 1 });
    const parts = await streamParts(await send(endpoint, chatRequest({ stream: true })));
    const error = (parts.at(-1) as Extract<StreamPart, { type: 'error' }>).error;
    assert.ok(error instanceof UpstreamHttpError);
    assert.equal(error.status, 503);
    assert.deepEqual(error.upstreamBody, { error: { code: 503, message: 'The model is overloaded. Please try again later.', status: 'UNAVAILABLE' } });
  });

  it('lists models without the models/ prefix', async () => {
    const names = await geminiAdapter.listModels({ endpoint, cancellation: new Cancellation(), timeoutMs: 5000 });
    assert.deepEqual(names, simulator.models);
    assert.equal(simulator.requests[0]!.path, '/v1beta/models');
  });

  it('names an unknown model with Gemini 404', async () => {
    const error = await rejection(send(endpoint, chatRequest(), 'gemini-nope'));
    assert.equal(error.status, 404);
    assert.match(error.message, /models\/gemini-nope is not found/);
  });
});
