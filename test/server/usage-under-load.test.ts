import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { DATABASE_FILE_NAME } from '../../main/store/index.js';
import { startOpenAiSimulator, type OpenAiSimulator } from '../support/openai-simulator.js';
import { startRouter, type TestRouter } from '../support/start-router.js';

describe('usage records under load and at shutdown', () => {
  let sim: OpenAiSimulator;
  let router: TestRouter;

  before(async () => {
    sim = await startOpenAiSimulator({ models: ['m'], record: false });
    router = await startRouter();
    await router.addProvider({ name: 'sim', kind: 'openai', baseUrl: sim.url, apiKey: sim.apiKey, models: ['m'] });
    await router.manage('PATCH', '/api/settings', { shutdownGraceMs: 2000 });
  });
  after(async () => {
    await sim.close();
    rmSync(router.dataDir, { recursive: true, force: true });
  });

  it('5,000 concurrent requests, then an immediate shutdown: every request has its usage record', async () => {
    const total = 5000;
    // The client queues what does not fit its 200 sockets, as an SDK would; the router sees them all.
    const agent = new Agent({ keepAlive: true, maxSockets: 200 });
    const { port } = router;
    const results = await Promise.all(
      Array.from({ length: total }, (_, index) =>
        post(agent, port, JSON.stringify({ model: 'sim/m', messages: [{ role: 'user', content: `request ${index}` }], stream: index % 2 === 0 })),
      ),
    );
    agent.destroy();
    // No pause: records still queued in memory must be written by the shutdown itself.
    await router.close({ keepDataDir: true });
    assert.deepEqual(results.filter((result) => result.status !== 200).slice(0, 3), []);
    const database = new Database(join(router.dataDir, DATABASE_FILE_NAME), { readonly: true });
    try {
      const rows = database.prepare('SELECT request_id, input_tokens FROM usage_records').all() as { request_id: string; input_tokens: number | null }[];
      const recorded = new Map(rows.map((row) => [row.request_id, row.input_tokens]));
      const missing = results.filter((result) => !recorded.has(result.requestId));
      assert.equal(missing.length, 0, `${missing.length} requests have no usage record`);
      assert.equal(rows.length, total);
      assert.ok(rows.every((row) => typeof row.input_tokens === 'number' && row.input_tokens > 0), 'every record carries the upstream token figures');
    } finally {
      database.close();
    }
  });
});

function post(agent: Agent, port: number, body: string): Promise<{ status: number; requestId: string }> {
  return new Promise((resolve, reject) => {
    const outgoing = request({ host: '127.0.0.1', port, path: '/v1/chat/completions', method: 'POST', agent, headers: { 'content-type': 'application/json' } }, (response) => {
      response.resume();
      response.on('end', () => resolve({ status: response.statusCode ?? 0, requestId: String(response.headers['x-request-id']) }));
      response.on('error', reject);
    });
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}
