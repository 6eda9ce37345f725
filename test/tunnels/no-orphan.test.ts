/**
 * A daemon must not outlive the router even when the router's process ends without stopping its
 * tunnels (process.exit after an error): a child process starts one through TunnelProcess, exits
 * abruptly, and the daemon's pid must be gone.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { after, it } from 'node:test';
import { createFakeTunnelDaemon } from '../support/fake-tunnel-daemon.js';
import { isProcessAlive, waitUntil } from '../support/wait-until.js';

const daemon = createFakeTunnelDaemon('cloudflared');
after(() => {
  // Should the test fail, the daemon it left is still ended here.
  for (const pid of daemon.pids()) if (isProcessAlive(pid)) process.kill(pid, 'SIGKILL');
  daemon.remove();
});

it('kills running daemons when the process exits without stopping them', async () => {
  const script = join(daemon.dir, 'exit-abruptly.mts');
  const processModule = resolve('main/tunnels/tunnel-process.ts');
  const kindModule = resolve('main/tunnels/cloudflared-kind.ts');
  writeFileSync(
    script,
    `import { TunnelProcess } from ${JSON.stringify(processModule)};
import { cloudflaredKind } from ${JSON.stringify(kindModule)};
const daemon = TunnelProcess.spawn({ kind: cloudflaredKind, commandPath: ${JSON.stringify(join(daemon.dir, 'cloudflared'))}, target: { port: 9, url: 'http://127.0.0.1:9' }, urlTimeoutMs: 5000, stopGraceMs: 500 });
await daemon.url;
process.exit(3);
`,
  );
  const outcome = await promisify(execFile)(process.execPath, ['--import', 'tsx', script]).catch((error: { code: number }) => error);
  assert.equal((outcome as { code: number }).code, 3, (outcome as { stderr?: string }).stderr);
  const [pid] = daemon.pids();
  assert.ok(pid);
  await waitUntil('the daemon is gone', () => !isProcessAlive(pid));
});
