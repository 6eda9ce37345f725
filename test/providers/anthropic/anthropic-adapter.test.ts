/**
 * The adapter end to end over real HTTP: canonical request -> encodeRequest -> send (callUpstream)
 * -> the Anthropic simulator -> decodeResult / the stream decoder.
 */
import assert from 'node:assert/strict';
import type { IncomingMessage } from 'node:http';
import { after, afterEach, before, describe, it } from 'node:test';
import { GatewayError, UpstreamHttpError } from '../../../main/errors/gateway-error.js';
import { anthropicAdapter } from '../../../main/providers/anthropic/anthropic-adapter.js';
import { readBody, UpstreamCallAborted } from '../../../main/providers/call-upstream.js';
import { createEndpoint, type UpstreamEndpoint } from '../../../main/providers/upstream-endpoint.js';
import type { ChatRequest, Message, StreamPart } from '../../../main/spec/index.js';
import { Cancellation } from '../../../main/util/cancellation.js';
import { startAnthropicSimulator, type AnthropicSimulator } from '../../support/anthropic-simulator.js';
import { chatRequest } from './canonical-request.js';

const MODEL = 'claude-sonnet-4-6';

/** `apiKey: null` builds a keyless endpoint, as the catalog does for an account without a key. */
function endpointFor(simulator: AnthropicSimulator, apiKey: string | null = simulator.apiKey): UpstreamEndpoint {
  return createEndpoint({ provider: 'claude', baseUrl: simulator.url, headers: apiKey === null ? {} : anthropicAdapter.authHeaders(apiKey), credential: apiKey ?? undefined });
}

async function send(endpoint: UpstreamEndpoint, request: ChatRequest, options: { cancellation?: Cancellation; timeoutMs?: number } = {}): Promise<IncomingMessage> {
  return anthropicAdapter.send({
    endpoint,
    request: anthropicAdapter.encodeRequest(request, MODEL),
    cancellation: options.cancellation ?? new Cancellation(),
    timeoutMs: options.timeoutMs ?? 5000,
  });
}

