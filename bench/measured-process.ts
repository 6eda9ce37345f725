/**
 * Child processes the bench measures (upstream simulator, bare proxy, router). Each runs in its own
 * process so CPU and memory are attributed per process and the load generator never shares an event
 * loop with anything it measures.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { cpuProbeArguments, readCpuMicroseconds } from './cpu.js';
import { readResidentBytes } from './memory.js';

export interface StartOptions {
  /** Label used in errors. */
  name: string;
  /** Arguments after `node` (entry file and its options). */
  nodeArguments: string[];
  /** Extra environment variables on top of this process's environment. */
  environment?: Record<string, string>;
  /** Matches the stdout line that says the process is ready; its groups are returned. */
  readyPattern: RegExp;
  /** Install the CPU probe and an IPC channel (true for measured processes, false for cold starts). */
  probe: boolean;
  timeoutMilliseconds?: number;
}

export interface MeasuredProcess {
  name: string;
  child: ChildProcess;
  pid: number;
  /** The match of {@link StartOptions.readyPattern} on the ready line. */
  ready: RegExpExecArray;
  cpuMicroseconds(): Promise<number>;
  residentBytes(): number | undefined;
  /** The last lines the process wrote, for error messages. */
  recentOutput(): string;
  stop(): Promise<void>;
}

const runningChildren = new Set<ChildProcess>();

// Never leave a measured process behind, whatever way the bench ends. A signal ends Node without
// running 'exit' handlers, so Ctrl-C and kill get handlers of their own.
const killRunningChildren = (): void => {
  for (const child of runningChildren) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
};
process.on('exit', killRunningChildren);
for (const [signal, exitCode] of [['SIGINT', 130], ['SIGTERM', 143]] as const) {
  process.once(signal, () => {
    killRunningChildren();
    process.exit(exitCode);
  });
}

export function startMeasuredProcess(options: StartOptions): Promise<MeasuredProcess> {
  const nodeArguments = options.probe ? [...cpuProbeArguments, ...options.nodeArguments] : options.nodeArguments;
  const child = spawn(process.execPath, nodeArguments, {
    env: { ...process.env, ...options.environment },
    stdio: options.probe ? ['ignore', 'pipe', 'pipe', 'ipc'] : ['ignore', 'pipe', 'pipe'],
  });
  runningChildren.add(child);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  void exited.then(() => runningChildren.delete(child));

  const outputTail: string[] = [];
  const remember = (line: string): void => {
    outputTail.push(line);
    if (outputTail.length > 40) outputTail.shift();
  };
  const recentOutput = (): string => outputTail.join('\n');
  // Both streams are drained for the whole life of the process so a chatty child never blocks.
  const stdoutLines = createInterface({ input: child.stdout! });
  createInterface({ input: child.stderr! }).on('line', remember);

  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const killTimer = setTimeout(() => child.kill('SIGKILL'), 3000);
    await exited;
    clearTimeout(killTimer);
  };

  return new Promise((resolve, reject) => {
    const timeout = setTimeout(() => {
      void stop();
      reject(new Error(`${options.name} not ready within ${options.timeoutMilliseconds ?? 15000} ms\n${recentOutput()}`));
    }, options.timeoutMilliseconds ?? 15000);
    let isReady = false;
    stdoutLines.on('line', (line) => {
      remember(line);
      if (isReady) return;
      const match = options.readyPattern.exec(line);
      if (match === null) return;
      isReady = true;
      clearTimeout(timeout);
      resolve({
        name: options.name,
        child,
        pid: child.pid!,
        ready: match,
        cpuMicroseconds: () => readCpuMicroseconds(child),
        residentBytes: () => readResidentBytes(child.pid!),
        recentOutput,
        stop,
      });
    });
    child.once('error', (error) => {
      clearTimeout(timeout);
      reject(error);
    });
    child.once('exit', (code, signal) => {
      if (isReady) return;
      clearTimeout(timeout);
      reject(new Error(`${options.name} exited (${signal ?? code}) before it was ready\n${recentOutput()}`));
    });
  });
}
