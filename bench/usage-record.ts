/**
 * What usage accounting costs the request path: `UsageRecorder.record()` per call (queued, target
 * under 20 µs), and separately the batched write it causes later (one transaction per batch, off
 * the caller's turn but on the same thread). Standalone: `npm run bench:usage` (tsx), or
 * `node dist/bench/usage-record.js` after a build. Real SQLite in a temporary directory.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { SettingsService } from '../main/gateway/settings-service.js';
import { openStore } from '../main/store/index.js';
import type { UsageEntry } from '../main/usage/usage-entry.js';
import { createUsageServices } from '../main/usage/usage-services.js';
import { AppEvents } from '../main/util/app-events.js';
import { randomHex128 } from '../main/util/random-hex.js';
import { createLogger } from '../main/util/logger.js';
import { median, percentile } from './statistics.js';

const rounds = Number(process.env.BENCH_USAGE_ROUNDS ?? 200);
/** Records per round, about what a busy router records between two turns of its event loop. */
const perRound = 500;

function entry(index: number): UsageEntry {
  return {
    // Random, made as the router makes its own request ids.
    requestId: 'req_' + randomHex128(),
    startedAt: Date.now(),
    clientFormat: 'anthropic-messages',
    apiKeyId: index % 3 === 0 ? null : `key_${index % 3}`,
    provider: 'anthropic',
    accountId: 'acc_main',
    requestedModel: 'claude-sonnet-4-5',
    model: 'anthropic/claude-sonnet-4-5-20250929',
    status: 200,
    errorCode: null,
    stream: true,
    inputTokens: 12_000 + index,
    outputTokens: 800,
    cachedInputTokens: 10_000,
    cacheWriteInputTokens: 500,
    reasoningTokens: 200,
    latencyMs: 2400,
    ttftMs: 600,
    cacheHit: false,
    fallback: false,
    attempts: 1,
  };
}

const dataDir = mkdtempSync(join(tmpdir(), 'omniroute-bench-usage-'));
const store = openStore({ dataDir });
const logger = createLogger({ level: 'error' });
const services = createUsageServices({ store, settings: new SettingsService(store.settings, logger), events: new AppEvents(), logger, flushIntervalMs: 3_600_000 });
services.budgets.set({ limit: 1_000_000, period: 'monthly' });

const recordMicroseconds: number[] = [];
const flushMicroseconds: number[] = [];
let index = 0;
for (let round = 0; round < rounds; round += 1) {
  const entries = Array.from({ length: perRound }, () => entry(index++));
  const started = performance.now();
  for (const item of entries) services.usage.record(item);
  recordMicroseconds.push(((performance.now() - started) * 1000) / perRound);
  const flushStarted = performance.now();
  services.usage.flush();
  flushMicroseconds.push(((performance.now() - flushStarted) * 1000) / perRound);
  await nextTurn();
}
services.close();
const stored = store.db.prepare<[], number>('SELECT COUNT(*) FROM usage_records').pluck().get();
store.close();
rmSync(dataDir, { recursive: true, force: true });

const format = (value: number): string => value.toFixed(2).padStart(7);
console.log(`usage recording: ${rounds} rounds of ${perRound} records (${stored} stored)`);
console.log(`  record() per call, µs  median ${format(median(recordMicroseconds))}  p99 ${format(percentile(recordMicroseconds, 99))}  target < 20: ${percentile(recordMicroseconds, 99) < 20 ? 'PASS' : 'FAIL'}`);
console.log(`  batched write per record, µs (later, off the caller's turn)  median ${format(median(flushMicroseconds))}  p99 ${format(percentile(flushMicroseconds, 99))}`);
