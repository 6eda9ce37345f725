import { randomHex128 } from '../util/random-hex.js';
import { toGatewayError, type GatewayError } from '../errors/gateway-error.js';
import { Cancellation } from '../util/cancellation.js';

/** Where an async task stands; the names OpenAI uses for its own async jobs. */
export type TaskStatus = 'in_progress' | 'completed' | 'failed';

/** One async request: what was asked, by whom, and how it ended. */
export interface Task<Result> {
  /** `<prefix>_` + random: unguessable, so the id itself grants no access beyond its owner check. */
  id: string;
  /** Whose task it is (an API key id, or a hash of the anonymous client's key). */
  owner: string;
  model: string;
  /** ms epoch. */
  createdAt: number;
  status: TaskStatus;
  result?: Result;
  error?: GatewayError;
  /** ms epoch when it completed or failed. */
  finishedAt?: number;
  /** Fired to stop the task's work (its client cancelled it). */
  cancellation: Cancellation;
}

export interface TaskRegistryOptions {
  /** Id prefix, e.g. `imgtask`. */
  prefix: string;
  /** How long a finished task can still be fetched. */
  retainMs: number;
  /** Tasks kept at most; past it the oldest finished ones go first. */
  maxTasks: number;
  now?: () => number;
}

/**
 * Async tasks of one kind, kept in memory: a client polls a task until it completes or fails, for
 * as long as `retainMs` after that. Tasks do not survive a restart (their results, images among
 * them, can be large and are the upstream's to keep).
 */
export class TaskRegistry<Result> {
  readonly #tasks = new Map<string, Task<Result>>();
  readonly #now: () => number;
  /** How long a finished task can still be fetched. */
  readonly retainMs: number;

  constructor(private readonly options: TaskRegistryOptions) {
    this.#now = options.now ?? Date.now;
    this.retainMs = options.retainMs;
  }

  /** Starts `run` at once and returns its task; the task records the outcome, whatever it is. */
  start(input: { owner: string; model: string; run: (cancellation: Cancellation) => Promise<Result> }): Task<Result> {
    this.#prune();
    const task: Task<Result> = { id: `${this.options.prefix}_${randomHex128()}`, owner: input.owner, model: input.model, createdAt: this.#now(), status: 'in_progress', cancellation: new Cancellation() };
    this.#tasks.set(task.id, task);
    input.run(task.cancellation).then(
      (result) => {
        task.result = result;
        task.status = 'completed';
        task.finishedAt = this.#now();
      },
      (error: unknown) => {
        task.error = toGatewayError(error);
        task.status = 'failed';
        task.finishedAt = this.#now();
      },
    );
    return task;
  }

  /** The owner's task, while it is kept; someone else's task does not exist for them. */
  get(id: string, owner: string): Task<Result> | undefined {
    const task = this.#tasks.get(id);
    if (!task || task.owner !== owner || this.#expired(task)) return undefined;
    return task;
  }

  /**
   * Asks the owner's task to stop: true when it was still running (it then fails as cancelled,
   * once its work has stopped), false when it had finished, undefined when there is no such task.
   */
  cancel(id: string, owner: string): boolean | undefined {
    const task = this.get(id, owner);
    if (!task) return undefined;
    if (task.status !== 'in_progress') return false;
    task.cancellation.cancel('cancelled');
    return true;
  }

  #expired(task: Task<Result>): boolean {
    return task.finishedAt !== undefined && this.#now() - task.finishedAt > this.retainMs;
  }

  #prune(): void {
    for (const [id, task] of this.#tasks) if (this.#expired(task)) this.#tasks.delete(id);
    // A Map iterates in insertion order: the first finished tasks found are the oldest.
    for (const [id, task] of this.#tasks) {
      if (this.#tasks.size < this.options.maxTasks) break;
      if (task.finishedAt !== undefined) this.#tasks.delete(id);
    }
  }
}
