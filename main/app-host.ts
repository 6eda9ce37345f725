import { createApp, type App, type AppOptions } from './app.js';
import type { AppLifecycle } from './app-lifecycle.js';
import type { Logger } from './util/logger.js';

/** A router that is listening, with the URL and port it got. */
export interface RunningApp {
  app: App;
  url: string;
  port: number;
}

/** Where the hosted router stands; `error` keeps the failure that stopped it from starting. */
export type AppHostState = { status: 'stopped' } | ({ status: 'running' } & RunningApp) | { status: 'error'; error: unknown };

export interface AppHostOptions {
  /** What every start passes to createApp (the host adds the logger and the lifecycle). */
  appOptions: Omit<AppOptions, 'logger' | 'lifecycle'>;
  mode: AppLifecycle['mode'];
  /** A fresh logger for each start, since closing the router closes its logger. */
  createLogger: () => Logger;
  /** Ends the host once the router is closed: the CLI exits 0, the desktop app quits. */
  exit: () => void;
}

/**
 * Owns the in-process router for its host: start, stop, restart on the same port, shutdown. The
 * headless CLI, the desktop tray and `/api/restart|shutdown` all go through it, one step at a time.
 */
export class AppHost {
  readonly lifecycle: AppLifecycle;
  #state: AppHostState = { status: 'stopped' };
  #port: number;
  #queue: Promise<unknown> = Promise.resolve();
  readonly #listeners = new Set<(state: AppHostState) => void>();

  constructor(private readonly options: AppHostOptions) {
    this.#port = options.appOptions.port;
    this.lifecycle = { mode: options.mode, restart: () => this.restart(), shutdown: () => this.shutdown() };
  }

  get state(): AppHostState {
    return this.#state;
  }

  /** Returns a function that removes the listener. */
  onChange(listener: (state: AppHostState) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Starts the router; a failure (a StartupError, a migration error) is kept in `state` and rethrown. */
  start(): Promise<RunningApp> {
    return this.#serialize(() => this.#start());
  }

  stop(): Promise<void> {
    return this.#serialize(() => this.#stop());
  }

  /** Same port as the running router (even when the options asked for port 0), so clients keep working. */
  restart(): Promise<void> {
    return this.#serialize(async () => {
      await this.#stop();
      await this.#start();
    });
  }

  shutdown(): Promise<void> {
    return this.#serialize(async () => {
      await this.#stop();
      this.options.exit();
    });
  }

  async #start(): Promise<RunningApp> {
    if (this.#state.status === 'running') return this.#state;
    const logger = this.options.createLogger();
    let app: App | undefined;
    try {
      app = await createApp({ ...this.options.appOptions, port: this.#port, logger, lifecycle: this.lifecycle });
      const { url, port } = await app.listen();
      this.#port = port;
      this.#set({ status: 'running', app, url, port });
      return { app, url, port };
    } catch (error) {
      // Closing releases the database and the log file of a router that never listened.
      await (app ? app.close() : logger.close()).catch(() => undefined);
      this.#set({ status: 'error', error });
      throw error;
    }
  }

  async #stop(): Promise<void> {
    const state = this.#state;
    if (state.status !== 'running') return;
    await state.app.close();
    this.#set({ status: 'stopped' });
  }

  #set(state: AppHostState): void {
    this.#state = state;
    for (const listener of this.#listeners) listener(state);
  }

  #serialize<T>(step: () => Promise<T>): Promise<T> {
    const next = this.#queue.then(step);
    this.#queue = next.catch(() => undefined);
    return next;
  }
}
