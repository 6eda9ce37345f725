import type { SettingsService } from '../gateway/settings-service.js';
import type { RequestLogRecord, RequestLogsRepo } from '../store/request-logs-repo.js';
import type { Logger } from '../util/logger.js';
import { redactBody, redactHeaders } from './redact-captured.js';

/** What the request pipeline hands over for one request when request logs are enabled. */
export interface RequestCapture {
  requestId: string;
  requestBody: Buffer;
  /** The answer as sent to the client (a whole stream's bytes for a streamed answer). */
  responseBody: Buffer | string;
  headers: Readonly<Record<string, string | string[] | undefined>>;
}

export interface RequestLogSinkOptions {
  repo: RequestLogsRepo;
  settings: SettingsService;
  logger: Logger;
  now?: () => number;
}

/**
 * Optional capture of request and response bodies for debugging (`requestLogs.enabled`, off by
 * default). `capture` only queues; redaction, the size cap and the write happen on a later turn,
 * in one transaction per batch. Nothing is kept while capture is off.
 */
export class RequestLogSink {
  readonly #options: RequestLogSinkOptions;
  readonly #now: () => number;
  #queue: { capture: RequestCapture; at: number }[] = [];
  #scheduled: NodeJS.Immediate | undefined;

  constructor(options: RequestLogSinkOptions) {
    this.#options = options;
    this.#now = options.now ?? Date.now;
  }

  /** Whether the pipeline should collect bodies at all. */
  get enabled(): boolean {
    return this.#options.settings.current.requestLogs.enabled;
  }

  capture(capture: RequestCapture): void {
    if (!this.enabled) return;
    this.#queue.push({ capture, at: this.#now() });
    this.#scheduled ??= setImmediate(() => {
      this.#scheduled = undefined;
      this.flush();
    });
  }

  /** Writes what is queued. */
  flush(): void {
    if (this.#queue.length === 0) return;
    const batch = this.#queue;
    this.#queue = [];
    const { maxBodyBytes } = this.#options.settings.current.requestLogs;
    const records = batch.map(({ capture, at }): RequestLogRecord => {
      const request = redactBody(capture.requestBody, maxBodyBytes);
      const response = redactBody(capture.responseBody, maxBodyBytes);
      return {
        requestId: capture.requestId,
        createdAt: at,
        requestHeaders: redactHeaders(capture.headers),
        requestBody: request.text,
        responseBody: response.text,
        requestBytes: request.bytes,
        responseBytes: response.bytes,
        truncated: request.truncated || response.truncated,
      };
    });
    try {
      this.#options.repo.insertMany(records);
    } catch (error) {
      this.#options.logger.warn('request logs could not be written and are dropped', { count: records.length, error: String(error) });
    }
  }

  close(): void {
    if (this.#scheduled !== undefined) clearImmediate(this.#scheduled);
    this.#scheduled = undefined;
    this.flush();
  }
}
