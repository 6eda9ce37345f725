import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { DEFAULT_SIMULATOR_API_KEY, startOpenAiSimulator, type OpenAiSimulator } from '../support/openai-simulator.js';

const repository = join(import.meta.dirname, '..', '..');
const adminToken = 'bundle-test-admin-token-0123456789';

/**
 * What `npm start` runs is the esbuild bundle, not the TypeScript the rest of the suite loads, and
 * the bundle swaps two of express's dependencies for stand-ins (scripts/bundle-router.mjs). This
 * runs the bundle itself, through express's surface as well as the lean chat path.
 */
describe('the headless bundle', () => {
  let outdir: string;
  let dataDir: string;
  let child: ChildProcess;
  let url: string;
  let sim: OpenAiSimulator;

  before(async () => {
    // Inside the repository, so the bundle's external native modules resolve from node_modules.
    mkdirSync(join(repository, 'dist'), { recursive: true });
    outdir = mkdtempSync(join(repository, 'dist', 'bundle-test-'));
    dataDir = mkdtempSync(join(tmpdir(), 'omniroute-bundle-'));
    const { bundleHeadless } = (await import(join(repository, 'scripts', 'bundle.mjs'))) as { bundleHeadless: (outdir: string) => Promise<void> };
    await bundleHeadless(outdir);
    sim = await startOpenAiSimulator();
    child = spawn(process.execPath, [join(outdir, 'cli.js'), 'serve', '--port', '0', '--data-dir', dataDir], {
      env: { ...process.env, OMNIROUTE_ADMIN_TOKEN: adminToken, OMNIROUTE_SECRET_STORE: 'file', OMNIROUTE_SECRETS_KEY: 'bundle-test-secrets-key' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    url = await new Promise<string>((resolve, reject) => {
      child.stdout?.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        const match = /OmniRoute listening on (http:\/\/\S+)/.exec(output);
        if (match?.[1]) resolve(match[1]);
      });
      child.once('exit', (code) => reject(new Error(`the bundle exited with ${code}:\n${output}`)));
    });
  });

  after(async () => {
    if (child.exitCode === null) {
      child.kill('SIGTERM');
      await once(child, 'exit');
    }
    await sim?.close();
    rmSync(outdir, { recursive: true, force: true });
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('leaves body-parser, iconv-lite and the full MIME database out', () => {
    const code = readdirSync(outdir).map((file) => readFileSync(join(outdir, file), 'utf8')).join('\n');
    assert.doesNotMatch(code, /node_modules\/iconv-lite\//);
    assert.doesNotMatch(code, /node_modules\/body-parser\//);
    assert.doesNotMatch(code, /application\/vnd\.ms-excel/, 'a type no router serves');
    assert.match(code, /"application\/json"/);
  });

  it('starts with the same Node options through its hashbang as through npm start', () => {
    const manifest = JSON.parse(readFileSync(join(repository, 'package.json'), 'utf8')) as { scripts: { start: string }; bin: { omniroute: string } };
    const startOptions = /^node((?: --\S+)*) dist\/app\/cli\.js serve$/.exec(manifest.scripts.start);
    assert.ok(startOptions, manifest.scripts.start);
    assert.equal(manifest.bin.omniroute, 'dist/app/cli.js');
    const hashbang = readFileSync(join(outdir, 'cli.js'), 'utf8').split('\n', 1)[0];
    assert.equal(hashbang, `#!/usr/bin/env -S node${startOptions[1]}`);
  });

  it('configures a provider through the management API and routes a chat completion to it', async () => {
    const admin = { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' };
    const created = await fetch(`${url}/api/providers`, {
      method: 'POST',
      headers: admin,
      body: JSON.stringify({ name: 'sim', kind: 'openai', baseUrl: sim.url, apiKey: DEFAULT_SIMULATOR_API_KEY, models: ['gpt-4o-mini'] }),
    });
    assert.equal(created.status, 201, await created.clone().text());
    assert.equal(created.headers.get('content-type'), 'application/json; charset=utf-8');

    const chat = await fetch(`${url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'sim/gpt-4o-mini', messages: [{ role: 'user', content: 'hello' }] }),
    });
    assert.equal(chat.status, 200);
    const answer = (await chat.json()) as { choices: { message: { content: string } }[] };
    assert.ok(answer.choices[0]?.message.content);

    const models = await fetch(`${url}/v1/models`);
    assert.equal(models.status, 200);
    assert.equal(models.headers.get('content-type'), 'application/json; charset=utf-8');
    assert.ok(((await models.json()) as { data: { id: string }[] }).data.some((model) => model.id === 'sim/gpt-4o-mini'));
  });

  it('answers a malformed management body with the JSON error, not a body-parser failure', async () => {
    const response = await fetch(`${url}/api/settings`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
      body: '{"oops',
    });
    assert.equal(response.status, 400);
    const body = (await response.json()) as { error: { message: string } };
    assert.match(body.error.message, /JSON/i);
  });
});
