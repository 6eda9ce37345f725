import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { startAnthropicSimulator, type AnthropicSimulator } from '../support/anthropic-simulator.js';
import { startOpenAiSimulator, type OpenAiSimulator } from '../support/openai-simulator.js';
import { startRouter, type TestRouter } from '../support/start-router.js';
import { allUsageRecords, usageRecordOf } from '../support/usage-record.js';
import type { UsageLogDto } from '../../shared/usage-types.js';

describe('every request leaves a usage record with the upstream\'s exact token figures', () => {
  let openai: OpenAiSimulator;
  let anthropic: AnthropicSimulator;
  let router: TestRouter;
  let openaiClient: OpenAI;
  let anthropicClient: Anthropic;
  const openaiUsage = { prompt_tokens: 41, completion_tokens: 13, prompt_tokens_details: { cached_tokens: 9 }, completion_tokens_details: { reasoning_tokens: 5 } };
  const anthropicUsage = { input_tokens: 23, output_tokens: 11, cache_read_input_tokens: 7, cache_creation_input_tokens: 3 };

  before(async () => {
    [openai, anthropic] = await Promise.all([startOpenAiSimulator({ models: ['gpt-4o'] }), startAnthropicSimulator({ models: ['claude-sonnet-4-5'] })]);
    router = await startRouter();
    await router.addProvider({ name: 'oa', kind: 'openai', baseUrl: openai.url, apiKey: openai.apiKey, models: ['gpt-4o'] });
    await router.addProvider({ name: 'an', kind: 'anthropic', baseUrl: anthropic.url, apiKey: anthropic.apiKey, models: ['claude-sonnet-4-5'] });
    openaiClient = new OpenAI({ baseURL: router.url + '/v1', apiKey: 'unused', maxRetries: 0 });
    anthropicClient = new Anthropic({ baseURL: router.url, apiKey: 'unused', maxRetries: 0 });
  });
  after(async () => {
    await router.close();
    await Promise.all([openai.close(), anthropic.close()]);
  });
  beforeEach(() => {
    openai.reset();
    anthropic.reset();
    openai.setDefault({ text: 'Fine, thanks.', usage: openaiUsage });
    anthropic.setDefault({ text: 'Fine, thanks.', usage: anthropicUsage });
  });

  const recordOf = (requestId: string | null) => usageRecordOf(router, requestId);
  const openaiFigures = { inputTokens: 41, outputTokens: 13, cachedInputTokens: 9, reasoningTokens: 5 };
  const anthropicFigures = { inputTokens: 23 + 7 + 3, outputTokens: 11, cachedInputTokens: 7, cacheWriteInputTokens: 3 };
  const pick = (record: UsageLogDto, keys: string[]) => Object.fromEntries(keys.map((key) => [key, record[key as keyof UsageLogDto]]));

  it('OpenAI client, OpenAI upstream, whole answer (passthrough)', async () => {
    const { response } = await openaiClient.chat.completions.create({ model: 'oa/gpt-4o', messages: [{ role: 'user', content: 'Hi' }] }).withResponse();
    const record = await recordOf(response.headers.get('x-request-id'));
    assert.deepEqual(pick(record, Object.keys(openaiFigures)), openaiFigures);
    assert.equal(record.clientFormat, 'openai-chat');
    assert.equal(record.model, 'oa/gpt-4o');
    assert.equal(record.status, 200);
    assert.equal(record.stream, false);
    assert.ok(record.cost !== null && record.cost > 0, 'gpt-4o is in the price table');
  });

  it('OpenAI client, OpenAI upstream, stream without include_usage: counted, and the client gets no usage chunk it did not ask for', async () => {
    const { data: stream, response } = await openaiClient.chat.completions.create({ model: 'oa/gpt-4o', messages: [{ role: 'user', content: 'Hi' }], stream: true }).withResponse();
    const chunks: OpenAI.ChatCompletionChunk[] = [];
    for await (const chunk of stream) chunks.push(chunk);
    assert.ok(chunks.every((chunk) => chunk.choices.length > 0 && !chunk.usage), 'no usage-only chunk reached the client');
    assert.deepEqual((openai.requests[0]?.body as { stream_options?: unknown }).stream_options, { include_usage: true });
    const record = await recordOf(response.headers.get('x-request-id'));
    assert.deepEqual(pick(record, Object.keys(openaiFigures)), openaiFigures);
    assert.equal(record.stream, true);
    assert.ok(record.ttftMs !== null && record.ttftMs >= 0);
  });

  it('OpenAI client that asks for usage gets it, exactly once', async () => {
    const stream = await openaiClient.chat.completions.create({ model: 'oa/gpt-4o', messages: [{ role: 'user', content: 'Hi' }], stream: true, stream_options: { include_usage: true } });
    const usages: unknown[] = [];
    for await (const chunk of stream) if (chunk.usage) usages.push(chunk.usage);
    assert.equal(usages.length, 1);
  });

  for (const stream of [false, true]) {
    it(`Anthropic client, OpenAI upstream (translated, ${stream ? 'streamed' : 'whole'})`, async () => {
      const request = { model: 'oa/gpt-4o', max_tokens: 100, messages: [{ role: 'user' as const, content: 'Hi' }] };
      const requestId = stream
        ? (await (async () => {
            const response = anthropicClient.messages.stream(request);
            await response.finalMessage();
            return (await response.withResponse()).response.headers.get('x-request-id');
          })())
        : (await anthropicClient.messages.create(request).withResponse()).response.headers.get('x-request-id');
      const record = await recordOf(requestId);
      assert.deepEqual(pick(record, Object.keys(openaiFigures)), openaiFigures);
      assert.equal(record.clientFormat, 'anthropic-messages');
    });

    it(`Anthropic client, Anthropic upstream (passthrough, ${stream ? 'streamed' : 'whole'})`, async () => {
      const request = { model: 'an/claude-sonnet-4-5', max_tokens: 100, messages: [{ role: 'user' as const, content: 'Hi' }] };
      const requestId = stream
        ? (await (async () => {
            const response = anthropicClient.messages.stream(request);
            await response.finalMessage();
            return (await response.withResponse()).response.headers.get('x-request-id');
          })())
        : (await anthropicClient.messages.create(request).withResponse()).response.headers.get('x-request-id');
      const record = await recordOf(requestId);
      assert.deepEqual(pick(record, Object.keys(anthropicFigures)), anthropicFigures);
      assert.equal(record.provider, 'an');
    });
  }

  it('an answer served from the response cache is recorded as a hit, with no tokens claimed', async () => {
    const ask = () => openaiClient.chat.completions.create({ model: 'oa/gpt-4o', temperature: 0, messages: [{ role: 'user', content: 'Cache me' }] }).withResponse();
    const first = await ask();
    const second = await ask();
    assert.equal(second.response.headers.get('x-omniroute-cache'), 'HIT');
    assert.equal(openai.requests.length, 1);
    const miss = await recordOf(first.response.headers.get('x-request-id'));
    const hit = await recordOf(second.response.headers.get('x-request-id'));
    assert.equal(miss.cacheHit, false);
    assert.equal(miss.inputTokens, 41);
    assert.equal(hit.cacheHit, true);
    assert.equal(hit.model, 'oa/gpt-4o');
    assert.equal(hit.provider, 'oa');
    assert.equal(hit.inputTokens, null);
    assert.equal(hit.attempts, 0);
  });

  it('a failed request is recorded with its status and error code, and no tokens', async () => {
    openai.fail({ status: 500 });
    const failure = await openaiClient.chat.completions.create({ model: 'oa/gpt-4o', messages: [{ role: 'user', content: 'Hi' }] }).catch((error: unknown) => error);
    assert.ok(failure instanceof OpenAI.APIError);
    const record = await recordOf(failure.requestID ?? null);
    assert.equal(record.status, 500);
    assert.equal(record.errorCode, 'upstream_error');
    assert.equal(record.provider, 'oa');
    assert.equal(record.inputTokens, null);
    assert.equal(record.ttftMs, null);
  });

  it('a stream the upstream broke off after its first events is recorded as interrupted, not as a success', async () => {
    openai.fail({ cutAfterChunks: 2 });
    const { data: stream, response } = await openaiClient.chat.completions.create({ model: 'oa/gpt-4o', messages: [{ role: 'user', content: 'Hi' }], stream: true }).withResponse();
    await assert.rejects(async () => {
      for await (const chunk of stream) void chunk;
    });
    const record = await recordOf(response.headers.get('x-request-id'));
    assert.deepEqual([record.status, record.errorCode, record.stream], [502, 'stream_interrupted', true]);
    assert.ok(record.ttftMs !== null && record.ttftMs >= 0, 'the first byte did arrive');
  });

  it('a translated stream that failed in-band is recorded as failed, though its relay ran to the end', async () => {
    // A non-JSON event in the OpenAI stream: the Anthropic client gets an error event, and no more.
    openai.fail({ malformedJson: true });
    const { data: stream, response } = await anthropicClient.messages.create({ model: 'oa/gpt-4o', max_tokens: 64, messages: [{ role: 'user', content: 'Hi' }], stream: true }).withResponse();
    await assert.rejects(async () => {
      for await (const event of stream) void event;
    });
    const record = await recordOf(response.headers.get('x-request-id'));
    assert.deepEqual([record.status, record.errorCode, record.stream], [502, 'upstream_error', true]);
  });

  it('a passed-through stream that failed in-band is recorded as the upstream\'s error, and the client gets the error as sent', async () => {
    openai.fail({ streamError: { afterChunks: 2, error: { message: 'The model crashed mid-answer', type: 'server_error', param: null, code: null } } });
    const { data: stream, response } = await openaiClient.chat.completions.create({ model: 'oa/gpt-4o', messages: [{ role: 'user', content: 'Hi' }], stream: true }).withResponse();
    const failure = await (async () => {
      for await (const chunk of stream) void chunk;
    })().catch((error: unknown) => error);
    assert.ok(failure instanceof OpenAI.APIError, `the SDK raised the error event: ${String(failure)}`);
    assert.equal(failure.message, 'The model crashed mid-answer');
    const record = await recordOf(response.headers.get('x-request-id'));
    assert.deepEqual([record.status, record.errorCode, record.stream], [502, 'upstream_error', true]);
    assert.ok(record.ttftMs !== null, 'the first byte did arrive');
  });

  it('an Anthropic stream passed through with an overloaded error event is recorded as a 529', async () => {
    anthropic.fail({ streamError: { afterEvents: 3, type: 'overloaded_error', message: 'Overloaded' } });
    const { data: stream, response } = await anthropicClient.messages.create({ model: 'an/claude-sonnet-4-5', max_tokens: 64, messages: [{ role: 'user', content: 'Hi' }], stream: true }).withResponse();
    const failure = await (async () => {
      for await (const event of stream) void event;
    })().catch((error: unknown) => error);
    assert.ok(failure instanceof Anthropic.APIError, `the SDK raised the error event: ${String(failure)}`);
    const record = await recordOf(response.headers.get('x-request-id'));
    assert.deepEqual([record.status, record.stream, record.provider], [529, true, 'an']);
    assert.notEqual(record.errorCode, null);
  });

  it('a global budget that is used up refuses the next request in the client\'s envelope', async () => {
    const spent = (await allUsageRecords(router)).reduce((sum, entry) => sum + (entry.cost ?? 0), 0);
    // Just above what this suite spent so far: one more request crosses it.
    const created = await router.manage('POST', '/api/usage/budget', { limit: spent + 0.000001, period: 'daily' });
    assert.ok(created.status === 200 || created.status === 201, `budget: HTTP ${created.status}`);
    const { id } = (await created.json()) as { id: string };
    try {
      await openaiClient.chat.completions.create({ model: 'oa/gpt-4o', messages: [{ role: 'user', content: 'Hi' }] });
      router.app.context.usage.flush();
      const refused = await anthropicClient.messages.create({ model: 'oa/gpt-4o', max_tokens: 10, messages: [{ role: 'user', content: 'Hi' }] }).catch((error: unknown) => error);
      assert.ok(refused instanceof Anthropic.APIError);
      assert.equal(refused.status, 429);
      assert.match(refused.message, /budget/i);
    } finally {
      await router.manage('DELETE', `/api/usage/budget/${id}`);
    }
  });
});
