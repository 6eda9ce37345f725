/**
 * `npm run bench`: measures, in one run on one machine, the upstream simulator called directly, a
 * bare node:http proxy and the router, so every router figure is a ratio against the other two
 * measured under the same conditions. Prints tables, marks the targets PASS/FAIL, writes
 * `.bench/results.json`, and exits 0 whatever the figures are (it exits 1 only if it cannot run).
 */
import { cpus, totalmem } from 'node:os';
import { performance } from 'node:perf_hooks';
import { measureBareProxyColdStart, measureRouterColdStart } from './cold-start.js';
import { environmentVariableNames, readConfig } from './config.js';
import { figuresFor, type BenchResults, type FigureTable } from './figures.js';
import { share } from './format.js';
import { measureBusyShare, startOtherCpuMonitor } from './machine-load.js';
import { resultsFile } from './paths.js';
import { runLoadPhases } from './phases.js';
import { renderReport, writeResults } from './report.js';
import { recordIdleMemory, startPaths, validatePaths } from './setup.js';
import { evaluateTargets } from './targets.js';

if (process.argv.includes('--help')) {
  console.log('usage: npm run bench [-- --quick] [-- --markdown]\nrequest counts from the environment:');
  for (const [setting, name] of Object.entries(environmentVariableNames)) console.log(`  ${name} (${setting})`);
  process.exit(0);
}

const config = readConfig(process.argv.slice(2), process.env);
const startedAt = new Date();
const busyShareAtStart = await measureBusyShare();
const otherCpuMonitor = startOtherCpuMonitor();
const benchStart = performance.now();
const log = (message: string): void => {
  process.stderr.write(`[bench ${((performance.now() - benchStart) / 1000).toFixed(1)}s] ${message}\n`);
};

const figures: FigureTable = {};
const started = await startPaths(config, log);
const { upstream, bare, router } = started;
let routerSkipReason = started.routerSkipReason;
await recordIdleMemory(started.candidates, figures);

const validated = await validatePaths(started.candidates, figures, log);
if (validated === undefined) {
  console.error(`the upstream simulator answers wrong: ${figures.direct?.validation.detail}`);
  process.exit(1);
}
const routerMeasured = validated.measuredPaths.some((path) => path.endpoint.name === 'router');
if (router !== undefined && !routerMeasured) routerSkipReason = `answers wrong: ${figures.router?.validation.detail}`;

await runLoadPhases({ config, upstream, paths: validated.measuredPaths, expectedStream: validated.expectedStream, log }, figures);

// Cold starts last, with the measured proxies stopped so nothing else competes for the two cores.
await bare.process.stop();
await router?.dispose();
if (config.coldStarts > 0) {
  log(`cold starts (${config.coldStarts} per proxy)`);
  figuresFor(figures, 'bare').coldStart = await measureBareProxyColdStart(upstream.ready, config.coldStarts);
  if (routerMeasured) {
    try {
      figuresFor(figures, 'router').coldStart = await measureRouterColdStart(upstream.ready, config.coldStarts);
    } catch (error) {
      log(`router cold start: ${(error as Error).message}`);
    }
  }
}
await upstream.process.stop();
const otherCpuShareDuringRun = otherCpuMonitor.stop();
const busyShareAtEnd = await measureBusyShare();

const cpuInfo = cpus();
const judged = { paths: figures, routerIncluded: routerMeasured, ...(routerSkipReason === undefined ? {} : { routerSkipReason }) };
const results: BenchResults = {
  startedAt: startedAt.toISOString(),
  durationSeconds: (performance.now() - benchStart) / 1000,
  machine: {
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    cpus: cpuInfo.length,
    cpuModel: cpuInfo[0]?.model ?? 'unknown',
    totalMemoryBytes: totalmem(),
    busyShareAtStart,
    otherCpuShareDuringRun,
    busyShareAtEnd,
  },
  config,
  ...judged,
  targets: evaluateTargets(judged),
};

// `--markdown` prints the tables as Markdown, ready to paste into docs/performance.md.
console.log(renderReport(results, process.argv.includes('--markdown') ? 'markdown' : 'text'));
await writeResults(resultsFile, results);
const { machine } = results;
console.log(
  `\n${machine.cpus} × ${machine.cpuModel}, Node ${machine.node}; ${results.durationSeconds.toFixed(0)} s; ` +
    `other CPU use before/during/after: ${share(machine.busyShareAtStart)}/${share(machine.otherCpuShareDuringRun)}/` +
    `${share(machine.busyShareAtEnd)}; results in ${resultsFile}`,
);
if (Math.max(machine.busyShareAtStart, machine.otherCpuShareDuringRun, machine.busyShareAtEnd) > 0.1) {
  console.log('WARNING: something else was using the CPU during this run; the figures are noisy, do not publish them.');
}
