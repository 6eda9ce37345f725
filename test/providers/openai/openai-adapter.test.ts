import assert from 'node:assert/strict';
import type { IncomingMessage } from 'node:http';
import { after, before, beforeEach, describe, it } from 'node:test';
import { GatewayError, UpstreamHttpError } from '../../../main/errors/gateway-error.js';
import { readBody } from '../../../main/providers/call-upstream.js';
import { openAiAdapter } from '../../../main/providers/openai/openai-adapter.js';
import { createEndpoint, type UpstreamEndpoint } from '../../../main/providers/upstream-endpoint.js';
import type { ChatRequest, GenerateResult, StreamPart } from '../../../main/spec/index.js';
import { Cancellation } from '../../../main/util/cancellation.js';
import { countSimulatedTokens, startOpenAiSimulator, type OpenAiSimulator } from '../../support/openai-simulator.js';

function request(overrides: Partial<ChatRequest>): ChatRequest {
  return {
    model: 'sim/gpt-4o-mini',
    messages: [
      { role: 'system', content: [{ type: 'text', text: 'Be brief.' }] },
      { role: 'user', content: [{ type: 'text', text: 'Say hi' }] },
    ],
    tools: [],
    toolChoice: undefined,
    parallelToolCalls: undefined,
    maxOutputTokens: undefined,
    temperature: undefined,
    topP: undefined,
    topK: undefined,
    stopSequences: [],
    seed: undefined,
    responseFormat: undefined,
    reasoning: undefined,
    stream: false,
    user: undefined,
    providerMetadata: {},
    ...overrides,
  };
}

