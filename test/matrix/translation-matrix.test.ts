import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { startRouter, type TestRouter } from '../support/start-router.js';
import { anthropicClient, openAiClient, type ClientDriver } from './client-drivers.js';
import { anthropicUpstream, openAiUpstream, type UpstreamDriver } from './upstream-drivers.js';

/**
 * Every client format against every upstream family, through the real server, with the official
 * SDKs as clients: what an agent sees must not depend on where its request was routed.
 */
const clients: [string, (url: string) => ClientDriver][] = [
  ['openai-chat', openAiClient],
  ['anthropic-messages', anthropicClient],
];
const upstreams: [string, () => Promise<UpstreamDriver>][] = [
  ['openai', openAiUpstream],
  ['anthropic', anthropicUpstream],
];
/** Ids in each family's own style; the client must see them unchanged. */
const callIds = { openai: ['call_Abc123xyz', 'call_Def456uvw'], anthropic: ['toolu_01AbcDEF', 'toolu_02GhiJKL'] };

for (const [upstreamName, startUpstream] of upstreams) {
  for (const [clientName, makeClient] of clients) {
    const passthrough = (clientName === 'openai-chat' && upstreamName === 'openai') || (clientName === 'anthropic-messages' && upstreamName === 'anthropic');
    describe(`${clientName} client -> ${upstreamName} upstream${passthrough ? ' (passthrough)' : ''}`, () => {
      let router: TestRouter;
      let upstream: UpstreamDriver;
      let client: ClientDriver;
      let model: string;

      before(async () => {
        upstream = await startUpstream();
        router = await startRouter();
        await router.addProvider(upstream.provider('up'));
        client = makeClient(router.url);
        model = `up/${upstream.model}`;
      });
      after(async () => {
        await router.close();
        await upstream.close();
      });
      beforeEach(() => upstream.reset());

      for (const stream of [false, true]) {
        const mode = stream ? 'streamed' : 'whole';
        it(`answers text (${mode}) with the upstream's usage figures`, async () => {
          upstream.replyText('Hello from the upstream model', { input: 21, output: 6 });
          const answer = await client.generate(model, 'Say hello', stream);
          assert.equal(answer.text, 'Hello from the upstream model');
          assert.deepEqual(answer.usage, { input: 21, output: 6 });
          assert.equal(upstream.lastRequest()?.path, upstream.family === 'openai' ? '/v1/chat/completions' : '/v1/messages');
          assert.equal((upstream.lastRequest()?.body as { model: string }).model, upstream.model);
        });

        it(`keeps parallel tool calls exact through a round trip (${mode})`, async () => {
          const [first, second] = callIds[upstream.family];
          upstream.replyToolCalls([
            { id: first as string, name: 'read_file', input: { path: 'src/index.ts' } },
            { id: second as string, name: 'list_dir', input: { path: 'src', recursive: true } },
          ]);
          const calls = await client.callTools(model, stream);
          assert.deepEqual(calls, [
            { id: first, name: 'read_file', input: { path: 'src/index.ts' } },
            { id: second, name: 'list_dir', input: { path: 'src', recursive: true } },
          ]);
          upstream.replyText('src holds index.ts', { input: 40, output: 4 });
          const final = await client.answerTools(model, calls, ['export {}', 'index.ts\nutil.ts'], stream);
          assert.equal(final, 'src holds index.ts');
          assert.deepEqual(upstream.lastToolResults(), [
            { id: first, content: 'export {}' },
            { id: second, content: 'index.ts\nutil.ts' },
          ]);
        });
      }

      for (const status of [400, 401, 429, 500]) {
        it(`turns an upstream ${status} into the client's own error`, async () => {
          upstream.failWith(status, status === 429 ? { 'retry-after': '17' } : undefined);
          const failure = await client.failure(model);
          assert.equal(failure.isApiError, true, failure.message);
          assert.equal(failure.status, status);
          if (status === 429) assert.equal(failure.retryAfter, '17');
        });
      }

      it('ends a stream cut mid-way with an error the SDK raises, after the text so far', async () => {
        upstream.cutAfter(4);
        const { text, error } = await client.streamUntilFailure(model);
        assert.ok(error, 'the SDK raised an error');
        assert.ok('Echo: one two three four five six'.startsWith(text), `partial text is a prefix: ${JSON.stringify(text)}`);
      });

      it('aborts the upstream call when the client goes away', async () => {
        upstream.hang();
        await client.abort(model, 200);
        await upstream.waitForAborted();
      });
    });
  }
}
