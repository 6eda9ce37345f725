import type { TunnelState } from '../../shared/tunnels.js';
import { GatewayError } from '../errors/gateway-error.js';
import type { TunnelKind, TunnelTarget } from './tunnel-kind.js';
import { describeExit, TunnelLaunchError, TunnelProcess, type TunnelExit } from './tunnel-process.js';
import type { TunnelTimings } from './tunnel-timings.js';

/** What a supervisor asks of the manager: what to launch, and whom to tell. */
export interface SupervisorHooks {
  kind: TunnelKind;
  timings: TunnelTimings;
  /** The executable and target to launch, or a GatewayError when the tunnel may not or cannot start. */
  prepare(): Promise<{ commandPath: string; target: TunnelTarget }>;
  /** The daemon announced `url`: traffic for its host may now come in. */
  onUp(url: string): void;
  /** Traffic for the host of `url` must stop being accepted (called before the daemon is signalled). */
  onDown(url: string): void;
  /** The tunnel went down without being asked to. */
  onFailure(reason: string, restarting: boolean): void;
  onChange(): void;
}

/**
 * Runs one tunnel kind: start, stop, and a watchdog that restarts a daemon which died, after a
 * growing delay, a bounded number of times in a row. A daemon that stayed up for `healthyAfterMs`
 * earns the full budget back. Every async continuation checks `#generation`, which each start and
 * stop advances, so a late exit or timer from an earlier run never touches the current one.
 */
export class TunnelSupervisor {
  state: TunnelState = 'stopped';
  url: string | null = null;
  targetUrl: string | null = null;
  pid: number | null = null;
  startedAt: number | null = null;
  restarts = 0;
  lastError: string | null = null;
  #process: TunnelProcess | null = null;
  #failures = 0;
  #timer: NodeJS.Timeout | undefined;
  #generation = 0;
  #starting: Promise<void> | null = null;

  constructor(private readonly hooks: SupervisorHooks) {}

  /** Resolves once the public URL is known; rejects with a GatewayError that says why not. */
  async start(): Promise<void> {
    if (this.state === 'running') return;
    if (this.state === 'restarting') await this.stop();
    if (this.state === 'starting' && this.#starting) return this.#starting;
    this.#reset();
    const generation = ++this.#generation;
    this.restarts = 0;
    this.lastError = null;
    this.#set('starting');
    const starting = this.#launch(generation).finally(() => {
      if (this.#starting === starting) this.#starting = null;
    });
    this.#starting = starting;
    return starting;
  }

  /** Stops the daemon (its host is refused at once) and the watchdog. `reason` is kept as lastError. */
  async stop(reason: string | null = null): Promise<void> {
    ++this.#generation;
    const daemon = this.#process;
    this.#reset();
    this.lastError = reason;
    this.#set('stopped');
    if (daemon) await daemon.stop(this.hooks.timings.stopGraceMs);
  }

  async #launch(generation: number): Promise<void> {
    try {
      const { commandPath, target } = await this.hooks.prepare();
      if (generation !== this.#generation) throw stoppedWhileStarting(this.hooks.kind);
      this.targetUrl = target.url;
      const { urlTimeoutMs, stopGraceMs } = this.hooks.timings;
      const daemon = TunnelProcess.spawn({ kind: this.hooks.kind, commandPath, target, urlTimeoutMs, stopGraceMs });
      this.#process = daemon;
      this.pid = daemon.pid ?? null;
      const url = await daemon.url;
      // Stopped in the meantime: stop() has already signalled this daemon.
      if (generation !== this.#generation) throw stoppedWhileStarting(this.hooks.kind);
      this.url = url;
      this.startedAt = Date.now();
      this.hooks.onUp(url);
      this.#set('running');
      void daemon.exited.then((exit) => this.#exited(daemon, exit, generation));
    } catch (error) {
      if (generation !== this.#generation) throw stoppedWhileStarting(this.hooks.kind);
      this.#process = null;
      this.pid = null;
      this.lastError = (error as Error).message;
      this.#set('error');
      if (error instanceof TunnelLaunchError) throw new GatewayError({ code: 'upstream_error', status: 502, message: error.message, cause: error });
      throw error;
    }
  }

  #exited(daemon: TunnelProcess, exit: TunnelExit, generation: number): void {
    if (generation !== this.#generation || this.#process !== daemon) return;
    const ranMs = Date.now() - (this.startedAt ?? Date.now());
    if (this.url) this.hooks.onDown(this.url);
    this.#process = null;
    this.pid = null;
    this.url = null;
    this.startedAt = null;
    if (ranMs >= this.hooks.timings.healthyAfterMs) this.#failures = 0;
    this.#restartLater(`${this.hooks.kind.label} ${describeExit(exit)}.${daemon.describeTail()}`, generation, true);
  }

  #restartLater(reason: string, generation: number, wasRunning: boolean): void {
    this.lastError = reason;
    const delays = this.hooks.timings.restartDelaysMs;
    const delay = delays[this.#failures];
    if (delay === undefined) {
      this.#giveUp(`${reason}\nGave up after ${delays.length} restarts in a row.`);
      return;
    }
    this.#failures += 1;
    this.#set('restarting');
    if (wasRunning) this.hooks.onFailure(reason, true);
    this.#timer = setTimeout(() => this.#restart(generation), delay);
    this.#timer.unref();
  }

  #restart(generation: number): void {
    if (generation !== this.#generation) return;
    this.restarts += 1;
    this.#launch(generation).catch((error: unknown) => {
      if (generation !== this.#generation) return;
      // Refused (API keys no longer required, daemon uninstalled): trying again would not help.
      if (error instanceof GatewayError && error.status !== 502) this.#giveUp(error.message);
      else this.#restartLater((error as Error).message, generation, false);
    });
  }

  #giveUp(reason: string): void {
    this.lastError = reason;
    this.#set('error');
    this.hooks.onFailure(reason, false);
  }

  #reset(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    if (this.url) this.hooks.onDown(this.url);
    this.#process = null;
    this.#failures = 0;
    this.url = null;
    this.pid = null;
    this.startedAt = null;
  }

  #set(state: TunnelState): void {
    this.state = state;
    this.hooks.onChange();
  }
}

function stoppedWhileStarting(kind: TunnelKind): GatewayError {
  return new GatewayError({ code: 'conflict', status: 409, message: `${kind.label} was stopped while it was starting.` });
}
