import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { latestUsageRecord } from '../support/usage-record.js';
import { startRouter, type TestRouter } from '../support/start-router.js';
import { anthropicClient, openAiClient, tinyPng, type ClientDriver, type ClientToolCall } from './client-drivers.js';
import { geminiClient } from './client-gemini.js';
import { ollamaClient } from './client-ollama.js';
import { responsesClient } from './client-responses.js';
import { anthropicUpstream, openAiUpstream, type UpstreamDriver } from './upstream-drivers.js';
import { geminiUpstream, ollamaUpstream, responsesUpstream } from './upstream-more.js';

/**
 * Every client format against every upstream family, through the real server, with the official
 * SDKs as clients: what an agent sees must not depend on where its request was routed.
 */
const clients: [ClientDriver['format'], (url: string) => ClientDriver][] = [
  ['openai-chat', openAiClient],
  ['anthropic-messages', anthropicClient],
  ['openai-responses', responsesClient],
  ['gemini', geminiClient],
  ['ollama', ollamaClient],
];
const upstreams: [UpstreamDriver['family'], () => Promise<UpstreamDriver>][] = [
  ['openai', openAiUpstream],
  ['anthropic', anthropicUpstream],
  ['openai-responses', responsesUpstream],
  ['gemini', geminiUpstream],
  ['ollama', ollamaUpstream],
];
/** Each client format's native upstream family: that pair is passthrough. */
const nativeFamily: Record<ClientDriver['format'], UpstreamDriver['family']> = {
  'openai-chat': 'openai',
  'anthropic-messages': 'anthropic',
  'openai-responses': 'openai-responses',
  gemini: 'gemini',
  ollama: 'ollama',
};
/** Ids in each family's own style; a client that carries ids must see them unchanged. Gemini and Ollama are scripted without. */
const callIds: Partial<Record<UpstreamDriver['family'], [string, string]>> = {
  openai: ['call_Abc123xyz', 'call_Def456uvw'],
  anthropic: ['toolu_01AbcDEF', 'toolu_02GhiJKL'],
  'openai-responses': ['call_Rsp123abc', 'call_Rsp456def'],
};
const scriptedCalls = [
  { name: 'read_file', input: { path: 'src/index.ts' } },
  { name: 'list_dir', input: { path: 'src', recursive: true } },
];
const results = ['export {}', 'index.ts\nutil.ts'];
const reasoning = 'The user wants a greeting, so a short friendly one will do.';

function assertDistinctIds(ids: (string | undefined)[], what: string): void {
  assert.ok(
    ids.every((id) => typeof id === 'string' && id !== ''),
    `${what}: every call has an id: ${JSON.stringify(ids)}`,
  );
  assert.equal(new Set(ids).size, ids.length, `${what}: ids are distinct: ${JSON.stringify(ids)}`);
}

