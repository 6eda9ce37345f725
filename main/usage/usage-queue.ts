import type { UsageEntry } from './usage-entry.js';

/** Where each numeric field of an entry sits in its slice of the number column (null is NaN, booleans 0/1). */
const slot = {
  startedAt: 0,
  status: 1,
  inputTokens: 2,
  outputTokens: 3,
  cachedInputTokens: 4,
  cacheWriteInputTokens: 5,
  reasoningTokens: 6,
  latencyMs: 7,
  ttftMs: 8,
  attempts: 9,
  stream: 10,
  cacheHit: 11,
  fallback: 12,
} as const;
const stride = Object.keys(slot).length;

/**
 * Usage entries waiting for their batch, kept field by field rather than as the entries themselves.
 *
 * A busy router queues hundreds of entries between two writes, long enough for V8's young
 * generation to collect twice: every queued object was copied twice and then moved to the old
 * generation (41-86 KB promoted per collection at concurrency 10, measured with
 * `--trace-gc-nvp`; 17-21 KB with this queue). Here the numbers go into one typed array and the
 * strings into arrays that live as long as the queue, so an entry object dies young, as soon as it
 * is queued; only its new strings (the request id) survive until the write.
 */
export class UsageQueue {
  #length = 0;
  #numbers: Float64Array;
  readonly #requestId: string[] = [];
  readonly #clientFormat: UsageEntry['clientFormat'][] = [];
  readonly #apiKeyId: (string | null)[] = [];
  readonly #provider: (string | null)[] = [];
  readonly #accountId: (string | null)[] = [];
  readonly #requestedModel: string[] = [];
  readonly #model: (string | null)[] = [];
  readonly #errorCode: (string | null)[] = [];
  readonly #notes: (string[] | undefined)[] = [];

  constructor(initialCapacity = 512) {
    this.#numbers = new Float64Array(Math.max(1, initialCapacity) * stride);
  }

  get length(): number {
    return this.#length;
  }

  push(entry: UsageEntry): void {
    const index = this.#length;
    if ((index + 1) * stride > this.#numbers.length) this.#grow();
    const numbers = this.#numbers;
    const base = index * stride;
    numbers[base + slot.startedAt] = entry.startedAt;
    numbers[base + slot.status] = entry.status;
    numbers[base + slot.inputTokens] = entry.inputTokens ?? NaN;
    numbers[base + slot.outputTokens] = entry.outputTokens ?? NaN;
    numbers[base + slot.cachedInputTokens] = entry.cachedInputTokens ?? NaN;
    numbers[base + slot.cacheWriteInputTokens] = entry.cacheWriteInputTokens ?? NaN;
    numbers[base + slot.reasoningTokens] = entry.reasoningTokens ?? NaN;
    numbers[base + slot.latencyMs] = entry.latencyMs;
    numbers[base + slot.ttftMs] = entry.ttftMs ?? NaN;
    numbers[base + slot.attempts] = entry.attempts;
    numbers[base + slot.stream] = entry.stream ? 1 : 0;
    numbers[base + slot.cacheHit] = entry.cacheHit ? 1 : 0;
    numbers[base + slot.fallback] = entry.fallback ? 1 : 0;
    this.#requestId[index] = entry.requestId;
    this.#clientFormat[index] = entry.clientFormat;
    this.#apiKeyId[index] = entry.apiKeyId;
    this.#provider[index] = entry.provider;
    this.#accountId[index] = entry.accountId;
    this.#requestedModel[index] = entry.requestedModel;
    this.#model[index] = entry.model;
    this.#errorCode[index] = entry.errorCode;
    this.#notes[index] = entry.notes;
    this.#length = index + 1;
  }

  /** The queued entries, oldest first, as new objects; the queue is empty afterwards and holds no reference to them. */
  drain(): UsageEntry[] {
    const count = this.#length;
    const numbers = this.#numbers;
    const entries = new Array<UsageEntry>(count);
    for (let index = 0; index < count; index += 1) {
      const base = index * stride;
      const entry: UsageEntry = {
        requestId: this.#requestId[index] as string,
        startedAt: numbers[base + slot.startedAt] as number,
        clientFormat: this.#clientFormat[index] as UsageEntry['clientFormat'],
        apiKeyId: this.#apiKeyId[index] ?? null,
        provider: this.#provider[index] ?? null,
        accountId: this.#accountId[index] ?? null,
        requestedModel: this.#requestedModel[index] as string,
        model: this.#model[index] ?? null,
        status: numbers[base + slot.status] as number,
        errorCode: this.#errorCode[index] ?? null,
        stream: numbers[base + slot.stream] === 1,
        inputTokens: nullable(numbers[base + slot.inputTokens]),
        outputTokens: nullable(numbers[base + slot.outputTokens]),
        cachedInputTokens: nullable(numbers[base + slot.cachedInputTokens]),
        cacheWriteInputTokens: nullable(numbers[base + slot.cacheWriteInputTokens]),
        reasoningTokens: nullable(numbers[base + slot.reasoningTokens]),
        latencyMs: numbers[base + slot.latencyMs] as number,
        ttftMs: nullable(numbers[base + slot.ttftMs]),
        cacheHit: numbers[base + slot.cacheHit] === 1,
        fallback: numbers[base + slot.fallback] === 1,
        attempts: numbers[base + slot.attempts] as number,
      };
      const notes = this.#notes[index];
      if (notes !== undefined) entry.notes = notes;
      entries[index] = entry;
    }
    // Nothing queued stays reachable from here: the strings of an idle router's last batch are not kept.
    for (const column of [this.#requestId, this.#clientFormat, this.#apiKeyId, this.#provider, this.#accountId, this.#requestedModel, this.#model, this.#errorCode, this.#notes]) {
      column.fill(undefined as never, 0, count);
    }
    this.#length = 0;
    return entries;
  }

  #grow(): void {
    const numbers = new Float64Array(this.#numbers.length * 2);
    numbers.set(this.#numbers);
    this.#numbers = numbers;
  }
}

function nullable(value: number | undefined): number | null {
  return value === undefined || Number.isNaN(value) ? null : value;
}
