/**
 * What the bench and its upstream child process agree on: the model, the reply every completion
 * gets, the ready-line payload and the one control message (pace the next streams).
 */
import type { ChildProcess } from 'node:child_process';

export const simulatedModel = 'gpt-sim';

/** Streamed one delta per word by the simulator: 24 content chunks, close to a short real answer. */
export const replyText =
  'The router forwards this answer unchanged, one small delta at a time, so the benchmark can count every chunk on both sides of it.';

export interface UpstreamReady {
  url: string;
  port: number;
  apiKey: string;
}

export interface UpstreamControl {
  benchControl: 'pace';
  sequence: number;
  count: number;
  chunkDelayMilliseconds: number;
}

export function isUpstreamControl(message: unknown): message is UpstreamControl {
  return typeof message === 'object' && message !== null && (message as { benchControl?: unknown }).benchControl === 'pace';
}

let nextSequence = 0;

/** Asks the upstream to pace its next `count` streams, and waits until it has queued them. */
export function paceNextStreams(upstream: ChildProcess, count: number, chunkDelayMilliseconds: number): Promise<void> {
  const sequence = nextSequence++;
  return new Promise((resolve) => {
    const onMessage = (message: unknown): void => {
      const reply = message as { benchControl?: unknown; sequence?: unknown } | null;
      if (reply?.benchControl !== 'paced' || reply.sequence !== sequence) return;
      upstream.off('message', onMessage);
      resolve();
    };
    upstream.on('message', onMessage);
    const control: UpstreamControl = { benchControl: 'pace', sequence, count, chunkDelayMilliseconds };
    upstream.send(control);
  });
}
