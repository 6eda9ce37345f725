import type { UsageRecordsRepo } from '../store/usage-records-repo.js';
import type { Logger } from '../util/logger.js';
import type { BudgetService } from './budget-service.js';
import type { PricingTable } from './pricing/pricing-table.js';
import { upstreamModelOf, type UsageEntry, type UsageRecord } from './usage-entry.js';
import { UsageQueue } from './usage-queue.js';

export interface UsageRecorderOptions {
  usage: UsageRecordsRepo;
  pricing: PricingTable;
  budgets: BudgetService;
  logger: Logger;
  /** Longest a record waits in memory before it is written. */
  flushIntervalMs?: number;
  /** A queue this long is written on the next turn of the event loop instead of waiting for the timer. */
  batchSize?: number;
}

/** A batch that failed this often is dropped (and logged): the database is gone or the data is unwritable. */
const maxWriteFailures = 3;

/**
 * Records one usage entry per request off the hot path: `record` only appends to an in-memory queue;
 * a timer (or a full batch) writes the queue in one transaction, pricing each entry then, and feeds
 * the spending to the budgets. `close` writes whatever is left, synchronously.
 */
export class UsageRecorder {
  readonly #options: UsageRecorderOptions;
  readonly #batchSize: number;
  readonly #queue = new UsageQueue();
  /** A batch whose write failed, written again in front of the next one. */
  #retry: UsageEntry[] = [];
  #timer: NodeJS.Timeout | undefined;
  #immediate: NodeJS.Immediate | undefined;
  #failures = 0;
  #closed = false;

  constructor(options: UsageRecorderOptions) {
    this.#options = options;
    this.#batchSize = options.batchSize ?? 500;
    this.#timer = setInterval(() => this.flush(), options.flushIntervalMs ?? 250);
    // A pending write must not keep a finished process alive; close() writes it anyway.
    this.#timer.unref();
  }

  /** Entries queued and not yet written. */
  get pending(): number {
    return this.#retry.length + this.#queue.length;
  }

  /**
   * O(1): queues the entry's fields (the entry object itself is not kept: see UsageQueue). Never
   * throws, never touches the database on the caller's turn.
   */
  record(entry: UsageEntry): void {
    if (this.#closed) {
      this.#options.logger.warn('usage recorded after close; written at once', { requestId: entry.requestId });
      this.#queue.push(entry);
      this.flush();
      return;
    }
    this.#queue.push(entry);
    if (this.#queue.length >= this.#batchSize && this.#immediate === undefined) {
      this.#immediate = setImmediate(() => {
        this.#immediate = undefined;
        this.flush();
      });
    }
  }

  /** Writes everything queued, in one transaction. */
  flush(): void {
    if (this.pending === 0) return;
    const batch = this.#retry.length === 0 ? this.#queue.drain() : this.#retry.concat(this.#queue.drain());
    this.#retry = [];
    const records = batch.map((entry) => this.#priced(entry));
    try {
      this.#options.usage.writeBatch(records);
      this.#failures = 0;
    } catch (error) {
      this.#failures += 1;
      if (this.#failures >= maxWriteFailures || this.#closed) {
        this.#options.logger.error('usage records could not be written and are dropped', { count: batch.length, error: String(error) });
        this.#failures = 0;
      } else {
        this.#options.logger.warn('usage records could not be written; retrying with the next batch', { count: batch.length, error: String(error) });
        this.#retry = batch;
      }
      return;
    }
    this.#options.budgets.add(records);
  }

  /** Writes what is queued and stops the timer. Call after in-flight requests finished and before the store closes. */
  close(): void {
    this.#closed = true;
    clearInterval(this.#timer);
    if (this.#immediate !== undefined) clearImmediate(this.#immediate);
    this.#immediate = undefined;
    this.flush();
  }

  /** The queue drains into new objects: the cost is set on the drained entry itself, not on a copy. */
  #priced(entry: UsageEntry): UsageRecord {
    const model = upstreamModelOf(entry);
    const record = entry as UsageRecord;
    record.cost = model === null ? null : this.#options.pricing.costOf(model, entry);
    return record;
  }
}
