/**
 * The load generator: node:http with a keep-alive agent (global fetch costs several times the CPU
 * and would blur the figures), a fixed number of requests at a fixed concurrency, one wall-clock
 * timing per request.
 */
import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';
import type { Endpoint } from './endpoint.js';
import { SseCounter } from './sse-counter.js';

export interface RequestResult {
  status: number;
  /** From just before the request is issued to the end of the response body. */
  totalMilliseconds: number;
  /** Streaming only: from issue to the first content delta. */
  firstContentMilliseconds?: number;
  /** Streaming only: data events other than `[DONE]`. */
  chunkCount?: number;
  sawDone?: boolean;
  /** Streaming: reassembled content; non-streaming: the raw body when `keepBody` was asked. */
  content?: string;
  /** Streaming only: arrival of each content delta, relative to the first one. */
  contentArrivalOffsets?: number[];
  error?: string;
}

export interface LoadRun {
  results: RequestResult[];
  elapsedMilliseconds: number;
  failures: number;
  firstFailure?: string;
}

export interface LoadOptions {
  requests: number;
  streaming: boolean;
  /** Keep non-streaming bodies (for validation); off under load to keep the generator light. */
  keepBody?: boolean;
}

/**
 * A set of warm keep-alive connections to one endpoint. Opening it primes one connection per
 * concurrent worker, so the handshakes fall outside any measured window.
 */
export class LoadSession {
  private readonly agent: Agent;

  private constructor(
    readonly endpoint: Endpoint,
    readonly concurrency: number,
  ) {
    this.agent = new Agent({ keepAlive: true, maxSockets: concurrency, maxFreeSockets: concurrency });
  }

  static async open(endpoint: Endpoint, concurrency: number): Promise<LoadSession> {
    const session = new LoadSession(endpoint, concurrency);
    await session.run({ requests: concurrency * 2, streaming: false });
    return session;
  }

  /** Sends `requests` requests with `concurrency` workers, each waiting for its answer before the next. */
  async run(options: LoadOptions): Promise<LoadRun> {
    const results: RequestResult[] = [];
    let issued = 0;
    const worker = async (): Promise<void> => {
      while (issued < options.requests) {
        issued++;
        results.push(await this.send(options.streaming, options.keepBody ?? false));
      }
    };
    const started = performance.now();
    await Promise.all(Array.from({ length: Math.min(this.concurrency, options.requests) }, worker));
    const elapsedMilliseconds = performance.now() - started;
    const failed = results.filter((result) => result.status !== 200 || result.error !== undefined);
    const firstFailure = failed[0];
    return {
      results,
      elapsedMilliseconds,
      failures: failed.length,
      ...(firstFailure === undefined ? {} : { firstFailure: firstFailure.error ?? `HTTP ${firstFailure.status}: ${firstFailure.content ?? ''}` }),
    };
  }

  close(): void {
    this.agent.destroy();
  }

  private send(streaming: boolean, keepBody: boolean): Promise<RequestResult> {
    const { endpoint } = this;
    const body = streaming ? endpoint.streamingBody : endpoint.nonStreamingBody;
    return new Promise((resolve) => {
      const started = performance.now();
      const outgoing = request(
        {
          agent: this.agent,
          host: endpoint.host,
          port: endpoint.port,
          method: 'POST',
          path: endpoint.path,
          headers: { ...endpoint.headers, 'content-length': body.length, accept: streaming ? 'text/event-stream' : 'application/json' },
        },
        (response) => {
          const status = response.statusCode ?? 0;
          response.setEncoding('utf8');
          if (streaming && status === 200) {
            const counter = new SseCounter();
            response.on('data', (text: string) => counter.push(text, performance.now()));
            response.on('end', () => {
              const firstContentAt = counter.firstContentAt;
              resolve({
                status,
                totalMilliseconds: performance.now() - started,
                ...(firstContentAt === undefined ? {} : { firstContentMilliseconds: firstContentAt - started }),
                chunkCount: counter.chunkCount,
                sawDone: counter.sawDone,
                content: counter.content,
                contentArrivalOffsets: counter.contentArrivals.map((arrival) => arrival - (firstContentAt ?? arrival)),
              });
            });
          } else {
            let text = '';
            const keep = keepBody || status !== 200;
            response.on('data', (piece: string) => {
              if (keep) text += piece;
            });
            response.on('end', () =>
              resolve({ status, totalMilliseconds: performance.now() - started, ...(keep ? { content: text } : {}) }),
            );
          }
          response.on('error', (error) => resolve({ status, totalMilliseconds: performance.now() - started, error: error.message }));
        },
      );
      outgoing.on('error', (error) => resolve({ status: 0, totalMilliseconds: performance.now() - started, error: error.message }));
      outgoing.end(body);
    });
  }
}
