/**
 * CPU time of a measured child process.
 *
 * `/proc/<pid>/stat` counts in clock ticks (10 ms here), too coarse to compare a thousand requests
 * of about 100 µs each, and this kernel does not fill `schedstat`. `process.cpuUsage()` inside the
 * process is exact to the microsecond and covers every thread, so each measured process is started
 * with a tiny probe (`--import` of a data: URL, so it also loads into the compiled router without a
 * TypeScript loader and without touching router code) that answers CPU queries over the IPC channel.
 */
import type { ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** Message the bench sends to ask for the CPU time; the probe answers with {@link CpuReply}. */
interface CpuQuery {
  benchProbe: 'cpu';
  sequence: number;
}

interface CpuReply {
  benchProbe: 'cpu';
  sequence: number;
  userMicroseconds: number;
  systemMicroseconds: number;
}

/**
 * Loaded with `--import` into each measured process. It unrefs the IPC channel so it never keeps a
 * process alive that would otherwise exit (graceful shutdown stays observable).
 */
const probeSource = `
process.on('message', (message) => {
  if (message === null || typeof message !== 'object' || message.benchProbe !== 'cpu') return;
  const usage = process.cpuUsage();
  process.send({ benchProbe: 'cpu', sequence: message.sequence, userMicroseconds: usage.user, systemMicroseconds: usage.system });
});
process.channel?.unref();
`;

/** Node arguments that install the CPU probe into a child started with an `ipc` stdio slot. */
export const cpuProbeArguments = ['--import', `data:text/javascript,${encodeURIComponent(probeSource)}`];

let nextSequence = 0;

/** Total CPU time (user + system, all threads) the child has used so far, in microseconds. */
export function readCpuMicroseconds(child: ChildProcess, timeoutMilliseconds = 2000): Promise<number> {
  if (child.pid === undefined) return Promise.reject(new Error('child has no pid'));
  if (!child.connected) return Promise.resolve(readCpuMicrosecondsFromProc(child.pid));
  const sequence = nextSequence++;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.off('message', onMessage);
      reject(new Error(`no CPU reply from pid ${child.pid} within ${timeoutMilliseconds} ms`));
    }, timeoutMilliseconds);
    const onMessage = (message: unknown): void => {
      if (!isCpuReply(message) || message.sequence !== sequence) return;
      clearTimeout(timer);
      child.off('message', onMessage);
      resolve(message.userMicroseconds + message.systemMicroseconds);
    };
    child.on('message', onMessage);
    const query: CpuQuery = { benchProbe: 'cpu', sequence };
    child.send(query);
  });
}

/** Fallback for a process without the probe: utime + stime from `/proc/<pid>/stat`, tick resolution. */
export function readCpuMicrosecondsFromProc(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name (field 2) may contain spaces; the fields after it are space separated.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const clockTicksPerSecond = 100;
  const ticks = Number(fields[11]) + Number(fields[12]);
  return (ticks * 1_000_000) / clockTicksPerSecond;
}

function isCpuReply(message: unknown): message is CpuReply {
  return typeof message === 'object' && message !== null && (message as { benchProbe?: unknown }).benchProbe === 'cpu';
}
