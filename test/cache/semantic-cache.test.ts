import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import OpenAI from 'openai';
import type { SemanticCacheSetting } from '../../shared/cache-settings.js';
import { startOpenAiSimulator, type OpenAiSimulator } from '../support/openai-simulator.js';
import { simulatedEmbedding } from '../support/simulated-embedding.js';
import { startRouter, type TestRouter } from '../support/start-router.js';

function cosine(a: number[], b: number[]): number {
  const dot = a.reduce((sum, value, index) => sum + value * (b[index] ?? 0), 0);
  const length = (vector: number[]) => Math.sqrt(vector.reduce((sum, value) => sum + value * value, 0));
  return dot / (length(a) * length(b));
}

describe('semantic cache (embeddings through an OpenAI-compatible provider)', () => {
  let sim: OpenAiSimulator;
  let router: TestRouter;
  let client: OpenAI;
  const chatCalls = () => sim.requests.filter((request) => request.path === '/v1/chat/completions').length;
  const embeddingCalls = () => sim.requests.filter((request) => request.path === '/v1/embeddings').length;
  const configure = async (setting: SemanticCacheSetting) => assert.equal((await router.manage('PUT', '/api/settings', { semanticCache: setting })).status, 200);
  const ask = (content: string, extra: Partial<OpenAI.ChatCompletionCreateParamsNonStreaming> = {}) =>
    client.chat.completions.create({ model: 'sim/gpt-4o-mini', temperature: 0, messages: [{ role: 'system', content: 'Be brief.' }, { role: 'user', content }], ...extra }).withResponse();

  before(async () => {
    sim = await startOpenAiSimulator({ models: ['gpt-4o-mini', 'text-embedding-3-small'] });
    router = await startRouter();
    await router.addProvider({ name: 'sim', kind: 'openai', baseUrl: sim.url, apiKey: sim.apiKey, models: ['gpt-4o-mini', 'text-embedding-3-small'] });
    client = new OpenAI({ baseURL: router.url + '/v1', apiKey: 'any', maxRetries: 0 });
  });
  after(async () => {
    await router.close();
    await sim.close();
  });

  it('is off by default: a reworded question misses, and nothing is embedded', async () => {
    await ask('What is the capital of France?');
    const reworded = await ask('what is the capital of france');
    assert.equal(reworded.response.headers.get('x-omniroute-cache'), 'MISS');
    assert.equal(embeddingCalls(), 0);
  });

  it('when enabled, answers a close enough question with the cached answer of the first', async () => {
    await router.manage('DELETE', '/api/cache/stats');
    sim.reset();
    await configure({ enabled: true, embeddingModel: 'sim/text-embedding-3-small', threshold: 0.95 });
    const first = await ask('What is the capital of France?');
    assert.equal(first.response.headers.get('x-omniroute-cache'), 'MISS');
    const reworded = await ask('what is the capital of france');
    assert.equal(reworded.response.headers.get('x-omniroute-cache'), 'HIT');
    assert.equal(reworded.response.headers.get('x-omniroute-cache-similarity'), '1.0000');
    assert.deepEqual(reworded.data, first.data);
    assert.equal(chatCalls(), 1);
    assert.equal(embeddingCalls(), 2);
    assert.equal((sim.requests.find((request) => request.path === '/v1/embeddings')?.body as { model?: string }).model, 'text-embedding-3-small');

    const other = await ask('Tell me a joke about penguins');
    assert.equal(other.response.headers.get('x-omniroute-cache'), 'MISS');
    const otherParameters = await ask('What is the capital of France', { max_tokens: 20 });
    assert.equal(otherParameters.response.headers.get('x-omniroute-cache'), 'MISS', 'only the last user message may differ');
    assert.equal(chatCalls(), 3);
    const stats = (await (await router.manage('GET', '/api/cache/stats')).json()) as { semanticCache: Record<string, unknown> };
    assert.equal(stats.semanticCache.enabled, true);
    assert.equal(stats.semanticCache.hits, 1);
    assert.equal(stats.semanticCache.entries, 3);
  });

  it('honours the threshold on either side of the similarity', async () => {
    await router.manage('DELETE', '/api/cache/stats');
    const question = 'Which planet is the largest in the solar system?';
    const close = 'Which planet is the very largest in the solar system?';
    const similarity = cosine(simulatedEmbedding(question), simulatedEmbedding(close));
    assert.ok(similarity < 0.999 && similarity > 0.6, `a usable test pair (${similarity})`);
    await configure({ enabled: true, embeddingModel: 'sim/text-embedding-3-small', threshold: Math.min(1, similarity + 0.01) });
    await ask(question);
    assert.equal((await ask(close)).response.headers.get('x-omniroute-cache'), 'MISS');
    await router.manage('DELETE', '/api/cache/stats');
    await configure({ enabled: true, embeddingModel: 'sim/text-embedding-3-small', threshold: Math.max(0.5, similarity - 0.01) });
    await ask(question);
    assert.equal((await ask(close)).response.headers.get('x-omniroute-cache'), 'HIT');
  });

  it('a failing embedding model never fails the request', async () => {
    await configure({ enabled: true, embeddingModel: 'nobody/embedder', threshold: 0.95 });
    const answer = await ask('still answered');
    assert.equal(answer.response.status, 200);
    assert.equal(answer.response.headers.get('x-omniroute-cache'), 'MISS');
    await configure({ enabled: false, embeddingModel: '', threshold: 0.95 });
  });
});
