/**
 * The Settings page's "IP filter" section and its "Activity" list, in a real browser against the
 * real router: a bad line refused at its list (nothing saved), a blocklist saved with the page's
 * "Save settings" and read back after a reload, and the save itself at the top of the activity,
 * made by the dashboard, beside what the management token did.
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { IpFilterSetting } from '../../shared/ip-filter.js';
import { expectJson } from '../support/management-error.js';
import { dashboardSuite } from './dashboard-harness.js';

describe('dashboard: IP filter and activity', () => {
  const suite = dashboardSuite({
    setup: async (router) => {
      await router.addProvider({ name: 'made-by-token', kind: 'openai', baseUrl: 'http://127.0.0.1:9/v1', apiKey: 'sk-token-0123456789', models: ['m'] });
    },
  });
  before(async () => {
    await page().getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
    await section().waitFor();
  });

  const page = () => suite.page;
  const section = () => page().getByRole('group', { name: 'IP filter' });
  const mode = (label: string) => section().getByRole('radio', { name: label });
  const activity = () => page().getByRole('table', { name: 'Activity' });
  const setting = async () => expectJson<IpFilterSetting>(await suite.router.manage('GET', '/api/settings/ip-filter'), 200);
  const save = () => page().getByRole('button', { name: 'Save settings' }).click();

  it('starts off, with no list to fill in', async () => {
    assert.equal(await mode('Off: any address').isChecked(), true);
    assert.equal(await section().getByRole('textbox').count(), 0);
  });

  it('refuses a line that is not an address or range at its list, and saves nothing', async () => {
    await mode('Everyone but these addresses').check();
    await section().getByLabel('Blocked addresses').fill('10.0.0.0/8\nnot-an-address');
    await save();
    await page().locator('#setting-ipFilter-blocklist-error').getByText('must be an IP address or a CIDR range, e.g. 192.168.1.20, 192.168.1.0/24 or fd00::/8 (line 2: not-an-address)').waitFor();
    assert.deepEqual(await setting(), { mode: 'off', allowlist: [], blocklist: [] });
  });

  it('saves a blocklist with the page, keeps it across a reload, and shows the save in the activity', async () => {
    await section().getByLabel('Blocked addresses').fill('10.0.0.0/8\n  192.168.1.0/24  \n');
    await save();
    await page().getByText('Settings saved.').waitFor();
    assert.deepEqual(await setting(), { mode: 'blocklist', allowlist: [], blocklist: ['10.0.0.0/8', '192.168.1.0/24'] });

    const newest = activity().locator('tbody tr').first();
    await newest.getByText('PUT /api/settings').waitFor();
    assert.equal((await newest.locator('td').first().textContent())?.trim(), 'Dashboard');
    assert.equal((await newest.locator('.badge').textContent())?.trim(), '200');
    const byToken = activity().locator('tbody tr', { hasText: 'POST /api/providers' });
    assert.equal((await byToken.locator('td').first().textContent())?.trim(), 'Management token');
    assert.equal((await activity().locator('tbody tr', { hasText: 'PUT /api/settings' }).count()) >= 1, true);

    await page().reload();
    await section().waitFor();
    assert.equal(await mode('Everyone but these addresses').isChecked(), true);
    assert.equal(await section().getByLabel('Blocked addresses').inputValue(), '10.0.0.0/8\n192.168.1.0/24');
  });

  it('logged no script error and no CSP violation', () => {
    assert.deepEqual(suite.problems, []);
  });
});
