/**
 * Child process entry for the bare proxy. Takes the upstream from the environment
 * (`BENCH_UPSTREAM_URL`, `BENCH_UPSTREAM_API_KEY`) and prints its port on the ready line.
 */
import { startBareProxy } from './bare-proxy.js';
import { exitOnSignal, printReady } from './ready-line.js';

const upstreamUrl = process.env.BENCH_UPSTREAM_URL;
const upstreamApiKey = process.env.BENCH_UPSTREAM_API_KEY;
if (upstreamUrl === undefined || upstreamApiKey === undefined) {
  console.error('BENCH_UPSTREAM_URL and BENCH_UPSTREAM_API_KEY are required');
  process.exit(2);
}

const proxy = await startBareProxy({ upstreamUrl, upstreamApiKey });
exitOnSignal(() => proxy.close());
printReady({ port: proxy.port });
