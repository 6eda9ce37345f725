/**
 * What the routing decision costs a request: `engine.plan()` (policies, aliases, combos and their
 * strategy, account order, stickiness) plus taking the first attempt and reporting its success,
 * measured in process against a real app (real SQLite, configured through the management API).
 * Target: under 50 µs per request. Standalone: `npm run bench:routing`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createApp } from '../main/app.js';
import { MemorySecretStore } from '../main/secrets/memory-secret-store.js';
import { createLogger } from '../main/util/logger.js';
import { median, percentile } from './statistics.js';

const iterations = Number(process.env.BENCH_ROUTING_ITERATIONS ?? 200_000);
const dataDir = mkdtempSync(join(tmpdir(), 'omniroute-bench-routing-'));
const token = 'bench-admin-token-0123456789';
const app = await createApp({
  dataDir,
  port: 0,
  host: '127.0.0.1',
  secrets: new MemorySecretStore(),
  env: { OMNIROUTE_ADMIN_TOKEN: token },
  logger: createLogger({ level: 'error' }),
});
const { url } = await app.listen();
const manage = async (method: string, path: string, body: unknown): Promise<void> => {
  const response = await fetch(url + path, { method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (response.status >= 300) throw new Error(`${method} ${path}: HTTP ${response.status} ${await response.text()}`);
};

// A realistic setup: three providers (one with three accounts), a nested combo behind an alias,
// a wildcard route and two policies that every request has to check.
for (const name of ['alpha', 'beta', 'gamma']) {
  await manage('POST', '/api/providers', { name, kind: 'openai', baseUrl: `http://127.0.0.1:9/${name}`, apiKey: `sk-${name}-key`, models: ['model-large', 'model-small'] });
}
const alpha = ((await (await fetch(url + '/api/providers', { headers: { authorization: `Bearer ${token}` } })).json()) as { data: { id: string; name: string }[] }).data.find((provider) => provider.name === 'alpha');
for (const label of ['second', 'third']) await manage('POST', `/api/providers/${alpha?.id}/accounts`, { label, apiKey: `sk-alpha-${label}` });
await manage('POST', '/api/combos', { name: 'inner', strategy: 'weighted', targets: [{ model: 'beta/model-large', weight: 3 }, { model: 'gamma/model-large', weight: 1 }] });
await manage('POST', '/api/combos', { name: 'coding', strategy: 'priority', targets: [{ model: 'alpha/model-large' }, { model: 'inner' }] });
await manage('POST', '/api/models/alias', { alias: 'smart', model: 'coding' });
await manage('POST', '/api/models/alias', { alias: 'vendor/*', model: 'gamma/*' });
await manage('POST', '/api/policies', { name: 'no-gamma-for-ci', match: { models: ['vendor/*'] }, action: { type: 'deny-providers', providers: ['gamma'] } });
await manage('POST', '/api/policies', { name: 'batch', match: { tags: ['batch'] }, action: { type: 'route', model: 'beta/model-small' } });

const { engine } = app.context;
const cases: { name: string; model: string; sessionId?: string }[] = [
  { name: 'provider/model', model: 'alpha/model-large' },
  { name: 'alias -> nested combo', model: 'smart' },
  { name: 'alias -> nested combo, sticky session', model: 'smart', sessionId: 'session-1' },
];

const rows: string[] = [];
for (const { name, model, sessionId } of cases) {
  const request = { model, apiKey: undefined, sessionId, tags: [], inputTokens: 1200 };
  const decide = (): void => {
    const plan = engine.plan(request);
    const attempt = plan.next();
    if (!attempt) throw new Error(`no attempt for ${model}`);
    plan.succeeded(attempt, {});
    engine.completed(attempt, request, { firstByteMs: 100 });
  };
  for (let index = 0; index < 20_000; index += 1) decide();
  const batches: number[] = [];
  const perBatch = 1000;
  for (let batch = 0; batch < iterations / perBatch; batch += 1) {
    const started = performance.now();
    for (let index = 0; index < perBatch; index += 1) decide();
    batches.push(((performance.now() - started) * 1000) / perBatch);
  }
  const typical = median(batches);
  rows.push(`| ${name} | ${typical.toFixed(2)} | ${percentile(batches, 99).toFixed(2)} | ${typical < 50 ? 'PASS' : 'FAIL'} |`);
}

await app.close();
rmSync(dataDir, { recursive: true, force: true });
console.log(`Routing decision per request (${iterations} requests per case, batches of 1000; target < 50 µs)\n`);
console.log('| Case | median µs | p99 of batch means µs | Target |');
console.log('| --- | --- | --- | --- |');
for (const row of rows) console.log(row);
