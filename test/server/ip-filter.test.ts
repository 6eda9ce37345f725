import assert from 'node:assert/strict';
import { request } from 'node:http';
import { networkInterfaces } from 'node:os';
import { after, before, describe, it } from 'node:test';
import { parseAddressEntry, type IpFilterSetting } from '../../shared/ip-filter.js';
import { expectJson } from '../support/management-error.js';
import { startRouter, type TestRouter } from '../support/start-router.js';

/** This machine's first address that is not loopback: a client from it is "elsewhere" to the router. */
const external = Object.values(networkInterfaces())
  .flat()
  .find((entry) => entry !== undefined && entry.family === 'IPv4' && !entry.internal)?.address;

describe('IP filter entries', () => {
  it('takes IPv4 and IPv6 addresses and CIDR ranges, and nothing else', () => {
    for (const entry of ['192.168.1.20', '10.0.0.0/8', '0.0.0.0/0', '::1', 'fd00::/8', '2001:db8::1/128', '::ffff:192.0.2.1', 'fe80::1:2:3:4', '1:2:3:4:5:6:7:8']) {
      assert.ok(parseAddressEntry(entry), entry);
    }
    for (const entry of ['', 'localhost', '256.1.1.1', '1.2.3', '01.2.3.4', '10.0.0.0/33', '10.0.0.0/', '10.0.0.0/-1', 'fd00::/129', '1:2:3:4:5:6:7:8:9', '1::2::3', 'gggg::1', '192.0.2.1::', '*']) {
      assert.equal(parseAddressEntry(entry), undefined, entry);
    }
    assert.deepEqual(parseAddressEntry('fd00::/8'), { address: 'fd00::', family: 'ipv6', prefix: 8 });
  });
});

describe('the IP filter keeps clients from other addresses out, never this machine', { skip: external === undefined ? 'this machine has no address but loopback to call from' : false }, () => {
  let router: TestRouter;
  const address = external as string;

  before(async () => {
    router = await startRouter({ host: '0.0.0.0' });
    // The client from elsewhere names the router by that address.
    assert.equal((await router.manage('PUT', '/api/settings', { allowedHosts: [address] })).status, 200);
  });
  after(() => router?.close());

  /** `GET /v1/models` from `from` to the router at `to`. */
  const models = (from: string, to: string) =>
    new Promise<{ status: number; body: string }>((resolve, reject) => {
      const outgoing = request({ host: to, port: new URL(router.url).port, path: '/v1/models', localAddress: from, agent: false }, (incoming) => {
        let body = '';
        incoming.setEncoding('utf8');
        incoming.on('data', (chunk: string) => (body += chunk));
        incoming.on('end', () => resolve({ status: incoming.statusCode ?? 0, body }));
      });
      outgoing.on('error', reject);
      outgoing.end();
    });
  const fromElsewhere = () => models(address, address);
  const fromHere = () => models('127.0.0.1', '127.0.0.1');
  const setFilter = async (filter: Partial<IpFilterSetting>) => expectJson<IpFilterSetting>(await router.manage('PUT', '/api/settings/ip-filter', filter), 200);

  it('is off by default', async () => {
    assert.deepEqual(await expectJson<IpFilterSetting>(await router.manage('GET', '/api/settings/ip-filter'), 200), { mode: 'off', allowlist: [], blocklist: [] });
    assert.equal((await fromElsewhere()).status, 200);
  });

  it('blocklist: refuses listed addresses in the client\'s error format, and never this machine', async () => {
    await setFilter({ mode: 'blocklist', blocklist: [`${address.split('.').slice(0, 3).join('.')}.0/24`, '127.0.0.1'] });
    const refused = await fromElsewhere();
    assert.equal(refused.status, 403);
    const error = (JSON.parse(refused.body) as { error: { message: string; type: string } }).error;
    assert.equal(error.message, `Address ${address} is not allowed to use this OmniRoute (its IP filter, ipFilter in settings).`);
    assert.equal((await fromHere()).status, 200, 'loopback is always let in');
    await setFilter({ blocklist: ['203.0.113.0/24'] });
    assert.equal((await fromElsewhere()).status, 200, 'an address outside the list');
  });

  it('allowlist: only listed addresses, and this machine', async () => {
    await setFilter({ mode: 'allowlist', allowlist: ['10.0.0.0/8', 'fd00::/8'] });
    assert.equal((await fromElsewhere()).status, 403);
    assert.equal((await fromHere()).status, 200);
    await setFilter({ allowlist: [address] });
    assert.equal((await fromElsewhere()).status, 200);
    await setFilter({ mode: 'off' });
    assert.equal((await fromElsewhere()).status, 200);
  });

  it('refuses entries that are not addresses or ranges, naming them, and keeps the filter as it was', async () => {
    const before = await expectJson<IpFilterSetting>(await router.manage('GET', '/api/settings/ip-filter'), 200);
    const refused = await router.manage('PATCH', '/api/settings/ip-filter', { blocklist: ['10.0.0.0/8', 'office-laptop'] });
    assert.equal(refused.status, 400);
    assert.match(await refused.text(), /must be an IP address or a CIDR range/);
    assert.deepEqual(await expectJson<IpFilterSetting>(await router.manage('GET', '/api/settings/ip-filter'), 200), before);
    const whole = await expectJson<{ ipFilter: IpFilterSetting }>(await router.manage('GET', '/api/settings'), 200);
    assert.deepEqual(whole.ipFilter, before, 'the same setting as in /api/settings');
  });
});
