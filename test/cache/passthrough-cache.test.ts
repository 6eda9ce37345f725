import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { anthropicUpstream, type UpstreamDriver } from '../matrix/upstream-drivers.js';
import { geminiUpstream, ollamaUpstream, responsesUpstream } from '../matrix/upstream-more.js';
import { startRouter, type TestRouter } from '../support/start-router.js';

interface PassthroughCase {
  start: () => Promise<UpstreamDriver>;
  /** Path and body of a temperature-0 request in the upstream's own format, for `model`. */
  request(model: string, stream: boolean): { path: string; body: Record<string, unknown> };
}

const user = 'Passthrough answers are cached byte for byte';

const cases: Record<string, PassthroughCase> = {
  anthropic: {
    start: anthropicUpstream,
    request: (model, stream) => ({ path: '/v1/messages', body: { model, max_tokens: 100, temperature: 0, stream, messages: [{ role: 'user', content: user }] } }),
  },
  'openai-responses': {
    start: responsesUpstream,
    request: (model, stream) => ({ path: '/v1/responses', body: { model, temperature: 0, stream, store: false, input: user } }),
  },
  gemini: {
    start: geminiUpstream,
    request: (model, stream) => ({
      path: `/v1beta/models/${model}:${stream ? 'streamGenerateContent?alt=sse' : 'generateContent'}`,
      body: { contents: [{ role: 'user', parts: [{ text: user }] }], generationConfig: { temperature: 0 } },
    }),
  },
  ollama: {
    start: ollamaUpstream,
    request: (model, stream) => ({ path: '/api/chat', body: { model, stream, options: { temperature: 0 }, messages: [{ role: 'user', content: user }] } }),
  },
};

/**
 * When the client speaks the upstream's format, the answer passes through byte for byte: the
 * cache must recognise each family's own terminal event in those bytes, and replay them exactly.
 */
describe('response cache on passthrough answers (each family to its own client format)', () => {
  let router: TestRouter;
  before(async () => {
    router = await startRouter();
  });
  after(() => router.close());

  for (const [family, scenario] of Object.entries(cases)) {
    describe(family, () => {
      let upstream: UpstreamDriver;
      before(async () => {
        upstream = await scenario.start();
        await router.addProvider(upstream.provider(`up-${family.replace(/[^a-z]/g, '')}`));
      });
      after(() => upstream.close());

      for (const stream of [false, true]) {
        it(`${stream ? 'stream' : 'JSON'}: MISS, then a byte-identical HIT that never reaches the upstream`, async () => {
          const { path, body } = scenario.request(`up-${family.replace(/[^a-z]/g, '')}/${upstream.model}`, stream);
          const send = () => fetch(router.url + path, { method: 'POST', headers: { 'content-type': 'application/json', 'x-api-key': 'any' }, body: JSON.stringify(body) });
          upstream.reset();
          const first = await send();
          const firstText = await first.text();
          assert.equal(first.status, 200, firstText);
          assert.equal(first.headers.get('x-omniroute-cache'), 'MISS');
          assert.ok(upstream.lastRequest(), 'the first reached the upstream');
          upstream.reset();
          const second = await send();
          assert.equal(second.headers.get('x-omniroute-cache'), 'HIT');
          assert.equal(second.headers.get('content-type'), first.headers.get('content-type'));
          assert.equal(await second.text(), firstText);
          assert.equal(upstream.lastRequest(), undefined, 'the second never reached the upstream');
        });
      }
    });
  }
});