async function streamParts(response: IncomingMessage): Promise<StreamPart[]> {
  const decoder = anthropicAdapter.createStreamDecoder();
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

const user = (text: string): Message => ({ role: 'user', content: [{ type: 'text', text }] });

describe('anthropicAdapter against the Anthropic simulator', () => {
  let simulator: AnthropicSimulator;
  let endpoint: UpstreamEndpoint;

  before(async () => {
    simulator = await startAnthropicSimulator();
    endpoint = endpointFor(simulator);
  });
  afterEach(() => simulator.reset());
  after(() => simulator.close());

  it('round-trips a non-streaming text answer with the headers and body Anthropic expects', async () => {
    const response = await send(endpoint, chatRequest({ messages: [{ role: 'system', content: [{ type: 'text', text: 'Be brief.' }] }, user('Bonjour 👋')], maxOutputTokens: 64 }));
    assert.equal(response.statusCode, 200);
    const result = anthropicAdapter.decodeResult(JSON.parse((await readBody(response, 1 << 20)).toString('utf8')));
    assert.deepEqual(result.content, [{ type: 'text', text: 'Echo: Bonjour 👋' }]);
    assert.deepEqual(result.finishReason, { unified: 'stop', raw: 'end_turn' });
    assert.equal(result.response.modelId, MODEL);
    assert.match(result.response.id!, /^msg_/);
    assert.deepEqual(result.usage, { inputTokens: 5, outputTokens: 4, cachedInputTokens: 0, cacheWriteInputTokens: 0, reasoningTokens: undefined });
    const recorded = simulator.requests[0]!;
    assert.equal(recorded.path, '/v1/messages');
    assert.equal(recorded.headers['x-api-key'], simulator.apiKey);
    assert.equal(recorded.headers['anthropic-version'], '2023-06-01');
    assert.equal(recorded.headers['content-type'], 'application/json');
    assert.deepEqual(recorded.body, { model: MODEL, max_tokens: 64, system: [{ type: 'text', text: 'Be brief.' }], messages: [{ role: 'user', content: [{ type: 'text', text: 'Bonjour 👋' }] }] });
  });

  it('streams thinking, text and parallel tool calls into canonical parts with cache usage', async () => {
    simulator.reply({
      content: [
        { type: 'thinking', thinking: 'Two cities.', signature: 'sig-abc' },
        { type: 'text', text: 'Checking.' },
        { type: 'tool_use', id: 'toolu_A', name: 'get_weather', input: { city: 'Paris' } },
        { type: 'tool_use', id: 'toolu_B', name: 'get_weather', input: { city: 'Rome', note: 'café' } },
      ],
      usage: { input_tokens: 40, output_tokens: 60, cache_read_input_tokens: 1000, cache_creation_input_tokens: 10 },
    });
    const parts = await streamParts(await send(endpoint, chatRequest({ stream: true, reasoning: { effort: undefined, budgetTokens: 2000 }, maxOutputTokens: 4000 })));
    assert.equal(parts[0]!.type, 'response-metadata');
    const inputOf = (id: string): string =>
      parts
        .filter((part): part is Extract<StreamPart, { type: 'tool-input-delta' }> => part.type === 'tool-input-delta' && part.id === id)
        .map((part) => part.delta)
        .join('');
    assert.equal(inputOf('toolu_B'), '{"city":"Rome","note":"café"}');
    assert.deepEqual(
      parts.filter((part) => part.type !== 'tool-input-delta' && part.type !== 'response-metadata'),
      [
        { type: 'reasoning-start', id: '0' },
        { type: 'reasoning-delta', id: '0', delta: 'Two' },
        { type: 'reasoning-delta', id: '0', delta: ' cities.' },
        { type: 'reasoning-end', id: '0', signature: 'sig-abc' },
        { type: 'text-start', id: '1' },
        { type: 'text-delta', id: '1', delta: 'Checking.' },
        { type: 'text-end', id: '1' },
        { type: 'tool-input-start', id: 'toolu_A', toolName: 'get_weather' },
        { type: 'tool-input-end', id: 'toolu_A' },
        { type: 'tool-call', toolCallId: 'toolu_A', toolName: 'get_weather', input: '{"city":"Paris"}' },
        { type: 'tool-input-start', id: 'toolu_B', toolName: 'get_weather' },
        { type: 'tool-input-end', id: 'toolu_B' },
        { type: 'tool-call', toolCallId: 'toolu_B', toolName: 'get_weather', input: '{"city":"Rome","note":"café"}' },
        {
          type: 'finish',
          finishReason: { unified: 'tool-calls', raw: 'tool_use' },
          usage: { inputTokens: 1050, outputTokens: 60, cachedInputTokens: 1000, cacheWriteInputTokens: 10, reasoningTokens: undefined },
        },
      ],
    );
    assert.deepEqual((simulator.requests[0]!.body as { thinking: unknown }).thinking, { type: 'enabled', budget_tokens: 2000 });
  });

  it('completes a tool loop: results Anthropic accepts, answered with the tool output', async () => {
    const messages: Message[] = [
      user('Weather in Paris and Rome?'),
      {
        role: 'assistant',
        content: [
          { type: 'tool-call', toolCallId: 'call_paris', toolName: 'get_weather', input: '{"city":"Paris"}' },
          { type: 'tool-call', toolCallId: 'functions.get_weather:1', toolName: 'get_weather', input: '{"city":"Rome"}' },
        ],
      },
      { role: 'tool', content: [{ type: 'tool-result', toolCallId: 'call_paris', toolName: undefined, output: [{ type: 'text', text: '18C' }], isError: false }] },
      { role: 'tool', content: [{ type: 'tool-result', toolCallId: 'functions.get_weather:1', toolName: undefined, output: [{ type: 'text', text: '25C' }], isError: false }] },
      user(' Which is warmer?'),
    ];
    const response = await send(endpoint, chatRequest({ messages, tools: [{ name: 'get_weather', description: undefined, inputSchema: { type: 'object' } }] }));
    const result = anthropicAdapter.decodeResult(JSON.parse((await readBody(response, 1 << 20)).toString('utf8')));
    assert.deepEqual(result.content, [{ type: 'text', text: 'Echo: 18C25C Which is warmer?' }]);
  });

  it('keeps a 400 in Anthropic’s own envelope, not retryable', async () => {
    const body = { type: 'error', error: { type: 'invalid_request_error', message: 'messages.0: bad' }, request_id: 'req_011CX' };
    simulator.fail({ status: 400, body });
    const error = await rejection(send(endpoint, chatRequest()));
    assert.equal(error.status, 400);
    assert.equal(error.code, 'upstream_error');
    assert.equal(error.provider, 'claude');
    assert.equal(error.isRetryable, false);
    assert.equal(error.message, 'messages.0: bad');
    assert.deepEqual(error.upstreamBody, body);
  });

  it('reports a wrong key as the upstream’s 401', async () => {
    const error = await rejection(send(endpointFor(simulator, 'sk-ant-wrong-0123456789'), chatRequest()));
    assert.equal(error.status, 401);
    assert.equal(error.message, 'invalid x-api-key');
    assert.equal((error.upstreamBody as { error: { type: string } }).error.type, 'authentication_error');
  });

  it('forwards retry-after and the anthropic-ratelimit headers of a 429', async () => {
    simulator.fail({
      status: 429,
      headers: { 'retry-after': '12', 'anthropic-ratelimit-requests-remaining': '0', 'anthropic-ratelimit-requests-reset': '2026-01-01T00:00:12Z', 'x-unrelated': 'no' },
    });
    const error = await rejection(send(endpoint, chatRequest()));
    assert.equal(error.status, 429);
    assert.equal(error.code, 'rate_limited');
    assert.equal(error.isRetryable, true);
    assert.deepEqual(error.headers, { 'retry-after': '12', 'anthropic-ratelimit-requests-remaining': '0', 'anthropic-ratelimit-requests-reset': '2026-01-01T00:00:12Z' });
  });

  it('maps 529 overloaded_error to a retryable 529', async () => {
    simulator.fail({ status: 529 });
    const error = await rejection(send(endpoint, chatRequest({ stream: true })));
    assert.equal(error.status, 529);
    assert.equal(error.isRetryable, true);
    assert.equal(error.message, 'Overloaded');
    assert.equal((error.upstreamBody as { error: { type: string } }).error.type, 'overloaded_error');
  });

  it('redacts the account key an upstream echoes, and reads a non-JSON error body as text', async () => {
    simulator.fail({ status: 401, body: { type: 'error', error: { type: 'authentication_error', message: `invalid key ${simulator.apiKey} for this proxy` } } });
    const echoed = await rejection(send(endpoint, chatRequest()));
    assert.equal(echoed.message.includes(simulator.apiKey), false);
    assert.equal(JSON.stringify(echoed.upstreamBody).includes(simulator.apiKey), false);
    assert.match(echoed.message, /^invalid key sk-…\[redacted\] for this proxy$/);
    simulator.fail({ status: 502, body: '<html>Bad gateway</html>' });
    const html = await rejection(send(endpoint, chatRequest()));
    assert.equal(html.status, 502);
    assert.equal(html.message, '<html>Bad gateway</html>');
    assert.equal(html.upstreamBody, undefined);
  });

  it('turns a stream cut mid-answer into a stream_interrupted error part instead of finish', async () => {
    simulator.fail({ cutAfterEvents: 4 });
    const parts = await streamParts(await send(endpoint, chatRequest({ stream: true, messages: [user('one two three')] })));
    assert.deepEqual(
      parts.map((part) => part.type),
      ['response-metadata', 'text-start', 'text-delta', 'text-end', 'error'],
    );
    const error = (parts.at(-1) as { error: GatewayError }).error;
    assert.equal(error.code, 'stream_interrupted');
    assert.equal(error.status, 502);
  });

  it('turns an in-stream error event into an error part carrying the Anthropic error', async () => {
    simulator.fail({ streamError: { afterEvents: 4 } });
    const parts = await streamParts(await send(endpoint, chatRequest({ stream: true })));
    assert.equal(parts.at(-1)!.type, 'error');
    const error = (parts.at(-1) as { error: UpstreamHttpError }).error;
    assert.ok(error instanceof UpstreamHttpError);
    assert.equal(error.status, 529);
    assert.deepEqual(error.upstreamBody, { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } });
    assert.equal(parts.filter((part) => part.type === 'finish').length, 0);
  });

  it('aborts the upstream call when the request is cancelled, and times out a silent upstream', async () => {
    simulator.fail({ hang: true });
    const cancellation = new Cancellation();
    const pending = send(endpoint, chatRequest(), { cancellation });
    setTimeout(() => cancellation.cancel('client-closed'), 30);
    await assert.rejects(pending, UpstreamCallAborted);
    await simulator.waitForAborted(1, 2000);
    simulator.fail({ hang: true });
    await assert.rejects(send(endpoint, chatRequest(), { timeoutMs: 80 }), (error: unknown) => error instanceof GatewayError && error.code === 'upstream_timeout');
  });

  it('forwards a native body unchanged, with the client’s own API version when it sends one', async () => {
    const body = JSON.stringify({ model: MODEL, max_tokens: 20, messages: [{ role: 'user', content: 'native' }], metadata: { user_id: 'u' } });
    const response = await anthropicAdapter.send({ endpoint, request: { path: '/messages', body }, cancellation: new Cancellation(), timeoutMs: 5000 });
    assert.equal(JSON.parse((await readBody(response, 1 << 20)).toString('utf8')).content[0].text, 'Echo: native');
    assert.deepEqual(simulator.requests[0]!.body, JSON.parse(body));
    assert.equal(simulator.requests[0]!.headers['anthropic-version'], '2023-06-01');
    const headers = { 'anthropic-version': '2026-10-21', 'anthropic-beta': 'context-management-2025-06-27' };
    await readBody(await anthropicAdapter.send({ endpoint, request: { path: '/messages', body, headers }, cancellation: new Cancellation(), timeoutMs: 5000 }), 1 << 20);
    assert.equal(simulator.requests[1]!.headers['anthropic-version'], '2026-10-21');
    assert.equal(simulator.requests[1]!.headers['anthropic-beta'], 'context-management-2025-06-27');
  });

  it('sends anthropic-version even to a keyless upstream', async () => {
    await rejection(send(endpointFor(simulator, null), chatRequest()));
    assert.equal(simulator.requests[0]!.headers['anthropic-version'], '2023-06-01');
    assert.equal(simulator.requests[0]!.headers['x-api-key'], undefined);
  });

  it('lists the models, and fails in Anthropic’s envelope with a wrong key', async () => {
    assert.deepEqual(await anthropicAdapter.listModels({ endpoint, cancellation: new Cancellation(), timeoutMs: 5000 }), simulator.models);
    const error = await rejection(anthropicAdapter.listModels({ endpoint: endpointFor(simulator, 'sk-ant-wrong-0123456789'), cancellation: new Cancellation(), timeoutMs: 5000 }));
    assert.equal(error.status, 401);
  });

  it('follows the model list across pages', async () => {
    const models = Array.from({ length: 1005 }, (_, index) => `claude-model-${index}`);
    const large = await startAnthropicSimulator({ models });
    try {
      assert.deepEqual(await anthropicAdapter.listModels({ endpoint: endpointFor(large), cancellation: new Cancellation(), timeoutMs: 5000 }), models);
      assert.equal(large.requests.length, 2);
    } finally {
      await large.close();
    }
  });
});
