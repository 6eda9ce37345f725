/**
 * The simulator is only useful if the official SDK cannot tell it from OpenAI, so every test here
 * drives it with `openai` and asserts on the exact shapes the SDK hands back.
 */
import { after, afterEach, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import type { ChatCompletionChunk } from 'openai/resources/chat/completions';
import { SYSTEM_FINGERPRINT, countSimulatedTokens, startOpenAiSimulator } from './openai-simulator.js';
import type { OpenAiSimulator } from './openai-simulator.js';

const MODEL = 'gpt-4o-mini';

async function collect(stream: AsyncIterable<ChatCompletionChunk>): Promise<ChatCompletionChunk[]> {
  const chunks: ChatCompletionChunk[] = [];
  for await (const chunk of stream) chunks.push(chunk);
  return chunks;
}

/** Raw SSE events of a streamed request, to check framing the SDK would hide. */
async function rawEvents(simulator: OpenAiSimulator, body: unknown): Promise<{ contentType: string | null; events: string[] }> {
  const response = await fetch(`${simulator.url}/chat/completions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${simulator.apiKey}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  return { contentType: response.headers.get('content-type'), events: text.split('\n\n').filter((event) => event !== '') };
}

describe('OpenAI simulator', () => {
  let simulator: OpenAiSimulator;
  let client: OpenAI;

  before(async () => {
    simulator = await startOpenAiSimulator();
    client = new OpenAI({ baseURL: simulator.url, apiKey: simulator.apiKey, maxRetries: 0 });
  });
  afterEach(() => simulator.reset());
  after(() => simulator.close());

  it('answers a non-streaming request with an echo and request-derived usage', async () => {
    const prompt = 'What is the capital of France?';
    const completion = await client.chat.completions.create({
      model: MODEL,
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: prompt },
      ],
    });
    const expectedText = `Echo: ${prompt}`;
    const promptTokens = Math.ceil(('Be brief.'.length + prompt.length) / 4);
    const completionTokens = countSimulatedTokens(expectedText);
    assert.match(completion.id, /^chatcmpl-[0-9a-f]+$/);
    assert.equal(typeof completion.created, 'number');
    assert.deepEqual(
      { ...completion, id: 'ID', created: 0 },
      {
        id: 'ID',
        object: 'chat.completion',
        created: 0,
        model: MODEL,
        choices: [
          { index: 0, message: { role: 'assistant', content: expectedText, refusal: null, annotations: [] }, logprobs: null, finish_reason: 'stop' },
        ],
        usage: {
          prompt_tokens: promptTokens,
          completion_tokens: completionTokens,
          total_tokens: promptTokens + completionTokens,
          prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 },
          completion_tokens_details: { reasoning_tokens: 0, audio_tokens: 0, accepted_prediction_tokens: 0, rejected_prediction_tokens: 0 },
        },
        service_tier: 'default',
        system_fingerprint: SYSTEM_FINGERPRINT,
      },
    );
    assert.equal(simulator.requests.length, 1);
    const recorded = simulator.requests[0]!;
    assert.equal(recorded.method, 'POST');
    assert.equal(recorded.path, '/v1/chat/completions');
    assert.equal(recorded.headers.authorization, `Bearer ${simulator.apiKey}`);
    assert.deepEqual(recorded.body, { model: MODEL, messages: [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: prompt }] });
    assert.equal(recorded.aborted, false);
  });

  it('streams scripted text with include_usage exactly as OpenAI does', async () => {
    simulator.reply({ text: 'Hi, how are you?', usage: { prompt_tokens: 10, completion_tokens: 5, prompt_tokens_details: { cached_tokens: 2 } } });
    const stream = await client.chat.completions.create({
      model: MODEL,
      messages: [{ role: 'user', content: 'Say hi' }],
      stream: true,
      stream_options: { include_usage: true },
    });
    const chunks = await collect(stream);
    assert.equal(new Set(chunks.map((chunk) => chunk.id)).size, 1);
    for (const chunk of chunks) {
      assert.equal(chunk.object, 'chat.completion.chunk');
      assert.equal(chunk.model, MODEL);
      assert.equal(chunk.system_fingerprint, SYSTEM_FINGERPRINT);
      assert.equal(typeof (chunk as unknown as { obfuscation: unknown }).obfuscation, 'string');
    }
    assert.deepEqual(
      chunks.map((chunk) => chunk.choices[0]?.delta),
      [{ role: 'assistant', content: '', refusal: null }, { content: 'Hi,' }, { content: ' how' }, { content: ' are' }, { content: ' you?' }, {}, undefined],
    );
    assert.deepEqual(
      chunks.map((chunk) => chunk.choices[0]?.finish_reason),
      [null, null, null, null, null, 'stop', undefined],
    );
    assert.deepEqual(chunks.slice(0, -1).map((chunk) => chunk.usage), [null, null, null, null, null, null]);
    const usageChunk = chunks.at(-1)!;
    assert.deepEqual(usageChunk.choices, []);
    assert.deepEqual(usageChunk.usage, {
      prompt_tokens: 10,
      completion_tokens: 5,
      total_tokens: 15,
      prompt_tokens_details: { cached_tokens: 2, audio_tokens: 0 },
      completion_tokens_details: { reasoning_tokens: 0, audio_tokens: 0, accepted_prediction_tokens: 0, rejected_prediction_tokens: 0 },
    });
  });

  it('frames each chunk as its own SSE event and ends with [DONE]; no usage key without include_usage', async () => {
    simulator.reply({ chunks: ['A', 'B'] });
    const { contentType, events } = await rawEvents(simulator, { model: MODEL, messages: [{ role: 'user', content: 'x' }], stream: true, stream_options: { include_obfuscation: false } });
    assert.equal(contentType, 'text/event-stream; charset=utf-8');
    assert.equal(events.length, 5);
    assert.equal(events.at(-1), 'data: [DONE]');
    const payloads = events.slice(0, -1).map((event) => {
      assert.ok(event.startsWith('data: '));
      return JSON.parse(event.slice('data: '.length)) as Record<string, unknown>;
    });
    assert.deepEqual(Object.keys(payloads[0]!), ['id', 'object', 'created', 'model', 'service_tier', 'system_fingerprint', 'choices']);
    assert.deepEqual(payloads[1]!.choices, [{ index: 0, delta: { content: 'A' }, logprobs: null, finish_reason: null }]);
    assert.deepEqual(payloads[3]!.choices, [{ index: 0, delta: {}, logprobs: null, finish_reason: 'stop' }]);
  });

  it('streams parallel tool calls the way OpenAI does, and the SDK accumulates them exactly', async () => {
    const calls = [
      { id: 'call_weather_1', name: 'get_weather', arguments: '{"location":"San Francisco, CA","unit":"celsius"}' },
      { id: 'call_time_2', name: 'get_time', arguments: '{"timezone":"Europe/Paris","note":"café 🌍"}' },
    ];
    simulator.reply({ toolCalls: calls });
    const chunks = await collect(
      await client.chat.completions.create({ model: MODEL, messages: [{ role: 'user', content: 'weather and time?' }], stream: true }),
    );
    // The first tool call's header rides on the role chunk.
    assert.deepEqual(chunks[0]!.choices[0]!.delta, {
      role: 'assistant',
      content: null,
      tool_calls: [{ index: 0, id: 'call_weather_1', type: 'function', function: { name: 'get_weather', arguments: '' } }],
      refusal: null,
    });
    const accumulated: { id: string; name: string; arguments: string }[] = [];
    let headers = 0;
    for (const chunk of chunks) {
      for (const delta of chunk.choices[0]?.delta.tool_calls ?? []) {
        if (delta.id !== undefined) {
          headers += 1;
          accumulated[delta.index] = { id: delta.id, name: delta.function?.name ?? '', arguments: '' };
        }
        accumulated[delta.index]!.arguments += delta.function?.arguments ?? '';
      }
    }
    assert.equal(headers, 2);
    assert.ok(chunks.length > 6, 'arguments arrive as several fragments');
    assert.deepEqual(accumulated, calls);
    assert.equal(chunks.at(-1)!.choices[0]!.finish_reason, 'tool_calls');
    assert.deepEqual(chunks.at(-1)!.choices[0]!.delta, {});
  });

  it('returns tool calls with null content when not streaming', async () => {
    simulator.reply({ toolCalls: [{ id: 'call_a', name: 'read', arguments: '{"path":"a.txt"}' }] });
    const completion = await client.chat.completions.create({ model: MODEL, messages: [{ role: 'user', content: 'read a' }] });
    assert.deepEqual(completion.choices[0], {
      index: 0,
      message: {
        role: 'assistant',
        content: null,
        tool_calls: [{ id: 'call_a', type: 'function', function: { name: 'read', arguments: '{"path":"a.txt"}' } }],
        refusal: null,
        annotations: [],
      },
      logprobs: null,
      finish_reason: 'tool_calls',
    });
  });

  it('streams reasoning as reasoning_content before the content', async () => {
    simulator.reply({ reasoning: 'Think first.', text: 'Done.' });
    const chunks = await collect(await client.chat.completions.create({ model: MODEL, messages: [{ role: 'user', content: 'q' }], stream: true }));
    const deltas = chunks.map((chunk) => chunk.choices[0]?.delta as Record<string, unknown>);
    assert.deepEqual(deltas.slice(1, 4), [{ content: null, reasoning_content: 'Think' }, { content: null, reasoning_content: ' first.' }, { content: 'Done.' }]);
  });

  it('rejects a wrong key with OpenAI.AuthenticationError and the invalid_api_key envelope', async () => {
    const wrong = new OpenAI({ baseURL: simulator.url, apiKey: 'sk-wrong-key-123456', maxRetries: 0 });
    const error = await wrong.chat.completions.create({ model: MODEL, messages: [{ role: 'user', content: 'hi' }] }).then(
      () => assert.fail('expected a 401'),
      (caught: unknown) => caught,
    );
    assert.ok(error instanceof OpenAI.AuthenticationError);
    assert.equal(error.status, 401);
    assert.equal(error.code, 'invalid_api_key');
    assert.equal(error.type, 'invalid_request_error');
    assert.match(error.message, /^401 Incorrect API key provided: sk-\*+3456\./);
  });

  it('answers an unknown model with 404 model_not_found', async () => {
    await assert.rejects(client.chat.completions.create({ model: 'gpt-nope', messages: [{ role: 'user', content: 'hi' }] }), (error: unknown) => {
      assert.ok(error instanceof OpenAI.NotFoundError);
      assert.equal(error.code, 'model_not_found');
      assert.equal(error.message, '404 The model `gpt-nope` does not exist or you do not have access to it.');
      return true;
    });
  });

  it('injects a 429 with retry-after, then serves the queued reply (faults before replies)', async () => {
    simulator.reply({ text: 'second attempt' });
    simulator.fail({ status: 429, headers: { 'retry-after': '7' } });
    await assert.rejects(client.chat.completions.create({ model: MODEL, messages: [{ role: 'user', content: 'hi' }] }), (error: unknown) => {
      assert.ok(error instanceof OpenAI.RateLimitError);
      assert.equal(error.headers.get('retry-after'), '7');
      assert.equal(error.code, 'rate_limit_exceeded');
      assert.equal(error.type, 'requests');
      return true;
    });
    const completion = await client.chat.completions.create({ model: MODEL, messages: [{ role: 'user', content: 'hi' }] });
    assert.equal(completion.choices[0]!.message.content, 'second attempt');
  });

  it('cuts the TCP connection mid-stream so the SDK raises an error', async () => {
    simulator.fail({ cutAfterChunks: 2 });
    const received: string[] = [];
    await assert.rejects(async () => {
      const stream = await client.chat.completions.create({ model: MODEL, messages: [{ role: 'user', content: 'one two three four' }], stream: true });
      for await (const chunk of stream) received.push(chunk.choices[0]?.delta.content ?? '');
    });
    assert.deepEqual(received, ['', 'Echo:']);
    assert.equal(simulator.requests[0]!.aborted, false);
  });

  it('hangs until the client aborts, and records the abort', async () => {
    simulator.fail({ hang: true });
    const controller = new AbortController();
    const pending = client.chat.completions.create({ model: MODEL, messages: [{ role: 'user', content: 'hi' }] }, { signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    await assert.rejects(pending, (error: unknown) => error instanceof OpenAI.APIUserAbortError);
    await simulator.waitForAborted(1, 2000);
    assert.equal(simulator.requests[0]!.aborted, true);
  });

  it('records a client that leaves mid-stream as aborted', async () => {
    simulator.fail({ chunkDelayMs: 40 });
    const controller = new AbortController();
    const stream = await client.chat.completions.create(
      { model: MODEL, messages: [{ role: 'user', content: 'a b c d e f g h' }], stream: true },
      { signal: controller.signal },
    );
    let received = 0;
    // The SDK ends the iteration quietly when its own signal aborts it.
    for await (const _chunk of stream) {
      received += 1;
      controller.abort();
    }
    assert.equal(received, 1);
    await simulator.waitForAborted(1, 2000);
    assert.equal(simulator.requests[0]!.aborted, true);
  });

  it('sends malformed JSON on demand, streaming and not', async () => {
    simulator.fail({ malformedJson: true });
    await assert.rejects(client.chat.completions.create({ model: MODEL, messages: [{ role: 'user', content: 'hi' }] }), SyntaxError);
    simulator.fail({ malformedJson: true });
    const { events } = await rawEvents(simulator, { model: MODEL, messages: [{ role: 'user', content: 'hi' }], stream: true });
    assert.throws(() => JSON.parse(events[1]!.slice('data: '.length)), SyntaxError);
    assert.equal(events.at(-1), 'data: [DONE]');
  });

  it('delays headers and chunks when asked', async () => {
    simulator.fail({ delayMs: 60, chunkDelayMs: 20 });
    const started = performance.now();
    await collect(await client.chat.completions.create({ model: MODEL, messages: [{ role: 'user', content: 'a b' }], stream: true }));
    // Role, two content chunks, finish and [DONE]: four gaps after the initial delay.
    assert.ok(performance.now() - started >= 60 + 4 * 20 - 5);
  });

  it('uses a replaced default until reset restores the echo', async () => {
    simulator.setDefault({ text: 'fixed' });
    const ask = async (): Promise<string | null> =>
      (await client.chat.completions.create({ model: MODEL, messages: [{ role: 'user', content: 'ping' }] })).choices[0]!.message.content;
    assert.deepEqual([await ask(), await ask()], ['fixed', 'fixed']);
    simulator.reset();
    assert.equal(await ask(), 'Echo: ping');
    await assert.rejects(simulator.waitForAborted(1, 20), /expected 1 aborted request\(s\) within 20 ms, saw 0/);
  });

  it('lists models in OpenAI list shape, with auth', async () => {
    const page = await client.models.list();
    assert.deepEqual(
      page.data.map((model) => ({ id: model.id, object: model.object, owned_by: model.owned_by })),
      simulator.models.map((id) => ({ id, object: 'model', owned_by: 'system' })),
    );
    const wrong = new OpenAI({ baseURL: simulator.url, apiKey: 'sk-wrong-key-123456', maxRetries: 0 });
    await assert.rejects(wrong.models.list(), OpenAI.AuthenticationError);
  });

  it('answers unknown paths and unparsable bodies in the OpenAI envelope', async () => {
    const headers = { authorization: `Bearer ${simulator.apiKey}`, 'content-type': 'application/json' };
    const unknown = await fetch(`${simulator.url}/nothing-here`, { method: 'POST', headers, body: '{}' });
    assert.equal(unknown.status, 404);
    assert.deepEqual(await unknown.json(), { error: { message: 'Invalid URL (POST /v1/nothing-here)', type: 'invalid_request_error', param: null, code: null } });
    const broken = await fetch(`${simulator.url}/chat/completions`, { method: 'POST', headers, body: '{"model":' });
    assert.equal(broken.status, 400);
    const envelope = (await broken.json()) as { error: { type: string; code: unknown } };
    assert.equal(envelope.error.type, 'invalid_request_error');
    assert.equal(simulator.requests.at(-1)!.body, '{"model":');
  });

  it('does not record when recording is off, and close() ends hanging requests', async () => {
    const quiet = await startOpenAiSimulator({ record: false, apiKey: 'sk-quiet', models: ['m1'] });
    quiet.fail({ hang: true });
    const quietClient = new OpenAI({ baseURL: quiet.url, apiKey: 'sk-quiet', maxRetries: 0 });
    const pending = quietClient.chat.completions.create({ model: 'm1', messages: [{ role: 'user', content: 'hi' }] });
    await new Promise((resolve) => setTimeout(resolve, 30));
    const started = performance.now();
    await quiet.close();
    assert.ok(performance.now() - started < 500);
    await assert.rejects(pending, OpenAI.APIConnectionError);
    assert.deepEqual(quiet.requests, []);
  });
});
