/**
 * The simulator is only useful if the official SDK cannot tell it from Anthropic, so these tests
 * drive it with `@anthropic-ai/sdk` and assert on the exact shapes the SDK hands back.
 */
import { after, afterEach, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import Anthropic from '@anthropic-ai/sdk';
import { ANTHROPIC_VERSION, countSimulatedTokens, startAnthropicSimulator } from './anthropic-simulator.js';
import type { AnthropicSimulator } from './anthropic-simulator.js';

const MODEL = 'claude-sonnet-4-6';

/** Raw SSE events of a streamed request, to check the framing the SDK hides. */
async function rawEvents(simulator: AnthropicSimulator, body: unknown): Promise<{ contentType: string | null; events: { event: string; data: Record<string, unknown> }[] }> {
  const response = await fetch(`${simulator.url}/messages`, {
    method: 'POST',
    headers: { 'x-api-key': simulator.apiKey, 'anthropic-version': ANTHROPIC_VERSION, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  const events = text
    .split('\n\n')
    .filter((event) => event !== '')
    .map((event) => {
      const [eventLine, dataLine, ...rest] = event.split('\n');
      assert.deepEqual(rest, []);
      assert.ok(eventLine!.startsWith('event: ') && dataLine!.startsWith('data: '), event);
      return { event: eventLine!.slice(7), data: JSON.parse(dataLine!.slice(6)) as Record<string, unknown> };
    });
  return { contentType: response.headers.get('content-type'), events };
}

describe('Anthropic simulator', () => {
  let simulator: AnthropicSimulator;
  let client: Anthropic;

  before(async () => {
    simulator = await startAnthropicSimulator();
    client = new Anthropic({ baseURL: simulator.origin, apiKey: simulator.apiKey, maxRetries: 0 });
  });
  afterEach(() => simulator.reset());
  after(() => simulator.close());

  it('answers a non-streaming request with an echo and request-derived usage', async () => {
    const prompt = 'What is the capital of France?';
    const message = await client.messages.create({ model: MODEL, max_tokens: 100, system: 'Be brief.', messages: [{ role: 'user', content: prompt }] });
    const expectedText = `Echo: ${prompt}`;
    assert.match(message.id, /^msg_01[0-9a-f]+$/);
    assert.deepEqual(
      { ...message, id: 'ID' },
      {
        id: 'ID',
        type: 'message',
        role: 'assistant',
        model: MODEL,
        content: [{ type: 'text', text: expectedText }],
        stop_reason: 'end_turn',
        stop_sequence: null,
        usage: {
          input_tokens: Math.ceil(('Be brief.'.length + prompt.length) / 4),
          cache_creation_input_tokens: 0,
          cache_read_input_tokens: 0,
          cache_creation: { ephemeral_5m_input_tokens: 0, ephemeral_1h_input_tokens: 0 },
          output_tokens: countSimulatedTokens(expectedText),
          service_tier: 'standard',
        },
      },
    );
    const recorded = simulator.requests[0]!;
    assert.equal(recorded.method, 'POST');
    assert.equal(recorded.path, '/v1/messages');
    // SDK 1.x sends the key as a bearer token and pins the newer API version.
    assert.equal(recorded.headers.authorization, `Bearer ${simulator.apiKey}`);
    assert.equal(recorded.headers['anthropic-version'], '2026-10-21');
    assert.deepEqual(recorded.body, { model: MODEL, max_tokens: 100, system: 'Be brief.', messages: [{ role: 'user', content: prompt }] });
    assert.equal(recorded.aborted, false);
  });

  it('streams text with the exact event sequence, ping included, and usage in message_start and message_delta', async () => {
    simulator.reply({ text: 'Hi there', usage: { input_tokens: 12, output_tokens: 3, cache_read_input_tokens: 5, cache_creation_input_tokens: 2 } });
    const { contentType, events } = await rawEvents(simulator, { model: MODEL, max_tokens: 50, messages: [{ role: 'user', content: 'hi' }], stream: true });
    assert.equal(contentType, 'text/event-stream; charset=utf-8');
    assert.deepEqual(
      events.map((event) => event.event),
      ['message_start', 'content_block_start', 'ping', 'content_block_delta', 'content_block_delta', 'content_block_stop', 'message_delta', 'message_stop'],
    );
    for (const event of events) assert.equal(event.data.type, event.event);
    const start = events[0]!.data.message as Record<string, unknown>;
    assert.deepEqual(start.content, []);
    assert.equal(start.stop_reason, null);
    assert.deepEqual(start.usage, {
      input_tokens: 12,
      cache_creation_input_tokens: 2,
      cache_read_input_tokens: 5,
      cache_creation: { ephemeral_5m_input_tokens: 2, ephemeral_1h_input_tokens: 0 },
      output_tokens: 1,
      service_tier: 'standard',
    });
    assert.deepEqual(events[1]!.data, { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } });
    assert.deepEqual(events[4]!.data, { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: ' there' } });
    assert.deepEqual(events[6]!.data, {
      type: 'message_delta',
      delta: { stop_reason: 'end_turn', stop_sequence: null },
      usage: { input_tokens: 12, cache_creation_input_tokens: 2, cache_read_input_tokens: 5, output_tokens: 3 },
    });
  });

  it('streams thinking with its signature and parallel tool calls, which the SDK accumulates exactly', async () => {
    const content = [
      { type: 'thinking' as const, thinking: 'I need weather and time.', signature: 'EqQBCgIYAhIM1gbcDa9GJwZA2b3h' },
      { type: 'text' as const, text: 'Checking both.' },
      { type: 'tool_use' as const, id: 'toolu_01A', name: 'get_weather', input: { location: 'San Francisco, CA', unit: 'celsius' } },
      { type: 'tool_use' as const, id: 'toolu_01B', name: 'get_time', input: { timezone: 'Europe/Paris', note: 'café 🌍' } },
    ];
    simulator.reply({ content });
    const stream = client.messages.stream({ model: MODEL, max_tokens: 4000, messages: [{ role: 'user', content: 'weather and time?' }] });
    const deltaTypes: string[] = [];
    stream.on('streamEvent', (event) => {
      if (event.type === 'content_block_delta') deltaTypes.push(event.delta.type);
    });
    const message = await stream.finalMessage();
    assert.deepEqual(message.content, content);
    assert.equal(message.stop_reason, 'tool_use');
    assert.ok(deltaTypes.includes('signature_delta'));
    assert.ok(deltaTypes.filter((type) => type === 'input_json_delta').length > 4, 'tool input arrives in several fragments');
  });

  it('returns redacted thinking and a stop sequence when not streaming', async () => {
    simulator.reply({ content: [{ type: 'redacted_thinking', data: 'EmwKAhgBEgy3va3pzix' }, { type: 'text', text: 'Done' }], stopReason: 'stop_sequence', stopSequence: '###' });
    const message = await client.messages.create({ model: MODEL, max_tokens: 2000, messages: [{ role: 'user', content: 'q' }], stop_sequences: ['###'] });
    assert.deepEqual(message.content, [
      { type: 'redacted_thinking', data: 'EmwKAhgBEgy3va3pzix' },
      { type: 'text', text: 'Done' },
    ]);
    assert.equal(message.stop_reason, 'stop_sequence');
    assert.equal(message.stop_sequence, '###');
  });

  it('rejects a wrong key, and a missing anthropic-version, in the Anthropic envelope', async () => {
    const wrong = new Anthropic({ baseURL: simulator.origin, apiKey: 'sk-ant-wrong-123456', maxRetries: 0 });
    await assert.rejects(wrong.messages.create({ model: MODEL, max_tokens: 10, messages: [{ role: 'user', content: 'hi' }] }), (error: unknown) => {
      assert.ok(error instanceof Anthropic.AuthenticationError);
      assert.equal(error.type, 'authentication_error');
      assert.match(String(error.requestID), /^req_/);
      return true;
    });
    const response = await fetch(`${simulator.url}/messages`, {
      method: 'POST',
      headers: { 'x-api-key': simulator.apiKey, 'content-type': 'application/json' },
      body: JSON.stringify({ model: MODEL, max_tokens: 10, messages: [] }),
    });
    assert.equal(response.status, 400);
    const body = (await response.json()) as Record<string, unknown>;
    assert.deepEqual({ ...body, request_id: 'R' }, { type: 'error', error: { type: 'invalid_request_error', message: 'anthropic-version: header is required' }, request_id: 'R' });
  });

  it('answers an unknown model with 404 not_found_error', async () => {
    await assert.rejects(client.messages.create({ model: 'claude-nope', max_tokens: 10, messages: [{ role: 'user', content: 'hi' }] }), (error: unknown) => {
      assert.ok(error instanceof Anthropic.NotFoundError);
      assert.equal(error.type, 'not_found_error');
      assert.equal(error.apiMessage, 'model: claude-nope');
      return true;
    });
  });

  it('injects a 429 with retry-after and a 529 overloaded_error, then serves the queued reply', async () => {
    simulator.reply({ text: 'third attempt' });
    simulator.fail({ status: 429, headers: { 'retry-after': '7', 'anthropic-ratelimit-requests-remaining': '0' } });
    simulator.fail({ status: 529 });
    const ask = (): Promise<Anthropic.Message> => client.messages.create({ model: MODEL, max_tokens: 10, messages: [{ role: 'user', content: 'hi' }] });
    await assert.rejects(ask(), (error: unknown) => {
      assert.ok(error instanceof Anthropic.RateLimitError);
      assert.equal(error.headers.get('retry-after'), '7');
      assert.equal(error.headers.get('anthropic-ratelimit-requests-remaining'), '0');
      assert.equal(error.type, 'rate_limit_error');
      return true;
    });
    await assert.rejects(ask(), (error: unknown) => {
      assert.ok(error instanceof Anthropic.InternalServerError);
      assert.equal(error.status, 529);
      assert.equal(error.type, 'overloaded_error');
      return true;
    });
    assert.deepEqual((await ask()).content, [{ type: 'text', text: 'third attempt' }]);
  });

  it('sends an in-stream error event and ends the body, which the SDK raises', async () => {
    simulator.fail({ streamError: { afterEvents: 4 } });
    const { events } = await rawEvents(simulator, { model: MODEL, max_tokens: 50, messages: [{ role: 'user', content: 'one two three' }], stream: true });
    assert.deepEqual(
      events.map((event) => event.event),
      ['message_start', 'content_block_start', 'ping', 'content_block_delta', 'error'],
    );
    assert.deepEqual(events.at(-1)!.data, { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } });
    simulator.fail({ streamError: { afterEvents: 2, type: 'api_error', message: 'Internal server error' } });
    await assert.rejects(client.messages.stream({ model: MODEL, max_tokens: 50, messages: [{ role: 'user', content: 'x' }] }).finalMessage(), Anthropic.APIError);
  });

  it('cuts the connection mid-stream so the SDK raises an error', async () => {
    simulator.fail({ cutAfterEvents: 4 });
    const received: string[] = [];
    await assert.rejects(async () => {
      const stream = await client.messages.create({ model: MODEL, max_tokens: 50, messages: [{ role: 'user', content: 'one two three four' }], stream: true });
      for await (const event of stream) received.push(event.type);
    });
    // The SDK does not hand out the ping, the third event.
    assert.deepEqual(received, ['message_start', 'content_block_start', 'content_block_delta']);
    assert.equal(simulator.requests[0]!.aborted, false);
  });

  it('hangs until the client aborts, and records the abort', async () => {
    simulator.fail({ hang: true });
    const controller = new AbortController();
    const pending = client.messages.create({ model: MODEL, max_tokens: 10, messages: [{ role: 'user', content: 'hi' }] }, { signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    await assert.rejects(pending, (error: unknown) => error instanceof Anthropic.APIUserAbortError);
    await simulator.waitForAborted(1, 2000);
    assert.equal(simulator.requests[0]!.aborted, true);
  });

  it('delays headers and events when asked', async () => {
    simulator.fail({ delayMs: 60, chunkDelayMs: 15 });
    const started = performance.now();
    await client.messages.stream({ model: MODEL, max_tokens: 10, messages: [{ role: 'user', content: 'a' }] }).finalMessage();
    // message_start, block start, ping, two deltas, block stop, message_delta, message_stop: seven gaps.
    assert.ok(performance.now() - started >= 60 + 7 * 15 - 5);
  });

  it('enforces the tool_result rules Anthropic enforces', async () => {
    const toolTurn = { role: 'assistant' as const, content: [{ type: 'tool_use' as const, id: 'toolu_1', name: 'read', input: {} }] };
    const misordered = client.messages.create({
      model: MODEL,
      max_tokens: 10,
      messages: [
        { role: 'user', content: 'read it' },
        toolTurn,
        { role: 'user', content: [{ type: 'text', text: 'here' }, { type: 'tool_result', tool_use_id: 'toolu_1', content: 'data' }] },
      ],
    });
    await assert.rejects(misordered, (error: unknown) => error instanceof Anthropic.BadRequestError && /tool_result` blocks must come first/.test(error.message));
    const orphan = client.messages.create({
      model: MODEL,
      max_tokens: 10,
      messages: [{ role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_x', content: 'data' }] }],
    });
    await assert.rejects(orphan, (error: unknown) => error instanceof Anthropic.BadRequestError && /unexpected `tool_use_id`/.test(error.message));
    const fine = await client.messages.create({
      model: MODEL,
      max_tokens: 10,
      messages: [{ role: 'user', content: 'read it' }, toolTurn, { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_1', content: 'data' }, { type: 'text', text: 'go on' }] }],
    });
    assert.deepEqual(fine.content, [{ type: 'text', text: 'Echo: datago on' }]);
  });

  it('uses a replaced default until reset restores the echo, and counts tokens', async () => {
    simulator.setDefault({ text: 'fixed' });
    const ask = async (): Promise<unknown> => (await client.messages.create({ model: MODEL, max_tokens: 10, messages: [{ role: 'user', content: 'ping' }] })).content;
    assert.deepEqual(await ask(), [{ type: 'text', text: 'fixed' }]);
    simulator.reset();
    assert.deepEqual(await ask(), [{ type: 'text', text: 'Echo: ping' }]);
    const counted = await client.messages.countTokens({ model: MODEL, messages: [{ role: 'user', content: 'twelve chars' }] });
    assert.deepEqual(counted, { input_tokens: 3 });
  });

  it('lists models in Anthropic pages, which the SDK follows', async () => {
    const many = Array.from({ length: 25 }, (_, index) => `claude-model-${index}`);
    const large = await startAnthropicSimulator({ models: many });
    try {
      const sdk = new Anthropic({ baseURL: large.origin, apiKey: large.apiKey, maxRetries: 0 });
      const ids: string[] = [];
      for await (const model of sdk.models.list()) {
        assert.equal(model.type, 'model');
        ids.push(model.id);
      }
      assert.deepEqual(ids, many);
      assert.deepEqual(
        large.requests.map((request) => request.path),
        ['/v1/models', '/v1/models'],
      );
    } finally {
      await large.close();
    }
  });

  it('close() ends hanging requests promptly', async () => {
    const quiet = await startAnthropicSimulator({ record: false });
    quiet.fail({ hang: true });
    const sdk = new Anthropic({ baseURL: quiet.origin, apiKey: quiet.apiKey, maxRetries: 0 });
    const pending = sdk.messages.create({ model: MODEL, max_tokens: 10, messages: [{ role: 'user', content: 'hi' }] });
    await new Promise((resolve) => setTimeout(resolve, 30));
    await quiet.close();
    await assert.rejects(pending, Anthropic.APIConnectionError);
    assert.deepEqual(quiet.requests, []);
  });
});
