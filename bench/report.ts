/**
 * The human-readable report (one table per aspect, every router figure next to the same figure for
 * the direct path and the bare proxy, as a difference and a ratio) and the JSON file.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { PathName } from './endpoint.js';
import type { BenchResults, PathFigures } from './figures.js';
import { megabytes, microseconds, milliseconds, perSecond, renderTable, share, signedMilliseconds, times, type TableStyle } from './format.js';
import { ratio } from './statistics.js';

type Kind = 'time' | 'amount';

interface Row {
  label: string;
  kind: Kind;
  format: (value: number | undefined) => string;
  read: (figures: PathFigures) => number | undefined;
}

const pathNames: PathName[] = ['direct', 'bare', 'router'];

function section(title: string, results: BenchResults, rows: Row[], style: TableStyle): string {
  const header = ['', 'direct', 'bare proxy', 'router', 'router-direct', 'router/direct', 'router/bare'];
  const body = rows.map((row) => {
    const [direct, bare, router] = pathNames.map((name) => {
      const figures = results.paths[name];
      return figures === undefined ? undefined : row.read(figures);
    });
    const difference = row.kind === 'time' && router !== undefined && direct !== undefined ? signedMilliseconds(router - direct) : '';
    return [row.label, row.format(direct), row.format(bare), row.format(router), difference, times(ratio(router, direct)), times(ratio(router, bare))];
  });
  return `${heading(title, style)}\n${renderTable([header, ...body], style)}`;
}

/** Latency a proxy adds over the direct path, as a row of its own so its ratio to the bare proxy shows. */
function addedRow(label: string, results: BenchResults, read: (figures: PathFigures) => number | undefined): Row {
  const direct = results.paths.direct === undefined ? undefined : read(results.paths.direct);
  return {
    label,
    kind: 'amount',
    format: milliseconds,
    read: (figures) => {
      const value = read(figures);
      return value === undefined || direct === undefined || figures === results.paths.direct ? undefined : value - direct;
    },
  };
}

function heading(title: string, style: TableStyle): string {
  return style === 'markdown' ? `### ${title}\n` : title;
}

