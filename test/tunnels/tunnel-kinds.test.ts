/**
 * The tunnel kinds as data: each reads its public URL from the daemon's real output format (and
 * nothing else from it), builds a foreground command with no shell in between, and detection
 * reports where it looked instead of throwing.
 */
import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { detectionEnvironment, detectTunnelBinary } from '../../main/tunnels/detect-tunnel-binary.js';
import { tunnelKinds } from '../../main/tunnels/tunnel-kinds.js';
import { tunnelKindIds } from '../../shared/tunnels.js';

const target = { port: 20128, url: 'http://127.0.0.1:20128' };

/** Output as the daemons print it; the URL lines are the only ones that may match. */
const cloudflaredStderr = [
  '2026-11-22T07:32:19Z INF Thank you for trying Cloudflare Tunnel. Doing so, without a Cloudflare account, is a quick way to experiment and try it out.',
  '2026-11-22T07:32:19Z INF Requesting new quick Tunnel on trycloudflare.com...',
  '2026-11-22T07:32:19Z ERR failed to request quick Tunnel: Post "https://api.trycloudflare.com/tunnel": context deadline exceeded',
  '2026-11-22T07:32:23Z INF +--------------------------------------------------------------------------------------------+',
  '2026-11-22T07:32:23Z INF |  Your quick Tunnel has been created! Visit it at (it may take some time to be reachable):  |',
  '2026-11-22T07:32:23Z INF |  https://oklahoma-solo-younger-truck.trycloudflare.com                                     |',
  '2026-11-22T07:32:23Z INF Settings: map[ha-connections:1 no-autoupdate:true protocol:quic url:http://127.0.0.1:20128]',
];
const ngrokStdout = [
  '{"lvl":"info","msg":"no configuration paths supplied","t":"2026-11-22T07:40:00Z"}',
  '{"addr":"127.0.0.1:4040","lvl":"info","msg":"starting web service","obj":"web","t":"2026-11-22T07:40:00Z"}',
  '{"addr":"http://127.0.0.1:20128","lvl":"info","msg":"started tunnel","name":"command_line","obj":"tunnels","t":"2026-11-22T07:40:01Z","url":"https://ab12-203-0-113-7.ngrok-free.app"}',
  't=2026-11-22T07:40:01+0000 lvl=info msg="started tunnel" url=https://logfmt.ngrok-free.app',
];
const tailscaleStdout = ['Available on the internet:', '', 'https://desk.tail1234.ts.net/', '|-- /     proxy http://127.0.0.1:20128', '', 'Press Ctrl+C to exit.'];

function urlsIn(kind: keyof typeof tunnelKinds, lines: string[]): string[] {
  return lines.map((line) => tunnelKinds[kind].parseUrl(line)).filter((url): url is string => url !== null);
}

describe('tunnel kinds', () => {
  it('has one row per kind id, in order', () => {
    assert.deepEqual(Object.keys(tunnelKinds), [...tunnelKindIds]);
    for (const [id, kind] of Object.entries(tunnelKinds)) {
      assert.equal(kind.id, id);
      assert.match(kind.installUrl, /^https:\/\//);
    }
  });

  it('cloudflared: the quick tunnel URL from the box, not the API host in an error line', () => {
    assert.deepEqual(urlsIn('cloudflared', cloudflaredStderr), ['https://oklahoma-solo-younger-truck.trycloudflare.com']);
    assert.deepEqual(tunnelKinds.cloudflared.args(target), ['tunnel', '--url', 'http://127.0.0.1:20128', '--no-autoupdate']);
    assert.equal(tunnelKinds.cloudflared.stopSignal, 'SIGTERM');
  });

  it('ngrok: the url of the "started tunnel" JSON record only', () => {
    assert.deepEqual(urlsIn('ngrok', ngrokStdout), ['https://ab12-203-0-113-7.ngrok-free.app']);
    assert.equal(tunnelKinds.ngrok.parseUrl('{"msg":"started tunnel","url":"tcp://0.tcp.ngrok.io:1234"}'), null);
    assert.equal(tunnelKinds.ngrok.parseUrl('{not json'), null);
    assert.deepEqual(tunnelKinds.ngrok.args(target), ['http', 'http://127.0.0.1:20128', '--log', 'stdout', '--log-format', 'json']);
  });

  it('tailscale: the ts.net URL under "Available on the internet", in the foreground, stopped with SIGINT', () => {
    assert.deepEqual(urlsIn('tailscale', tailscaleStdout), ['https://desk.tail1234.ts.net']);
    assert.deepEqual(tunnelKinds.tailscale.args(target), ['funnel', 'http://127.0.0.1:20128']);
    assert.equal(tunnelKinds.tailscale.stopSignal, 'SIGINT');
  });

  it('looks in the Windows install folders with Windows paths', () => {
    const folders = tunnelKinds.cloudflared.installFolders({
      platform: 'win32',
      home: 'C:\\Users\\ada',
      env: { ProgramFiles: 'C:\\Program Files', LOCALAPPDATA: 'C:\\Users\\ada\\AppData\\Local' },
    });
    assert.deepEqual(folders, ['C:\\Program Files\\cloudflared', 'C:\\Users\\ada\\AppData\\Local\\Microsoft\\WinGet\\Links', 'C:\\ProgramData\\chocolatey\\bin']);
  });
});

describe('tunnel binary detection', () => {
  const home = mkdtempSync(join(tmpdir(), 'omniroute-tunnel-home-'));
  after(() => rmSync(home, { recursive: true, force: true }));

  it('reports a missing daemon with where to get it, without throwing', async () => {
    const detection = await detectTunnelBinary(tunnelKinds.ngrok, detectionEnvironment({ HOME: home, PATH: join(home, 'nothing-here') }));
    assert.equal(detection.installed, false);
    assert.equal(detection.commandPath, null);
    assert.match(detection.reason, /ngrok was not found on PATH nor in the usual install folders\. .*ngrok config add-authtoken.*https:\/\/ngrok\.com\/download/);
    assert.ok(detection.probed.includes(join(home, 'nothing-here', 'ngrok')));
    assert.ok(detection.probed.includes(join(home, '.local', 'bin', 'ngrok')));
  });

  it('finds cloudflared in ~/.cloudflared when it is not on PATH, and ignores a file that is not executable', async () => {
    const folder = join(home, '.cloudflared');
    mkdirSync(folder, { recursive: true });
    const binary = join(folder, 'cloudflared');
    writeFileSync(binary, '#!/bin/sh\n');
    chmodSync(binary, 0o644);
    const environment = detectionEnvironment({ HOME: home, PATH: '' });
    assert.equal((await detectTunnelBinary(tunnelKinds.cloudflared, environment)).installed, false);
    chmodSync(binary, 0o755);
    const detection = await detectTunnelBinary(tunnelKinds.cloudflared, environment);
    assert.equal(detection.installed, true);
    assert.equal(detection.commandPath, binary);
    assert.equal(detection.reason, `Found ${binary}.`);
  });
});
