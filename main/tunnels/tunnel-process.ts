import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { TunnelKind, TunnelTarget } from './tunnel-kind.js';

const tailLength = 12;
// Daemons still running, killed if this process exits without stopping them (an uncaught error,
// process.exit): a tunnel must never outlive the router it exposes.
const liveDaemons = new Set<ChildProcess>();
let exitHookInstalled = false;
const tailLineLength = 400;

/** How a daemon process ended. */
export interface TunnelExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface TunnelLaunch {
  kind: TunnelKind;
  commandPath: string;
  target: TunnelTarget;
  urlTimeoutMs: number;
  /** After the stop signal, how long before SIGKILL. */
  stopGraceMs: number;
}

/** A daemon failed before it announced a URL; `message` says why, with its last output lines. */
export class TunnelLaunchError extends Error {
  override name = 'TunnelLaunchError';
}

/**
 * One run of a tunnel daemon: spawned directly (never through a shell, so no argument is ever
 * interpreted), its stdout and stderr read line by line for the public URL, its last lines kept
 * for error messages.
 */
export class TunnelProcess {
  readonly pid: number | undefined;
  /** Settles when the process has exited and its output is read to the end. */
  readonly exited: Promise<TunnelExit>;
  readonly #child: ChildProcess;
  readonly #kind: TunnelKind;
  readonly #tail: string[] = [];
  #announce: ((url: string) => void) | undefined;

  /**
   * The public URL, once the daemon prints it. Rejects, after stopping the daemon, when it exits
   * first or prints none within the launch's `urlTimeoutMs`.
   */
  readonly url: Promise<string>;

  private constructor(launch: TunnelLaunch) {
    this.#kind = launch.kind;
    this.#child = spawn(launch.commandPath, launch.kind.args(launch.target), { stdio: ['ignore', 'pipe', 'pipe'], windowsHide: true });
    this.pid = this.#child.pid;
    watchUntilExit(this.#child);
    this.exited = new Promise((resolve) => {
      // A failed spawn (ENOENT, EACCES) emits `error` and then `close`.
      this.#child.once('error', (error) => this.#remember(`${launch.commandPath}: ${error.message}`));
      this.#child.once('close', (code, signal) => resolve({ code, signal }));
    });
    for (const stream of [this.#child.stdout!, this.#child.stderr!]) {
      createInterface({ input: stream, crlfDelay: Infinity }).on('line', (line) => this.#read(line));
    }
    this.url = this.#awaitUrl(launch);
    // Whoever launched the daemon awaits `url`; this only keeps an early failure from counting as unhandled.
    this.url.catch(() => undefined);
  }

  /** Spawns the daemon; its public URL arrives through `url`. */
  static spawn(launch: TunnelLaunch): TunnelProcess {
    return new TunnelProcess(launch);
  }

  #awaitUrl(launch: TunnelLaunch): Promise<string> {
    return new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => {
        reject(new TunnelLaunchError(`${launch.kind.label} printed no public URL within ${Math.round(launch.urlTimeoutMs / 1000)} s.${this.describeTail()}`));
      }, launch.urlTimeoutMs);
      this.#announce = (found) => {
        clearTimeout(timer);
        resolve(found);
      };
      void this.exited.then((exit) => {
        clearTimeout(timer);
        reject(new TunnelLaunchError(`${launch.kind.label} ${describeExit(exit)} before it printed a public URL.${this.describeTail()}`));
      });
    }).catch(async (error: unknown) => {
      await this.stop(launch.stopGraceMs);
      throw error;
    });
  }

  /** The signal the daemon cleans up on, then SIGKILL if it is still there after `graceMs`. */
  async stop(graceMs: number): Promise<TunnelExit> {
    if (this.#child.exitCode === null && this.#child.signalCode === null) {
      this.#child.kill(this.#kind.stopSignal);
      const timer = setTimeout(() => this.#child.kill('SIGKILL'), graceMs);
      try {
        return await this.exited;
      } finally {
        clearTimeout(timer);
      }
    }
    return this.exited;
  }

  /** The last lines the daemon printed, for an error message. */
  describeTail(): string {
    return this.#tail.length === 0 ? ' It printed nothing.' : ` Its last output:\n${this.#tail.join('\n')}`;
  }

  #read(line: string): void {
    this.#remember(line);
    const announce = this.#announce;
    if (!announce) return;
    const url = this.#kind.parseUrl(line);
    if (url) {
      this.#announce = undefined;
      announce(url);
    }
  }

  #remember(line: string): void {
    const trimmed = line.trim();
    if (trimmed.length === 0) return;
    this.#tail.push(trimmed.length > tailLineLength ? `${trimmed.slice(0, tailLineLength)}...` : trimmed);
    if (this.#tail.length > tailLength) this.#tail.shift();
  }
}

function watchUntilExit(child: ChildProcess): void {
  liveDaemons.add(child);
  child.once('close', () => liveDaemons.delete(child));
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const daemon of liveDaemons) daemon.kill('SIGKILL');
  });
}

export function describeExit(exit: TunnelExit): string {
  return exit.signal ? `was killed by ${exit.signal}` : `exited with code ${exit.code ?? 'unknown'}`;
}