for (const [upstreamName, startUpstream] of upstreams) {
  for (const [clientName, makeClient] of clients) {
    const passthrough = nativeFamily[clientName] === upstreamName;
    describe(`${clientName} client -> ${upstreamName} upstream${passthrough ? ' (passthrough)' : ''}`, () => {
      let router: TestRouter;
      let upstream: UpstreamDriver;
      let client: ClientDriver;
      let model: string;

      before(async () => {
        upstream = await startUpstream();
        router = await startRouter();
        // A stream that stalls fails in seconds here, not after the five-minute default.
        await router.manage('PUT', '/api/settings', { streamIdleTimeoutMs: 15_000 });
        await router.addProvider(upstream.provider('up'));
        client = makeClient(router.url);
        model = `up/${upstream.model}`;
      });
      after(async () => {
        await router.close();
        await upstream.close();
      });
      beforeEach(() => {
        upstream.reset();
        router.resetRouting();
      });

      for (const stream of [false, true]) {
        const mode = stream ? 'streamed' : 'whole';
        it(`answers text (${mode}) with the upstream's usage figures`, async () => {
          upstream.replyText('Hello from the upstream model', { input: 21, output: 6 });
          const answer = await client.generate(model, 'Say hello', stream);
          assert.equal(answer.text, 'Hello from the upstream model');
          assert.deepEqual(answer.usage, { input: 21, output: 6 });
          const record = await latestUsageRecord(router);
          assert.deepEqual([record.inputTokens, record.outputTokens, record.stream], [21, 6, stream], 'the usage record has the upstream figures');
          const request = upstream.lastRequest();
          assert.match(request?.path ?? '', upstream.path);
          assert.equal(request?.model, upstream.model);
        });

        it(`carries the upstream's reasoning beside the final text (${mode})`, async () => {
          upstream.replyReasoning(reasoning, 'Hello there, friend');
          const answer = await client.reason(model, 'Say hello', stream);
          // The final text must not pick up any of the reasoning.
          assert.equal(answer.text, 'Hello there, friend');
          // Every client format in the matrix has a place for reasoning (Chat's reasoning_content,
          // Anthropic's thinking block, a Responses reasoning item's summary, Gemini's thought parts,
          // Ollama's message.thinking), so each must receive it whole.
          assert.equal(answer.reasoning, reasoning);
        });

        it(`keeps parallel tool calls exact through a round trip (${mode})`, async () => {
          const ids = callIds[upstreamName];
          upstream.replyToolCalls(scriptedCalls.map((call, index) => ({ id: ids?.[index] ?? '', ...call })));
          const calls: ClientToolCall[] = await client.callTools(model, stream);
          assert.deepEqual(
            calls.map(({ name, input }) => ({ name, input })),
            scriptedCalls,
          );
          // Ids where the client's format carries them: the upstream's own when it gave some, else
          // ones the router made up, which must still tell the calls apart. Ollama clients see none,
          // and neither does a Gemini client of a Gemini upstream that sent none (passthrough).
          if (client.carriesCallIds && ids) assert.deepEqual(calls.map((call) => call.id), ids);
          else if (client.carriesCallIds && !passthrough) assertDistinctIds(calls.map((call) => call.id), 'client');
          else assert.deepEqual(calls.map((call) => call.id), ['', '']);

          upstream.replyText('src holds index.ts', { input: 40, output: 4 });
          const final = await client.answerTools(model, calls, results, stream);
          assert.equal(final, 'src holds index.ts');
          // Each result reached the upstream paired with the right call: `name` is the name of the
          // call it answers in that request, found by id (or by name and order where the family has no ids).
          const received = upstream.lastToolResults();
          assert.deepEqual(
            received.map(({ name, content }) => ({ name, content })),
            scriptedCalls.map((call, index) => ({ name: call.name, content: results[index] })),
          );
          if (upstream.callIds && client.carriesCallIds && ids) assert.deepEqual(received.map((result) => result.id), ids);
          else if (upstream.callIds) assertDistinctIds(received.map((result) => result.id), 'upstream');
        });
      }

      it('hands an inline image to the upstream as the same bytes and media type', async () => {
        upstream.replyText('A single transparent pixel', { input: 30, output: 4 });
        const text = await client.sendImage(model, 'What is in this image?', tinyPng);
        assert.equal(text, 'A single transparent pixel');
        // Ollama names no media type on the wire, so an Ollama upstream is checked for the bytes alone;
        // an Ollama client's image must still reach other families as image/png.
        assert.deepEqual(upstream.lastImages(), [{ mediaType: upstreamName === 'ollama' ? undefined : tinyPng.mediaType, base64: tinyPng.base64 }]);
      });

      for (const status of [400, 401, 429, 500]) {
        it(`turns an upstream ${status} into the client's own error`, async () => {
          upstream.failWith(status, status === 429 ? { 'retry-after': '17' } : undefined);
          const failure = await client.failure(model);
          assert.equal(failure.isApiError, true, failure.message);
          assert.equal(failure.status, status);
          if (status === 429) assert.equal(failure.retryAfter, '17');
        });
      }

      it('ends a stream cut mid-way with an error the SDK raises, after the text so far', async (t) => {
        const full = 'one two three four five six seven eight';
        upstream.replyText(full, { input: 8, output: 8 });
        upstream.cutAfter(4);
        const { text, error } = await client.streamUntilFailure(model);
        t.diagnostic(`client saw ${JSON.stringify(text)} then ${error instanceof Error ? `${error.name}: ${error.message}` : JSON.stringify(error)}`);
        assert.ok(error, `the SDK raised an error (text so far ${JSON.stringify(text)})`);
        assert.ok(text !== '' && full.startsWith(text) && text !== full, `some text, a strict prefix, arrived first: ${JSON.stringify(text)}`);
      });

      if (clientName === 'openai-responses') {
        // On passthrough the relay's own error event must continue the upstream's numbering.
        it('numbers every event of a failed stream in sequence, the failure included', async () => {
          upstream.replyText('one two three four five six seven eight', { input: 8, output: 8 });
          upstream.cutAfter(4);
          const numbers = await client.failedStreamSequence!(model);
          assert.ok(numbers.length > 1, `events arrived: ${JSON.stringify(numbers)}`);
          assert.deepEqual(numbers, numbers.map((_, index) => index));
        });
      }

      it('aborts the upstream call when the client goes away', async () => {
        upstream.hang();
        await client.abort(model, 200);
        await upstream.waitForAborted();
      });
    });
  }
}
