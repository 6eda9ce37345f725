import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import OpenAI from 'openai';
import { startOpenAiSimulator, type OpenAiSimulator } from '../support/openai-simulator.js';
import { startRouter, type TestRouter } from '../support/start-router.js';

describe('POST /v1/chat/completions to an OpenAI-family upstream', () => {
  let sim: OpenAiSimulator;
  let router: TestRouter;
  let client: OpenAI;
  let direct: OpenAI;

  before(async () => {
    sim = await startOpenAiSimulator({ models: ['gpt-4o-mini'] });
    router = await startRouter();
    await router.addProvider({ name: 'sim', kind: 'openai', baseUrl: sim.url, apiKey: sim.apiKey, models: ['gpt-4o-mini'] });
    client = new OpenAI({ baseURL: router.url + '/v1', apiKey: 'any-client-key', maxRetries: 0 });
    direct = new OpenAI({ baseURL: sim.url, apiKey: sim.apiKey, maxRetries: 0 });
  });
  after(async () => {
    await router.close();
    await sim.close();
  });
  beforeEach(() => {
    sim.reset();
    router.resetRouting();
  });

  const messages: OpenAI.ChatCompletionMessageParam[] = [
    { role: 'system', content: 'Be brief.' },
    { role: 'user', content: 'Say hello to the router' },
  ];

  it('answers JSON exactly as the upstream does, with the model rewritten upstream only', async () => {
    const { data, response } = await client.chat.completions
      .create({ model: 'sim/gpt-4o-mini', messages, temperature: 0.2, user: 'u-1' })
      .withResponse();
    const expected = await direct.chat.completions.create({ model: 'gpt-4o-mini', messages, temperature: 0.2, user: 'u-1' });
    assert.equal(data.object, 'chat.completion');
    assert.deepEqual(data.choices, expected.choices);
    assert.deepEqual(data.usage, expected.usage);
    assert.equal(response.headers.get('x-omniroute-provider'), 'sim');
    assert.equal(response.headers.get('x-omniroute-model'), 'sim/gpt-4o-mini');
    assert.match(response.headers.get('x-request-id') ?? '', /^req_[0-9a-f]{32}$/);
    const forwarded = sim.requests[0]?.body as Record<string, unknown>;
    assert.deepEqual(forwarded, { model: 'gpt-4o-mini', messages, temperature: 0.2, user: 'u-1' });
    assert.equal(sim.requests[0]?.headers.authorization, `Bearer ${sim.apiKey}`, 'the provider key, not the client key, goes upstream');
  });

  it('answers JSON when `stream` is absent, as OpenAI does', async () => {
    const response = await fetch(router.url + '/v1/chat/completions', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'sim/gpt-4o-mini', messages }),
    });
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /^application\/json/);
    const body = (await response.json()) as { choices: { message: { content: string } }[] };
    assert.equal(body.choices[0]?.message.content, 'Echo: Say hello to the router');
  });

  it('streams every upstream event through, usage chunk and [DONE] included', async () => {
    const collect = async (openai: OpenAI, model: string) => {
      const stream = await openai.chat.completions.create({ model, messages, stream: true, stream_options: { include_usage: true } });
      const chunks: OpenAI.ChatCompletionChunk[] = [];
      for await (const chunk of stream) chunks.push(chunk);
      return chunks;
    };
    const routed = await collect(client, 'sim/gpt-4o-mini');
    const expected = await collect(direct, 'gpt-4o-mini');
    assert.equal(routed.length, expected.length);
    assert.deepEqual(
      routed.map((chunk) => [chunk.choices, chunk.usage]),
      expected.map((chunk) => [chunk.choices, chunk.usage]),
    );
    assert.ok(routed.at(-1)?.usage, 'the last chunk carries usage');

    const raw = await fetch(router.url + '/v1/chat/completions', {
      method: 'POST',
      body: JSON.stringify({ model: 'sim/gpt-4o-mini', messages, stream: true }),
    });
    assert.match(raw.headers.get('content-type') ?? '', /^text\/event-stream/);
    const text = await raw.text();
    assert.ok(text.endsWith('data: [DONE]\n\n'));
    assert.equal(text.split('\n\n').filter(Boolean).length, expected.length, 'one event per upstream event (no usage chunk without include_usage)');
  });

  it('relays each chunk as it arrives instead of buffering the stream', async () => {
    sim.fail({ chunkDelayMs: 150 });
    const stream = await client.chat.completions.create({ model: 'sim/gpt-4o-mini', messages, stream: true });
    const started = Date.now();
    const arrivals: number[] = [];
    for await (const chunk of stream) if (chunk.choices[0]?.delta.content) arrivals.push(Date.now() - started);
    assert.ok(arrivals.length >= 3);
    // The first content arrives while the upstream is still producing the rest.
    assert.ok((arrivals.at(-1) ?? 0) - (arrivals[0] ?? 0) >= 250, `arrivals spread over the stream: ${arrivals.join(', ')}`);
  });

  it('keeps parallel tool calls exact, streamed and not', async () => {
    const toolCalls = [
      { id: 'call_Abc123', name: 'read_file', arguments: '{"path":"src/index.ts"}' },
      { id: 'call_Def456', name: 'list_dir', arguments: '{"path":"src","recursive":true}' },
    ];
    const tools: OpenAI.ChatCompletionTool[] = toolCalls.map((call) => ({
      type: 'function',
      function: { name: call.name, parameters: { type: 'object', properties: { path: { type: 'string' } } } },
    }));
    sim.reply({ toolCalls, finishReason: 'tool_calls' });
    const completion = await client.chat.completions.create({ model: 'sim/gpt-4o-mini', messages, tools, parallel_tool_calls: true });
    assert.equal(completion.choices[0]?.finish_reason, 'tool_calls');
    assert.deepEqual(
      completion.choices[0]?.message.tool_calls?.map((call) => call.type === 'function' && [call.id, call.function.name, call.function.arguments]),
      toolCalls.map((call) => [call.id, call.name, call.arguments]),
    );
    assert.deepEqual((sim.requests[0]?.body as { tools: unknown }).tools, tools);

    sim.reply({ toolCalls, finishReason: 'tool_calls' });
    const stream = await client.chat.completions.create({ model: 'sim/gpt-4o-mini', messages, tools, stream: true });
    const accumulated = new Map<number, { id: string; name: string; arguments: string }>();
    for await (const chunk of stream) {
      for (const delta of chunk.choices[0]?.delta.tool_calls ?? []) {
        const entry = accumulated.get(delta.index) ?? { id: '', name: '', arguments: '' };
        entry.id += delta.id ?? '';
        entry.name += delta.function?.name ?? '';
        entry.arguments += delta.function?.arguments ?? '';
        accumulated.set(delta.index, entry);
      }
    }
    assert.deepEqual([...accumulated.values()], toolCalls);
  });

  describe('upstream errors reach the client in OpenAI shape, with status and request id', () => {
    it('400 keeps the upstream error code (context_length_exceeded)', async () => {
      sim.fail({
        status: 400,
        body: { error: { message: "This model's maximum context length is 128000 tokens.", type: 'invalid_request_error', param: 'messages', code: 'context_length_exceeded' } },
      });
      const error = await client.chat.completions.create({ model: 'sim/gpt-4o-mini', messages }).catch((caught: unknown) => caught);
      assert.ok(error instanceof OpenAI.BadRequestError);
      assert.equal(error.code, 'context_length_exceeded');
      assert.equal(error.param, 'messages');
      assert.match(error.message, /maximum context length/);
      assert.match(error.requestID ?? '', /^req_/);
    });

    it('401 from the upstream is an AuthenticationError', async () => {
      sim.fail({ status: 401 });
      const error = await client.chat.completions.create({ model: 'sim/gpt-4o-mini', messages }).catch((caught: unknown) => caught);
      assert.ok(error instanceof OpenAI.AuthenticationError);
    });

    it('429 forwards Retry-After', async () => {
      sim.fail({ status: 429, headers: { 'retry-after': '17' } });
      const error = await client.chat.completions.create({ model: 'sim/gpt-4o-mini', messages }).catch((caught: unknown) => caught);
      assert.ok(error instanceof OpenAI.RateLimitError);
      assert.equal(error.headers?.get('retry-after'), '17');
    });

    it('500 is an InternalServerError', async () => {
      sim.fail({ status: 500 });
      const error = await client.chat.completions.create({ model: 'sim/gpt-4o-mini', messages }).catch((caught: unknown) => caught);
      assert.ok(error instanceof OpenAI.InternalServerError);
      assert.equal(error.status, 500);
    });

    it('a 200 answer that is not JSON becomes a 502', async () => {
      sim.fail({ malformedJson: true });
      const error = await client.chat.completions.create({ model: 'sim/gpt-4o-mini', messages }).catch((caught: unknown) => caught);
      assert.ok(error instanceof OpenAI.APIError);
      assert.equal(error.status, 502);
      assert.match(error.message, /not valid JSON/);
    });

    it('an unreachable upstream is a 502 that names the provider', async () => {
      const closed = await startOpenAiSimulator();
      const url = closed.url;
      await closed.close();
      await router.addProvider({ name: 'gone', kind: 'openai', baseUrl: url, apiKey: 'sk-whatever-123', models: ['m'] });
      const error = await client.chat.completions.create({ model: 'gone/m', messages }).catch((caught: unknown) => caught);
      assert.ok(error instanceof OpenAI.APIError);
      assert.equal(error.status, 502);
      assert.match(error.message, /Could not reach provider 'gone'/);
    });

    it('an upstream that never answers times out with a 504', async () => {
      await router.manage('PUT', '/api/settings', { upstreamTimeoutMs: 1000 });
      try {
        sim.fail({ hang: true });
        const error = await client.chat.completions.create({ model: 'sim/gpt-4o-mini', messages }).catch((caught: unknown) => caught);
        assert.ok(error instanceof OpenAI.APIError);
        assert.equal(error.status, 504);
        assert.match(error.message, /did not answer within 1 s/);
        await sim.waitForAborted(1, 2000);
      } finally {
        await router.manage('PUT', '/api/settings', { upstreamTimeoutMs: 600_000 });
      }
    });
  });

  describe('streams that fail after the first byte', () => {
    it('a stream cut mid-way ends with an error event, never [DONE]', async () => {
      sim.fail({ cutAfterChunks: 2 });
      const stream = await client.chat.completions.create({ model: 'sim/gpt-4o-mini', messages, stream: true });
      const received: OpenAI.ChatCompletionChunk[] = [];
      const error = await (async () => {
        for await (const chunk of stream) received.push(chunk);
      })().catch((caught: unknown) => caught);
      assert.ok(error instanceof OpenAI.APIError, `got ${String(error)}`);
      assert.match(error.message, /closed the stream before the answer was complete/);
      assert.equal(received.length, 2, 'the chunks before the cut arrive intact');
    });

    it('a stream that goes silent is ended after streamIdleTimeoutMs', async () => {
      await router.manage('PUT', '/api/settings', { streamIdleTimeoutMs: 1000 });
      try {
        sim.fail({ chunkDelayMs: 5000 });
        const stream = await client.chat.completions.create({ model: 'sim/gpt-4o-mini', messages, stream: true });
        const error = await (async () => {
          for await (const _chunk of stream) void _chunk;
        })().catch((caught: unknown) => caught);
        assert.ok(error instanceof OpenAI.APIError);
        assert.match(error.message, /sent nothing for 1 s/);
        await sim.waitForAborted(1, 2000);
      } finally {
        await router.manage('PUT', '/api/settings', { streamIdleTimeoutMs: 300_000 });
      }
    });
  });

  describe('client disconnect aborts the upstream call', () => {
    it('before the answer starts', async () => {
      sim.fail({ hang: true });
      const controller = new AbortController();
      const pending = client.chat.completions.create({ model: 'sim/gpt-4o-mini', messages }, { signal: controller.signal });
      setTimeout(() => controller.abort(), 200);
      await assert.rejects(pending, OpenAI.APIUserAbortError);
      await sim.waitForAborted(1, 3000);
    });

    it('in the middle of a stream', async () => {
      sim.fail({ chunkDelayMs: 300 });
      const controller = new AbortController();
      const stream = await client.chat.completions.create({ model: 'sim/gpt-4o-mini', messages, stream: true }, { signal: controller.signal });
      let received = 0;
      // The SDK ends the iteration quietly when its own signal aborts.
      for await (const _chunk of stream) {
        received += 1;
        controller.abort();
      }
      assert.equal(received, 1);
      await sim.waitForAborted(1, 3000);
    });
  });

  describe('bad input gets a clear OpenAI-shape error', () => {
    const post = (body: string) =>
      fetch(router.url + '/v1/chat/completions', { method: 'POST', headers: { 'content-type': 'application/json' }, body });

    it('invalid JSON is a 400 invalid_json', async () => {
      const response = await post('{"model": "sim/gpt-4o-mini", "messages": [');
      assert.equal(response.status, 400);
      const body = (await response.json()) as { error: { code: string; type: string; message: string } };
      assert.equal(body.error.code, 'invalid_json');
      assert.equal(body.error.type, 'invalid_request_error');
      assert.match(response.headers.get('x-request-id') ?? '', /^req_/);
    });

    it('a missing field names the field', async () => {
      const error = await client.chat.completions
        .create({ model: 'sim/gpt-4o-mini' } as unknown as OpenAI.ChatCompletionCreateParamsNonStreaming)
        .catch((caught: unknown) => caught);
      assert.ok(error instanceof OpenAI.BadRequestError);
      assert.equal(error.param, 'messages');
    });

    it('a bad role names its path', async () => {
      const response = await post(JSON.stringify({ model: 'sim/gpt-4o-mini', messages: [{ role: 'robot', content: 'x' }] }));
      const body = (await response.json()) as { error: { param: string } };
      assert.equal(response.status, 400);
      assert.equal(body.error.param, 'messages[0].role');
    });

    it('an unknown model is a 404 model_not_found that lists the providers', async () => {
      const error = await client.chat.completions.create({ model: 'nowhere/gpt-5', messages }).catch((caught: unknown) => caught);
      assert.ok(error instanceof OpenAI.NotFoundError);
      assert.equal(error.code, 'model_not_found');
      assert.match(error.message, /configured providers: .*sim/);
      assert.equal(sim.requests.length, 0, 'nothing went upstream');
    });

    it('a bare model name routes to the provider that lists it', async () => {
      const completion = await client.chat.completions.create({ model: 'gpt-4o-mini', messages });
      assert.equal(completion.choices[0]?.message.content, 'Echo: Say hello to the router');
    });
  });

  it('lists the configured models in OpenAI list shape', async () => {
    const ids = [];
    for await (const model of client.models.list()) ids.push(model.id);
    assert.ok(ids.includes('sim/gpt-4o-mini'));
  });
});
