/**
 * Cold start: from `spawn()` to the first successful answer, as a user or a supervising desktop
 * shell experiences it (process start, module loading, database open, listen, first request).
 * Each run is a new process without the CPU probe, exactly as `npm start` would run it.
 */
import { rm } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import { readCpuMicrosecondsFromProc } from './cpu.js';
import type { ColdStartFigures } from './figures.js';
import { callJson, type JsonAnswer } from './http-json.js';
import { startMeasuredProcess } from './measured-process.js';
import {
  bareProxyEnvironment,
  configureRouter,
  createDataDirectory,
  routedModel,
  routerLaunch,
  routerListeningPattern,
} from './processes.js';
import { benchEntryArguments } from './paths.js';
import { readyPattern } from './ready-line.js';
import { median } from './statistics.js';
import { simulatedModel, type UpstreamReady } from './upstream-protocol.js';

interface Probe {
  path: string;
  method: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: unknown;
}

const chatBody = (model: string): unknown => ({ model, messages: [{ role: 'user', content: 'ping' }] });

interface StartTiming {
  /** Wall time from spawn to the first 200. */
  milliseconds: number;
  /** CPU time the process used until then (10 ms resolution): tells waiting apart from working. */
  cpuMilliseconds: number;
}

/** Spawns, waits for the ready line, then asks until the first 200. */
async function timeOneStart(options: {
  nodeArguments: string[];
  environment: Record<string, string>;
  readyLine: RegExp;
  port: (ready: RegExpExecArray) => number;
  probe: Probe;
}): Promise<StartTiming> {
  const spawnedAt = performance.now();
  const started = await startMeasuredProcess({
    name: 'cold start',
    nodeArguments: options.nodeArguments,
    environment: options.environment,
    readyPattern: options.readyLine,
    probe: false,
  });
  try {
    const url = `http://127.0.0.1:${options.port(started.ready)}${options.probe.path}`;
    const giveUpAt = spawnedAt + 15000;
    let last: JsonAnswer | Error | undefined;
    while (performance.now() < giveUpAt) {
      try {
        last = await callJson(url, options.probe.method, {
          ...(options.probe.headers === undefined ? {} : { headers: options.probe.headers }),
          ...(options.probe.body === undefined ? {} : { body: options.probe.body }),
        });
        if (last.status === 200) {
          const milliseconds = performance.now() - spawnedAt;
          return { milliseconds, cpuMilliseconds: readCpuMicrosecondsFromProc(started.pid) / 1000 };
        }
      } catch (error) {
        last = error as Error;
      }
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    const detail = last instanceof Error ? last.message : `HTTP ${last?.status}: ${last?.text.slice(0, 200)}`;
    throw new Error(`no successful answer on ${options.probe.path} within 15 s (${detail})`);
  } finally {
    await started.stop();
  }
}

export async function measureRouterColdStart(upstream: UpstreamReady, runs: number): Promise<ColdStartFigures> {
  const emptyData: StartTiming[] = [];
  for (let run = 0; run < runs; run++) {
    const dataDirectory = await createDataDirectory();
    try {
      emptyData.push(
        await timeOneStart({
          ...withReadyLine(routerLaunch(dataDirectory)),
          probe: { path: '/v1/models', method: 'GET' },
        }),
      );
    } finally {
      await rm(dataDirectory, { recursive: true, force: true });
    }
  }

  // A configured data directory: the everyday start, answered by a real routed completion.
  const configured: StartTiming[] = [];
  const dataDirectory = await createDataDirectory();
  try {
    const launch = routerLaunch(dataDirectory);
    const setup = await startMeasuredProcess({ name: 'router setup', ...launch, readyPattern: routerListeningPattern, probe: false });
    let clientApiKey: string;
    try {
      clientApiKey = await configureRouter(Number(setup.ready[1]), upstream);
    } finally {
      await setup.stop();
    }
    for (let run = 0; run < runs; run++) {
      configured.push(
        await timeOneStart({
          ...withReadyLine(launch),
          probe: { path: '/v1/chat/completions', method: 'POST', headers: { authorization: `Bearer ${clientApiKey}` }, body: chatBody(routedModel) },
        }),
      );
    }
  } finally {
    await rm(dataDirectory, { recursive: true, force: true });
  }

  const configuredSummary = summarise(configured);
  return {
    ...emptyDataFigures(emptyData),
    configuredMedianMilliseconds: configuredSummary.medianMilliseconds,
    configuredCpuMedianMilliseconds: configuredSummary.cpuMedianMilliseconds,
    configuredRunsMilliseconds: configuredSummary.runsMilliseconds,
  };
}

export async function measureBareProxyColdStart(upstream: UpstreamReady, runs: number): Promise<ColdStartFigures> {
  const emptyData: StartTiming[] = [];
  for (let run = 0; run < runs; run++) {
    emptyData.push(
      await timeOneStart({
        nodeArguments: benchEntryArguments('bare-proxy-process'),
        environment: bareProxyEnvironment(upstream),
        readyLine: readyPattern,
        port: (ready) => (JSON.parse(ready[1]!) as { port: number }).port,
        probe: { path: '/v1/chat/completions', method: 'POST', body: chatBody(`bench/${simulatedModel}`) },
      }),
    );
  }
  return emptyDataFigures(emptyData);
}

interface Summary {
  medianMilliseconds: number;
  cpuMedianMilliseconds: number;
  runsMilliseconds: number[];
}

function summarise(timings: StartTiming[]): Summary {
  return {
    medianMilliseconds: median(timings.map((timing) => timing.milliseconds)),
    cpuMedianMilliseconds: median(timings.map((timing) => timing.cpuMilliseconds)),
    runsMilliseconds: timings.map((timing) => timing.milliseconds),
  };
}

function emptyDataFigures(timings: StartTiming[]): ColdStartFigures {
  const summary = summarise(timings);
  return {
    emptyDataMedianMilliseconds: summary.medianMilliseconds,
    emptyDataCpuMedianMilliseconds: summary.cpuMedianMilliseconds,
    emptyDataRunsMilliseconds: summary.runsMilliseconds,
  };
}

function withReadyLine(launch: { nodeArguments: string[]; environment: Record<string, string> }): {
  nodeArguments: string[];
  environment: Record<string, string>;
  readyLine: RegExp;
  port: (ready: RegExpExecArray) => number;
} {
  return { ...launch, readyLine: routerListeningPattern, port: (ready) => Number(ready[1]) };
}
