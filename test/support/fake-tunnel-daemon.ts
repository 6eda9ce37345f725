import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** How the next run of the stand-in behaves; read by each run when it starts. */
export interface FakeDaemonBehaviour {
  /** `url`: announce a URL after `delayMs` and stay up; `silent`: stay up, print no URL; `fail`: print an error and exit 1. */
  mode: 'url' | 'silent' | 'fail';
  delayMs: number;
  /** Ignore the stop signal (SIGTERM/SIGINT), so only SIGKILL ends it. */
  ignoreStopSignal: boolean;
}

export interface FakeTunnelDaemon {
  /** The folder holding the executable: put it on PATH. */
  dir: string;
  /** Changes what the next runs do. */
  behave(behaviour: Partial<FakeDaemonBehaviour>): void;
  /** Makes the running daemon(s) exit with status 1, as a crash. */
  crash(): void;
  /** Pids of every run so far, in order. */
  pids(): number[];
  /** The argv of every run so far. */
  runs(): string[][];
  remove(): void;
}

/**
 * A stand-in executable that behaves like the real daemon as far as OmniRoute can tell: named
 * `cloudflared` (the URL box on stderr, in cloudflared's log format) or `ngrok` (JSON log records on
 * stdout), a fresh random-looking URL per run, exits on the stop signal, and crashes on demand
 * (a flag file it polls). A real executable with a node shebang, so it is spawned the way the real
 * one is.
 */
export function createFakeTunnelDaemon(flavour: 'cloudflared' | 'ngrok'): FakeTunnelDaemon {
  const dir = mkdtempSync(join(tmpdir(), `omniroute-fake-${flavour}-`));
  const control = join(dir, 'behaviour.json');
  const crashFlag = join(dir, 'crash');
  const runLog = join(dir, 'runs.log');
  let behaviour: FakeDaemonBehaviour = { mode: 'url', delayMs: 150, ignoreStopSignal: false };
  writeFileSync(control, JSON.stringify(behaviour));
  const executable = join(dir, flavour);
  writeFileSync(executable, script({ flavour, control, crashFlag, runLog }));
  chmodSync(executable, 0o755);
  return {
    dir,
    behave(changes) {
      behaviour = { ...behaviour, ...changes };
      writeFileSync(control, JSON.stringify(behaviour));
    },
    crash() {
      writeFileSync(crashFlag, 'crash');
    },
    pids: () => readRuns(runLog).map((run) => run.pid),
    runs: () => readRuns(runLog).map((run) => run.argv),
    remove() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function readRuns(runLog: string): { pid: number; argv: string[] }[] {
  if (!existsSync(runLog)) return [];
  return readFileSync(runLog, 'utf8')
    .split('\n')
    .filter((line) => line.length > 0)
    .map((line) => JSON.parse(line) as { pid: number; argv: string[] });
}

function script(paths: { flavour: string; control: string; crashFlag: string; runLog: string }): string {
  return `#!/usr/bin/env node
const fs = require('node:fs');
const paths = ${JSON.stringify(paths)};
const behaviour = JSON.parse(fs.readFileSync(paths.control, 'utf8'));
fs.appendFileSync(paths.runLog, JSON.stringify({ pid: process.pid, argv: process.argv.slice(2) }) + '\\n');
const words = ['amber', 'basin', 'cedar', 'delta', 'ember', 'fjord', 'grove', 'harbor'];
const pick = () => words[Math.floor(Math.random() * words.length)];
const host = [pick(), pick(), pick(), process.pid].join('-');
const stamp = () => new Date().toISOString().replace(/\\.\\d+Z$/, 'Z');
const cloudflare = (level, text) => process.stderr.write(stamp() + ' ' + level + ' ' + text + '\\n');
const ngrok = (record) => process.stdout.write(JSON.stringify({ t: stamp(), ...record }) + '\\n');

if (paths.flavour === 'cloudflared') {
  cloudflare('INF', 'Thank you for trying Cloudflare Tunnel. Doing so, without a Cloudflare account, is a quick way to experiment and try it out.');
  cloudflare('INF', 'Requesting new quick Tunnel on trycloudflare.com...');
} else {
  ngrok({ lvl: 'info', msg: 'no configuration paths supplied' });
  ngrok({ lvl: 'info', msg: 'starting web service', obj: 'web', addr: '127.0.0.1:4040' });
}

if (behaviour.mode === 'fail') {
  if (paths.flavour === 'cloudflared') cloudflare('ERR', 'failed to request quick Tunnel: Post "https://api.trycloudflare.com/tunnel": dial tcp: lookup api.trycloudflare.com: no such host');
  else ngrok({ lvl: 'crit', msg: 'command failed', err: 'authentication failed: Usage of ngrok requires a verified account and authtoken.' });
  process.exit(1);
}

if (behaviour.mode === 'url') {
  setTimeout(() => {
    if (paths.flavour === 'cloudflared') {
      const url = 'https://' + host + '.trycloudflare.com';
      const rule = '+' + '-'.repeat(92) + '+';
      cloudflare('INF', rule);
      cloudflare('INF', '|  Your quick Tunnel has been created! Visit it at (it may take some time to be reachable):  |');
      cloudflare('INF', '|  ' + url.padEnd(88) + '  |');
      cloudflare('INF', rule);
      cloudflare('INF', 'Registered tunnel connection connIndex=0 connection=0a1b2c3d event=0 ip=198.41.192.7 location=ams01 protocol=quic');
    } else {
      ngrok({ lvl: 'info', msg: 'tunnel session started', obj: 'tunnels.session' });
      ngrok({ lvl: 'info', msg: 'started tunnel', obj: 'tunnels', name: 'command_line', addr: process.argv[3], url: 'https://' + host + '.ngrok-free.app' });
    }
  }, behaviour.delayMs);
}

const onStop = (signal) => {
  if (behaviour.ignoreStopSignal) return;
  if (paths.flavour === 'cloudflared') cloudflare('INF', 'Initiating graceful shutdown due to signal ' + signal + ' ...');
  process.exit(0);
};
process.on('SIGTERM', onStop);
process.on('SIGINT', onStop);

setInterval(() => {
  if (!fs.existsSync(paths.crashFlag)) return;
  fs.rmSync(paths.crashFlag, { force: true });
  if (paths.flavour === 'cloudflared') cloudflare('ERR', 'Connection terminated error="connection with edge closed"');
  else ngrok({ lvl: 'eror', msg: 'session closing', obj: 'tunnels.session', err: 'connection reset' });
  process.exit(1);
}, 25);
`;
}
