/**
 * The Providers page's model list in a real browser against the real router: hiding a model takes
 * it out of `/v1/models` (a chat naming it still works), showing it puts it back.
 */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import OpenAI from 'openai';
import { startOpenAiSimulator, type OpenAiSimulator } from '../support/openai-simulator.js';
import { dashboardSuite } from './dashboard-harness.js';

describe('dashboard: hiding a provider\'s models', () => {
  let simulator: OpenAiSimulator;
  let client: OpenAI;
  const suite = dashboardSuite({
    setup: async (router) => {
      simulator = await startOpenAiSimulator({ models: ['gpt-4o-mini', 'gpt-4o'] });
      await router.addProvider({ name: 'sim', kind: 'openai', baseUrl: simulator.url, apiKey: simulator.apiKey, models: ['gpt-4o-mini', 'gpt-4o'] });
      client = new OpenAI({ baseURL: `${router.url}/v1`, apiKey: 'unused', maxRetries: 0 });
    },
  });
  after(() => simulator?.close());

  const page = () => suite.page;
  const card = () => page().locator('article[data-provider="sim"]');
  const listed = async () => (await client.models.list()).data.map((model) => model.id);

  it('hides a model from the lists clients read, and shows it again', async () => {
    await card().getByText('2 models').click();
    await card().getByRole('button', { name: 'Hide sim/gpt-4o', exact: true }).click();
    await card().locator('li[data-model="sim/gpt-4o"]').getByText('Hidden').waitFor();
    await card().getByText('2 models (1 hidden from model lists)').waitFor();
    assert.deepEqual(await listed(), ['sim/gpt-4o-mini']);
    assert.equal((await client.chat.completions.create({ model: 'sim/gpt-4o', messages: [{ role: 'user', content: 'by name' }] })).choices[0]?.message.content, 'Echo: by name');

    await card().getByRole('button', { name: 'Show sim/gpt-4o', exact: true }).click();
    await card().getByRole('button', { name: 'Hide sim/gpt-4o', exact: true }).waitFor();
    assert.equal(await card().locator('li[data-model="sim/gpt-4o"] .badge').count(), 0);
    assert.deepEqual(await listed(), ['sim/gpt-4o-mini', 'sim/gpt-4o']);
  });

  it('logged no script error and no CSP violation', () => {
    assert.deepEqual(suite.problems, []);
  });
});