describe('openai adapter against the simulator, through callUpstream', () => {
  let sim: OpenAiSimulator;
  let endpoint: UpstreamEndpoint;

  before(async () => {
    sim = await startOpenAiSimulator();
    endpoint = createEndpoint({ provider: 'sim', baseUrl: sim.url, headers: openAiAdapter.authHeaders(sim.apiKey), credential: sim.apiKey });
  });
  beforeEach(() => sim.reset());
  after(() => sim.close());

  const send = (canonical: ChatRequest): Promise<IncomingMessage> =>
    openAiAdapter.send({ endpoint, request: openAiAdapter.encodeRequest(canonical, 'gpt-4o-mini'), cancellation: new Cancellation(), timeoutMs: 5000 });

  async function generate(canonical: ChatRequest): Promise<GenerateResult> {
    const response = await send(canonical);
    return openAiAdapter.decodeResult(JSON.parse((await readBody(response, 1 << 20)).toString('utf8')));
  }

  async function stream(canonical: ChatRequest): Promise<StreamPart[]> {
    const response = await send({ ...canonical, stream: true });
    const decoder = openAiAdapter.createStreamDecoder();
    const parts: StreamPart[] = [];
    try {
      for await (const chunk of response) parts.push(...decoder.push(chunk as Buffer));
    } catch {
      // A cut connection ends the body early; the decoder says what that means.
    }
    return [...parts, ...decoder.end()];
  }

  const text = (parts: StreamPart[]) => parts.flatMap((part) => (part.type === 'text-delta' ? [part.delta] : [])).join('');

  it('generates text: the body sent upstream and the figures reported come back exactly', async () => {
    const result = await generate(request({ temperature: 0.2, maxOutputTokens: 50 }));
    assert.deepEqual(sim.requests[0]?.body, {
      model: 'gpt-4o-mini',
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Say hi' },
      ],
      max_tokens: 50,
      temperature: 0.2,
    });
    assert.equal(sim.requests[0]?.headers.authorization, `Bearer ${sim.apiKey}`);
    assert.deepEqual(result.content, [{ type: 'text', text: 'Echo: Say hi' }]);
    assert.deepEqual(result.finishReason, { unified: 'stop', raw: 'stop' });
    assert.deepEqual(result.usage, {
      inputTokens: Math.ceil('Be brief.Say hi'.length / 4),
      outputTokens: countSimulatedTokens('Echo: Say hi'),
      cachedInputTokens: 0,
      cacheWriteInputTokens: undefined,
      reasoningTokens: 0,
    });
    assert.match(result.response.id ?? '', /^chatcmpl-/);
    assert.equal(result.response.modelId, 'gpt-4o-mini');
  });

  it('streams text with usage asked for upstream, finish last with the usage chunk’s figures', async () => {
    sim.reply({ text: 'Hello there, router.', usage: { prompt_tokens: 7, completion_tokens: 5 } });
    const parts = await stream(request({}));
    assert.deepEqual((sim.requests[0]?.body as { stream_options?: unknown }).stream_options, { include_usage: true });
    assert.equal(text(parts), 'Hello there, router.');
    assert.equal(parts[0]?.type, 'response-metadata');
    assert.deepEqual(parts.at(-1), {
      type: 'finish',
      finishReason: { unified: 'stop', raw: 'stop' },
      usage: { inputTokens: 7, outputTokens: 5, cachedInputTokens: 0, cacheWriteInputTokens: undefined, reasoningTokens: 0 },
    });
    assert.equal(parts.filter((part) => part.type === 'finish').length, 1);
  });

  it('parallel tool calls, streamed and not, keep ids, names and arguments exactly', async () => {
    const calls = [
      { id: 'call_x1', name: 'read_file', arguments: '{"path":"src/a.ts","lines":[1,20]}' },
      { id: 'call_y2', name: 'list_dir', arguments: '{"path":"./ü/🙂"}' },
    ];
    const tools = [{ name: 'read_file', description: 'Read', inputSchema: { type: 'object' } }, { name: 'list_dir', description: undefined, inputSchema: { type: 'object' } }];
    const expected = calls.map((call) => ({ type: 'tool-call', toolCallId: call.id, toolName: call.name, input: call.arguments }));
    sim.reply({ toolCalls: calls });
    const result = await generate(request({ tools }));
    assert.deepEqual(result.content, expected);
    assert.equal(result.finishReason.unified, 'tool-calls');
    sim.reply({ toolCalls: calls });
    const parts = await stream(request({ tools }));
    assert.deepEqual(parts.filter((part) => part.type === 'tool-call'), expected);
    assert.equal(parts.at(-1)?.type, 'finish');
  });

  it('reasoning_content arrives as a reasoning block before the text', async () => {
    sim.reply({ reasoning: 'Let me think.', text: 'Answer.' });
    const parts = await stream(request({}));
    assert.deepEqual(
      parts.filter((part) => part.type.endsWith('-start')).map((part) => part.type),
      ['reasoning-start', 'text-start'],
    );
    sim.reply({ reasoning: 'Let me think.', text: 'Answer.' });
    const result = await generate(request({}));
    assert.deepEqual(result.content, [{ type: 'reasoning', text: 'Let me think.' }, { type: 'text', text: 'Answer.' }]);
  });

  describe('errors', () => {
    it('400 keeps the upstream error object and code', async () => {
      sim.fail({ status: 400, body: { error: { message: 'too long', type: 'invalid_request_error', param: 'messages', code: 'context_length_exceeded' } } });
      await assert.rejects(send(request({})), (error: unknown) => {
        assert.ok(error instanceof UpstreamHttpError);
        assert.equal(error.status, 400);
        assert.equal((error.upstreamBody as { error: { code: string } }).error.code, 'context_length_exceeded');
        return true;
      });
    });

    it('401 redacts an echoed key; 429 keeps Retry-After; 500 is retryable', async () => {
      sim.fail({ status: 401, body: { error: { message: `Incorrect API key provided: ${sim.apiKey}.`, type: 'invalid_request_error', code: 'invalid_api_key' } } });
      await assert.rejects(send(request({})), (error: unknown) => error instanceof UpstreamHttpError && error.status === 401 && !error.message.includes(sim.apiKey));
      sim.fail({ status: 429, headers: { 'retry-after': '7' } });
      await assert.rejects(send(request({})), (error: unknown) => error instanceof GatewayError && error.code === 'rate_limited' && error.headers['retry-after'] === '7');
      sim.fail({ status: 500 });
      await assert.rejects(send(request({})), (error: unknown) => error instanceof GatewayError && error.status === 500 && error.isRetryable);
    });

    it('a stream cut mid-way ends in a stream_interrupted error part, with no finish', async () => {
      sim.fail({ cutAfterChunks: 3 });
      sim.reply({ text: 'one two three four five six' });
      const parts = await stream(request({}));
      assert.equal(parts.some((part) => part.type === 'finish'), false);
      const last = parts.at(-1);
      assert.ok(last?.type === 'error' && last.error instanceof GatewayError);
      assert.equal(last.error.code, 'stream_interrupted');
      assert.equal(text(parts), 'one two');
    });
  });

  it('sends a native body to /chat/completions unchanged', async () => {
    const body = JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'native' }] });
    const response = await openAiAdapter.send({ endpoint, request: { path: '/chat/completions', body }, cancellation: new Cancellation(), timeoutMs: 5000 });
    const answer = JSON.parse((await readBody(response, 1 << 20)).toString('utf8')) as { choices: { message: { content: string } }[] };
    assert.equal(answer.choices[0]?.message.content, 'Echo: native');
    assert.equal(sim.requests[0]?.path, '/v1/chat/completions');
  });
});