export function renderReport(results: BenchResults, style: TableStyle = 'text'): string {
  const { config } = results;
  const parts: string[] = [];
  parts.push(
    section(`Non-streaming, concurrency 1 (${config.latencyRequests} requests per path)`, results, [
      { label: 'p50', kind: 'time', format: milliseconds, read: (figures) => figures.latency?.p50Milliseconds },
      { label: 'p99', kind: 'time', format: milliseconds, read: (figures) => figures.latency?.p99Milliseconds },
      addedRow('added p50', results, (figures) => figures.latency?.p50Milliseconds),
      addedRow('added p99', results, (figures) => figures.latency?.p99Milliseconds),
      { label: 'proxy CPU per request', kind: 'amount', format: microseconds, read: (figures) => figures.latency?.proxyCpuMicrosecondsPerRequest },
      { label: 'upstream CPU per request', kind: 'amount', format: microseconds, read: (figures) => figures.latency?.upstreamCpuMicrosecondsPerRequest },
    ], style),
  );
  parts.push(
    section(`Non-streaming, concurrency ${config.throughputConcurrency} (${config.throughputRequests} requests per path)`, results, [
      { label: 'throughput', kind: 'amount', format: perSecond, read: (figures) => figures.throughput?.requestsPerSecond },
      { label: 'p50', kind: 'time', format: milliseconds, read: (figures) => figures.throughput?.p50Milliseconds },
      { label: 'p99', kind: 'time', format: milliseconds, read: (figures) => figures.throughput?.p99Milliseconds },
      { label: 'proxy CPU per request', kind: 'amount', format: microseconds, read: (figures) => figures.throughput?.proxyCpuMicrosecondsPerRequest },
      { label: 'upstream CPU per request', kind: 'amount', format: microseconds, read: (figures) => figures.throughput?.upstreamCpuMicrosecondsPerRequest },
    ], style),
  );
  parts.push(
    section(`Streaming, concurrency 1 (${config.streamingRequests} streams per path)`, results, [
      { label: 'first content chunk p50', kind: 'time', format: milliseconds, read: (figures) => figures.streaming?.firstContentP50Milliseconds },
      { label: 'first content chunk p99', kind: 'time', format: milliseconds, read: (figures) => figures.streaming?.firstContentP99Milliseconds },
      addedRow('added first chunk p50', results, (figures) => figures.streaming?.firstContentP50Milliseconds),
      addedRow('added first chunk p99', results, (figures) => figures.streaming?.firstContentP99Milliseconds),
      { label: 'whole stream p50', kind: 'time', format: milliseconds, read: (figures) => figures.streaming?.totalP50Milliseconds },
      { label: 'whole stream p99', kind: 'time', format: milliseconds, read: (figures) => figures.streaming?.totalP99Milliseconds },
      { label: 'chunks per stream (upstream)', kind: 'amount', format: count, read: (figures) => figures.streaming?.expectedChunkCount },
      { label: 'streams with a chunk count mismatch', kind: 'amount', format: count, read: (figures) => figures.streaming?.chunkCountMismatches },
      { label: 'streams with a content mismatch', kind: 'amount', format: count, read: (figures) => figures.streaming?.contentMismatches },
      { label: 'proxy CPU per stream', kind: 'amount', format: microseconds, read: (figures) => figures.streaming?.proxyCpuMicrosecondsPerRequest },
      {
        label: `paced (${config.pacedChunkDelayMilliseconds} ms/chunk): chunks arriving alone, median`,
        kind: 'amount',
        format: share,
        read: (figures) => figures.paced?.medianSeparateShare,
      },
      { label: 'paced: chunks arriving alone, worst stream', kind: 'amount', format: share, read: (figures) => figures.paced?.lowestSeparateShare },
      { label: 'paced: first to last chunk p50', kind: 'time', format: milliseconds, read: (figures) => figures.paced?.spreadP50Milliseconds },
    ], style),
  );
  parts.push(
    section('Memory (VmRSS of the proxy process)', results, [
      { label: 'idle after start + config', kind: 'amount', format: megabytes, read: (figures) => figures.memory?.idleBytes },
      { label: `peak at concurrency ${config.memoryConcurrency}`, kind: 'amount', format: megabytes, read: (figures) => figures.memory?.peakBytes },
      { label: 'at the end of the bench', kind: 'amount', format: megabytes, read: (figures) => figures.memory?.finalBytes },
    ], style),
  );
  parts.push(
    section(`Drift (concurrency ${config.throughputConcurrency}, windows of ${config.driftWindow} in ${config.driftRequests} requests per proxy, interleaved)`, results, [
      { label: 'CPU per request, first window', kind: 'amount', format: microseconds, read: (figures) => figures.drift?.firstWindowCpuMicrosecondsPerRequest },
      { label: 'CPU per request, last window', kind: 'amount', format: microseconds, read: (figures) => figures.drift?.lastWindowCpuMicrosecondsPerRequest },
      { label: 'last / first window', kind: 'amount', format: times, read: (figures) => figures.drift?.ratio },
      { label: 'trend: fitted last / fitted first', kind: 'amount', format: times, read: (figures) => figures.drift?.trendRatio },
      { label: 'trend relative to the bare proxy', kind: 'amount', format: times, read: (figures) => figures.drift?.trendRatioRelativeToBare },
      { label: 'RSS before', kind: 'amount', format: megabytes, read: (figures) => figures.drift?.residentBytesBefore },
      { label: 'RSS after', kind: 'amount', format: megabytes, read: (figures) => figures.drift?.residentBytesAfter },
    ], style),
  );
  parts.push(
    section(`Cold start, spawn to first 200 (median of ${config.coldStarts})`, results, [
      { label: 'empty data directory', kind: 'time', format: milliseconds, read: (figures) => figures.coldStart?.emptyDataMedianMilliseconds },
      { label: 'configured data directory', kind: 'time', format: milliseconds, read: (figures) => figures.coldStart?.configuredMedianMilliseconds },
      { label: 'CPU used, empty data directory', kind: 'amount', format: milliseconds, read: (figures) => figures.coldStart?.emptyDataCpuMedianMilliseconds },
      { label: 'CPU used, configured data directory', kind: 'amount', format: milliseconds, read: (figures) => figures.coldStart?.configuredCpuMedianMilliseconds },
    ], style),
  );
  const translation = results.paths.router?.translation;
  if (translation?.nonStreaming !== undefined && translation.streaming !== undefined) {
    const row = (label: string, runs: { passthrough: { cpuMicrosecondsPerRequest: number }; translated: { cpuMicrosecondsPerRequest: number } }): string[] => [
      label,
      microseconds(runs.passthrough.cpuMicrosecondsPerRequest),
      microseconds(runs.translated.cpuMicrosecondsPerRequest),
      times(ratio(runs.translated.cpuMicrosecondsPerRequest, runs.passthrough.cpuMicrosecondsPerRequest)),
    ];
    parts.push(
      `${heading(`Translation: router CPU per request, concurrency ${config.throughputConcurrency}`, style)}
${renderTable(
        [['', 'OpenAI client (passthrough)', 'Anthropic client (translated)', 'translated/passthrough'], row('whole answers', translation.nonStreaming), row('streams', translation.streaming)],
        style,
      )}`,
    );
  }
  parts.push(
    `${heading('Targets (issues 2 and 3)', style)}\n${renderTable(
      [['status', 'target', 'measured'], ...results.targets.map((target) => [target.status, target.target, target.measured])],
      style,
      3,
    )}`,
  );
  const problems = pathNames.flatMap((name) => {
    const figures = results.paths[name];
    if (figures === undefined) return [];
    const notes = figures.validation.ok ? [] : [`${name}: ${figures.validation.detail}`];
    for (const phase of [figures.latency, figures.throughput, figures.streaming]) {
      if (phase?.firstFailure !== undefined) notes.push(`${name}: ${phase.failures} failed, first: ${phase.firstFailure.slice(0, 300)}`);
    }
    return notes;
  });
  if (results.routerSkipReason !== undefined) problems.push(`router: ${results.routerSkipReason}`);
  if (problems.length > 0) parts.push(`${heading('Problems', style)}\n${problems.join('\n')}`);
  return parts.join('\n\n');
}

function count(value: number | undefined): string {
  return value === undefined ? '-' : String(value);
}

export async function writeResults(file: string, results: BenchResults): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, `${JSON.stringify(results, null, 2)}\n`);
}
