import type { Server, ServerResponse } from 'node:http';
import { AbortTracker } from './abort-tracker.js';
import type { RequestState } from './openai-simulator-http.js';
import { closeServer } from './simulator-server.js';

/** The controls every simulator gives its tests. */
export interface SimulatorControls<Fault, Reply, Responder, Recorded> {
  /** Every request received since start or reset, in order. */
  requests: Recorded[];
  /** Queue a reply for the next request (FIFO); when the queue is empty the responder, then the default reply, answers. */
  reply(script: Reply): void;
  /** Queue a fault for the next request; faults are consulted before replies. */
  fail(fault: Fault): void;
  /** Replace the default reply (normally an echo of the last user text); undefined restores the echo. */
  setDefault(reply: Reply | undefined): void;
  /**
   * Compute replies from the request (for clients that send side requests in no fixed order):
   * consulted when the reply queue is empty; `undefined` falls back to the default reply.
   */
  respondWith(responder: Responder | undefined): void;
  /** Empty both queues, the recorded requests and the abort count; forget the responder; restore the echo default. */
  reset(): void;
  /** Resolves once `count` requests (since start or reset) were aborted by the client. */
  waitForAborted(count?: number, timeoutMs?: number): Promise<void>;
  /** Destroys every open connection so no test waits on a hanging request. */
  close(): Promise<void>;
}

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
  controls(server: Server, onReset?: () => void): SimulatorControls<Fault, Reply, Responder, Recorded> {
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
