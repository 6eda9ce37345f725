import assert from 'node:assert/strict';
import type { IncomingMessage } from 'node:http';
import { after, before, beforeEach, describe, it } from 'node:test';
import { GatewayError, UpstreamHttpError } from '../../../main/errors/gateway-error.js';
import { ollamaChatFormat } from '../../../main/formats/ollama/ollama-format.js';
import { readBody } from '../../../main/providers/call-upstream.js';
import { ollamaAdapter } from '../../../main/providers/ollama/ollama-adapter.js';
import { createEndpoint, type UpstreamEndpoint } from '../../../main/providers/upstream-endpoint.js';
import type { ChatRequest, GenerateResult, StreamPart } from '../../../main/spec/index.js';
import { Cancellation } from '../../../main/util/cancellation.js';
import { chatRequest } from '../../support/chat-request.js';
import { startOllamaSimulator, type OllamaSimulator } from '../../support/ollama-simulator.js';

const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]).toString('base64');

describe('ollama adapter against the simulator, through callUpstream', () => {
  let sim: OllamaSimulator;
  let endpoint: UpstreamEndpoint;

  before(async () => {
    sim = await startOllamaSimulator();
    endpoint = createEndpoint({ provider: 'local', baseUrl: sim.url, headers: ollamaAdapter.authHeaders('') });
  });
  beforeEach(() => sim.reset());
  after(() => sim.close());

  const send = (canonical: ChatRequest, model = 'qwen3:8b'): Promise<IncomingMessage> =>
    ollamaAdapter.send({ endpoint, request: ollamaAdapter.encodeRequest(canonical, model), cancellation: new Cancellation(), timeoutMs: 5000 });

  async function generate(canonical: ChatRequest): Promise<GenerateResult> {
    const response = await send(canonical);
    return ollamaAdapter.decodeResult(JSON.parse((await readBody(response, 1 << 20)).toString('utf8')));
  }

  async function stream(canonical: ChatRequest): Promise<StreamPart[]> {
    const response = await send({ ...canonical, stream: true });
    assert.equal(response.headers['content-type'], 'application/x-ndjson');
    const decoder = ollamaAdapter.createStreamDecoder();
    const parts: StreamPart[] = [];
    try {
      for await (const chunk of response) parts.push(...decoder.push(chunk as Buffer));
    } catch {
      // A cut connection ends the body early; the decoder says what that means.
    }
    return [...parts, ...decoder.end()];
  }

  const text = (parts: StreamPart[]) => parts.flatMap((part) => (part.type === 'text-delta' ? [part.delta] : [])).join('');

  it('sends an /api/chat body with stream explicit, no auth header when keyless, and decodes the answer', async () => {
    sim.reply({ text: 'Hello there', promptEvalCount: 11, evalCount: 2 });
    const result = await generate(chatRequest({ temperature: 0.2, maxOutputTokens: 50, stopSequences: ['X'], reasoning: { effort: 'minimal', budgetTokens: undefined } }));
    assert.equal(sim.requests[0]?.path, '/api/chat');
    assert.equal(sim.requests[0]?.headers.authorization, undefined);
    assert.deepEqual(sim.requests[0]?.body, {
      model: 'qwen3:8b',
      messages: [{ role: 'user', content: 'hello' }],
      options: { temperature: 0.2, num_predict: 50, stop: ['X'] },
      think: 'low',
      stream: false,
    });
    assert.deepEqual(result.content, [{ type: 'text', text: 'Hello there' }]);
    assert.deepEqual(result.finishReason, { unified: 'stop', raw: 'stop' });
    assert.deepEqual(result.usage, { inputTokens: 11, outputTokens: 2, cachedInputTokens: undefined, cacheWriteInputTokens: undefined, reasoningTokens: undefined });
  });

  it('streams thinking and text; finish once, last, with the counts', async () => {
    sim.reply({ thinking: 'Let me see', text: 'one two three', promptEvalCount: 4, evalCount: 5 });
    const parts = await stream(chatRequest());
    assert.equal((sim.requests[0]?.body as { stream: unknown }).stream, true);
    assert.equal(text(parts), 'one two three');
    assert.deepEqual(parts.filter((part) => part.type.endsWith('-start')).map((part) => part.type), ['reasoning-start', 'text-start']);
    assert.equal(parts.filter((part) => part.type === 'finish').length, 1);
    assert.deepEqual(parts.at(-1), { type: 'finish', finishReason: { unified: 'stop', raw: 'stop' }, usage: { inputTokens: 4, outputTokens: 5, cachedInputTokens: undefined, cacheWriteInputTokens: undefined, reasoningTokens: undefined } });
  });

  it('a tool round trip: results go back as tool messages with tool_name, arguments as objects, images bare', async () => {
    const calls = [{ name: 'weather', arguments: { city: 'Paris' } }, { name: 'weather', arguments: { city: 'Oslo' } }];
    const tools = [{ name: 'weather', description: 'Weather', inputSchema: { type: 'object' } }];
    sim.reply({ toolCalls: calls });
    const first = await stream(chatRequest({ tools }));
    const made = first.flatMap((part) => (part.type === 'tool-call' ? [part] : []));
    assert.deepEqual(made.map((call) => [call.toolName, call.input]), [['weather', '{"city":"Paris"}'], ['weather', '{"city":"Oslo"}']]);
    assert.equal(first.at(-1)?.type === 'finish' && first.at(-1)?.type, 'finish');
    await generate(
      chatRequest({
        tools,
        messages: [
          { role: 'user', content: [{ type: 'text', text: 'Weather?' }, { type: 'file', mediaType: 'image/png', data: { kind: 'base64', base64: png } }] },
          { role: 'assistant', content: made },
          { role: 'tool', content: made.map((call, index) => ({ type: 'tool-result' as const, toolCallId: call.toolCallId, toolName: undefined, output: [{ type: 'text' as const, text: `r${index}` }], isError: false })) },
        ],
      }),
    );
    assert.deepEqual((sim.requests[1]?.body as { messages: unknown }).messages, [
      { role: 'user', content: 'Weather?', images: [png] },
      { role: 'assistant', content: '', tool_calls: calls.map((call) => ({ function: call })) },
      { role: 'tool', content: 'r0', tool_name: 'weather' },
      { role: 'tool', content: 'r1', tool_name: 'weather' },
    ]);
    assert.deepEqual((sim.requests[1]?.body as { tools: unknown }).tools, [{ type: 'function', function: { name: 'weather', description: 'Weather', parameters: { type: 'object' } } }]);
  });

  it('tool results go back in the order of their calls, however the client ordered them (Ollama pairs by name and order)', async () => {
    const call = (id: string, city: string) => ({ type: 'tool-call' as const, toolCallId: id, toolName: 'weather', input: JSON.stringify({ city }) });
    const result = (id: string, text: string) => ({ type: 'tool-result' as const, toolCallId: id, toolName: undefined, output: [{ type: 'text' as const, text }], isError: false });
    await generate(
      chatRequest({
        messages: [
          { role: 'user', content: [{ type: 'text', text: 'Weather in Paris, Oslo and Rome?' }] },
          { role: 'assistant', content: [call('c1', 'Paris'), call('c2', 'Oslo'), call('c3', 'Rome')] },
          // As agents send them: as each call finished, in two messages.
          { role: 'tool', content: [result('c3', 'Rome: sun')] },
          { role: 'tool', content: [result('c1', 'Paris: rain'), result('c2', 'Oslo: snow')] },
          { role: 'user', content: [{ type: 'text', text: 'Which is warmest?' }] },
        ],
      }),
    );
    const messages = (sim.requests.at(-1)?.body as { messages: { role: string; content: string }[] }).messages;
    assert.deepEqual(
      messages.filter((message) => message.role === 'tool').map((message) => message.content),
      ['Paris: rain', 'Oslo: snow', 'Rome: sun'],
    );
    assert.deepEqual(messages.map((message) => message.role), ['user', 'assistant', 'tool', 'tool', 'tool', 'user']);
  });

  it('an Ollama client request decoded then re-encoded keeps its options, keep_alive and think', async () => {
    const decoded = ollamaChatFormat.decodeRequest({ model: 'x', messages: [{ role: 'user', content: 'hi' }], options: { num_ctx: 4096, temperature: 0 }, keep_alive: -1, think: false, format: 'json' });
    await generate({ ...decoded, stream: false });
    assert.deepEqual(sim.requests[0]?.body, { model: 'qwen3:8b', messages: [{ role: 'user', content: 'hi' }], format: 'json', options: { num_ctx: 4096, temperature: 0 }, think: false, keep_alive: -1, stream: false });
  });

  it('an image by URL is a 400 naming the part, before any call', async () => {
    const request = chatRequest({ messages: [{ role: 'user', content: [{ type: 'file', mediaType: 'image/png', data: { kind: 'url', url: 'https://x/y.png' } }] }] });
    assert.throws(() => ollamaAdapter.encodeRequest(request, 'm'), (error: unknown) => error instanceof GatewayError && error.status === 400 && error.param === 'messages[0].content[0]');
  });

  describe('errors', () => {
    it('an unknown model stays a 404 with Ollama’s message', async () => {
      await assert.rejects(send(chatRequest(), 'nope'), (error: unknown) => {
        assert.ok(error instanceof UpstreamHttpError);
        assert.equal(error.status, 404);
        assert.equal(error.code, 'model_not_found');
        assert.equal(error.message, 'model "nope" not found, try pulling it first');
        return true;
      });
    });

    it('500 is retryable, 429 keeps Retry-After', async () => {
      sim.fail({ status: 500, body: { error: 'llama runner process has terminated' } });
      await assert.rejects(send(chatRequest()), (error: unknown) => error instanceof GatewayError && error.status === 500 && error.isRetryable && error.message === 'llama runner process has terminated');
      sim.fail({ status: 429, headers: { 'retry-after': '3' } });
      await assert.rejects(send(chatRequest()), (error: unknown) => error instanceof GatewayError && error.code === 'rate_limited' && error.headers['retry-after'] === '3');
    });

    it('a cut stream ends in stream_interrupted; an in-stream error line in an error part', async () => {
      sim.fail({ cutAfterChunks: 2 });
      sim.reply({ text: 'one two three four' });
      const cut = await stream(chatRequest());
      assert.equal(text(cut), 'one two');
      const last = cut.at(-1);
      assert.ok(last?.type === 'error' && last.error instanceof GatewayError && last.error.code === 'stream_interrupted');
      sim.fail({ errorAfterChunks: 1, errorMessage: 'out of memory' });
      const failed = await stream(chatRequest());
      const end = failed.at(-1);
      assert.ok(end?.type === 'error' && end.error instanceof GatewayError && end.error.message === 'out of memory');
      assert.equal(failed.some((part) => part.type === 'finish'), false);
    });

    it('a hanging upstream is aborted by cancellation', async () => {
      sim.fail({ hang: true });
      const cancellation = new Cancellation();
      const pending = ollamaAdapter.send({ endpoint, request: ollamaAdapter.encodeRequest(chatRequest(), 'qwen3:8b'), cancellation, timeoutMs: 5000 });
      setTimeout(() => cancellation.cancel('client-closed'), 50);
      await assert.rejects(pending);
      await sim.waitForAborted(1);
    });
  });

  it('lists models from /api/tags; a key, when set, is sent as Bearer', async () => {
    assert.deepEqual(await ollamaAdapter.listModels({ endpoint, cancellation: new Cancellation(), timeoutMs: 5000 }), sim.models);
    assert.deepEqual(ollamaAdapter.authHeaders('hosted-key-123'), { authorization: 'Bearer hosted-key-123' });
  });
});
