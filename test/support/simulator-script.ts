import type { Server, ServerResponse } from 'node:http';
import { AbortTracker } from './abort-tracker.js';
import type { RequestState } from './openai-simulator-http.js';
import { closeServer } from './simulator-server.js';

/**
 * What every simulator keeps between requests, and the controls a test drives it with: faults and
 * scripted replies queued for the next requests, a default reply and a responder for the rest, the
 * requests received, and how many of them their clients abandoned.
 */
export class SimulatorScript<Fault, Reply, Responder, Recorded extends { aborted: boolean }> {
  readonly faults: Fault[] = [];
  readonly replies: Reply[] = [];
  readonly requests: Recorded[] = [];
  defaultReply: Reply | undefined;
  responder: Responder | undefined;
  readonly #aborts = new AbortTracker();
  #closing = false;

  /**
   * Watches one request's response: a client that leaves before the answer ended aborted it (the
   * simulator cutting the connection on purpose, or closing, is not an abort).
   */
  watch(res: ServerResponse, state: RequestState, recorded: Recorded | undefined): void {
    res.once('close', () => {
      state.closed = true;
      if (!res.writableEnded && !state.cutBySimulator && !this.#closing) this.#aborts.note(recorded);
    });
  }

  /** The controls of a simulator serving on `server`; `onReset` forgets what else it keeps. */
  controls(server: Server, onReset?: () => void) {
    return {
      requests: this.requests,
      reply: (script: Reply): void => void this.replies.push(script),
      fail: (fault: Fault): void => void this.faults.push(fault),
      setDefault: (reply: Reply | undefined): void => {
        this.defaultReply = reply;
      },
      respondWith: (next: Responder | undefined): void => {
        this.responder = next;
      },
      reset: (): void => {
        this.faults.length = 0;
        this.replies.length = 0;
        this.requests.length = 0;
        this.defaultReply = undefined;
        this.responder = undefined;
        this.#aborts.reset();
        onReset?.();
      },
      waitForAborted: (count = 1, timeoutMs = 5000): Promise<void> => this.#aborts.waitFor(count, timeoutMs),
      close: (): Promise<void> => {
        this.#closing = true;
        this.#aborts.rejectAll();
        return closeServer(server);
      },
    };
  }
}
