/**
 * The Combos page in a real browser against the real router: create a combo (weights included),
 * see a refused target explained at its field, edit and delete it, add and delete aliases and
 * wildcard routes, and see a target whose provider was deleted reported on its row.
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import type { ComboDto, ModelAliasDto } from '../../shared/routing.js';
import { expectJson } from '../support/management-error.js';
import type { TestRouter } from '../support/start-router.js';
import { dashboardSuite } from './dashboard-harness.js';

const screenshotPath = process.env.OMNIROUTE_COMBOS_SCREENSHOT;

describe('dashboard: combos', () => {
  let router: TestRouter;
  let page: Page;
  let problems: string[];

  const combosNow = async (): Promise<ComboDto[]> => (await expectJson<{ data: ComboDto[] }>(await router.manage('GET', '/api/combos'), 200)).data;
  const aliasesNow = async (): Promise<ModelAliasDto[]> => (await expectJson<{ data: ModelAliasDto[] }>(await router.manage('GET', '/api/models/alias'), 200)).data;
  const createForm = () => page.getByRole('form', { name: 'Create a combo' });
  const aliasForm = () => page.getByRole('form', { name: 'Add an alias' });
  const comboRow = (name: string) => page.locator(`tr[data-combo="${name}"]`);
  const aliasRow = (alias: string) => page.locator(`tr[data-alias="${alias}"]`);

  const suite = dashboardSuite({
    setup: async (started) => {
      await started.addProvider({ name: 'alpha', kind: 'openai', baseUrl: 'http://127.0.0.1:9/v1', models: ['gpt-4o-mini', 'gpt-4o'] });
    },
  });
  before(async () => {
    ({ router, page, problems } = suite);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Combos' }).click();
    await page.getByRole('heading', { level: 1, name: 'Combos' }).waitFor();
    await page.getByText('No combos yet.').waitFor();
  });

  it('creates a weighted combo from the form', async () => {
    await createForm().getByLabel('Name').fill('team');
    await createForm().getByLabel('Strategy').selectOption('weighted');
    await createForm().getByLabel('Targets').fill('alpha/gpt-4o-mini 3\nalpha/gpt-4o');
    await createForm().getByRole('button', { name: 'Create combo' }).click();
    await comboRow('team').getByText('alpha/gpt-4o-mini').waitFor();
    const [combo] = await combosNow();
    assert.deepEqual({ name: combo?.name, strategy: combo?.strategy, targets: combo?.targets, enabled: combo?.enabled }, {
      name: 'team',
      strategy: 'weighted',
      targets: [
        { model: 'alpha/gpt-4o-mini', weight: 3 },
        { model: 'alpha/gpt-4o', weight: 1 },
      ],
      enabled: true,
    });
    assert.equal(await createForm().getByLabel('Name').inputValue(), '', 'the form is cleared for the next one');
  });

  it("shows the server's refusal at the targets field, and a malformed line before sending", async () => {
    await createForm().getByLabel('Name').fill('broken');
    await createForm().getByLabel('Targets').fill('gamma/gpt-4o');
    await createForm().getByRole('button', { name: 'Create combo' }).click();
    await createForm().getByRole('alert').getByText(/no provider named 'gamma'/).waitFor();
    await createForm().getByLabel('Targets').fill('alpha/gpt-4o lots');
    await createForm().getByRole('button', { name: 'Create combo' }).click();
    await createForm().getByRole('alert').getByText(/Line 1: write a model/).waitFor();
    assert.deepEqual((await combosNow()).map((combo) => combo.name), ['team']);
  });

  it('edits a combo', async () => {
    await comboRow('team').getByRole('button', { name: 'Edit' }).click();
    const editForm = page.getByRole('form', { name: 'Edit combo team' });
    assert.equal(await editForm.getByLabel('Targets').inputValue(), 'alpha/gpt-4o-mini 3\nalpha/gpt-4o');
    await editForm.getByLabel('Strategy').selectOption('priority');
    await editForm.getByLabel('Enabled').uncheck();
    await editForm.getByRole('button', { name: 'Save combo' }).click();
    await comboRow('team').getByText('Disabled').waitFor();
    const [combo] = await combosNow();
    assert.equal(combo?.strategy, 'priority');
    assert.equal(combo?.enabled, false);
  });

  it('adds aliases and wildcard routes, and deletes one', async () => {
    await aliasForm().getByLabel('Alias').fill('mini');
    await aliasForm().getByLabel('Model').fill('alpha/gpt-4o-mini');
    await aliasForm().getByRole('button', { name: 'Save alias' }).click();
    await aliasRow('mini').waitFor();
    await aliasForm().getByLabel('Alias').fill('openai/*');
    await aliasForm().getByLabel('Model').fill('alpha/gpt-4o');
    await aliasForm().getByRole('button', { name: 'Save alias' }).click();
    await aliasForm().getByRole('alert').getByText(/must end in '\/\*' too/).waitFor();
    await aliasForm().getByLabel('Model').fill('alpha/*');
    await aliasForm().getByRole('button', { name: 'Save alias' }).click();
    await aliasRow('openai/*').waitFor();
    assert.deepEqual(await aliasesNow(), [
      { alias: 'mini', model: 'alpha/gpt-4o-mini' },
      { alias: 'openai/*', model: 'alpha/*' },
    ]);
    await aliasRow('openai/*').getByRole('button', { name: 'Delete' }).click();
    await aliasRow('openai/*').getByRole('button', { name: 'Yes, delete' }).click();
    await aliasRow('openai/*').waitFor({ state: 'detached' });
    assert.deepEqual(await aliasesNow(), [{ alias: 'mini', model: 'alpha/gpt-4o-mini' }]);
  });

  it('reports a target whose provider was deleted, then deletes the combo', async () => {
    const doomed = await router.addProvider({ name: 'doomed', kind: 'openai', baseUrl: 'http://127.0.0.1:9/v1', models: ['m1'] });
    await expectJson(await router.manage('POST', '/api/combos', { name: 'orphan', strategy: 'priority', targets: [{ model: 'doomed/m1' }, { model: 'mini' }] }), 201);
    assert.equal((await router.manage('DELETE', `/api/providers/${doomed.id}`)).status, 204);
    await page.reload();
    await comboRow('orphan').getByTestId('combo-problem').getByText("Target 'doomed/m1' does not resolve: no provider named 'doomed'.").waitFor();
    if (screenshotPath) await page.screenshot({ path: screenshotPath, fullPage: true });
    await comboRow('orphan').getByRole('button', { name: 'Delete' }).click();
    await comboRow('orphan').getByRole('button', { name: 'Yes, delete' }).click();
    await comboRow('orphan').waitFor({ state: 'detached' });
    assert.deepEqual((await combosNow()).map((combo) => combo.name), ['team']);
    assert.deepEqual(problems, []);
  });
});
