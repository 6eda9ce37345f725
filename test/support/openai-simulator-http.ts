/**
 * Connection-level helpers of the OpenAI simulator: body reading, paced writes with backpressure,
 * and deliberate connection cuts. Every wait also ends when the connection closes, so a test that
 * closes the simulator never leaves a timer or listener behind.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

/** Per-request bookkeeping that outlives the handler's awaits. */
export interface RequestState {
  /** The connection is gone (client went away, or the simulator cut or closed it). */
  closed: boolean;
  /** The simulator destroyed the socket on purpose, so the close is not a client abort. */
  cutBySimulator: boolean;
}

/** Waits `milliseconds`, returning early when the connection closes so no timer outlives a test. */
export function pause(milliseconds: number, res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      res.off('close', done);
      resolve();
    };
    const timer = setTimeout(done, milliseconds);
    res.once('close', done);
  });
}

/** Writes one event honouring backpressure; false when the client is gone. */
export async function writeEvent(res: ServerResponse, state: RequestState, event: string | Buffer): Promise<boolean> {
  if (state.closed) return false;
  if (res.write(event)) return true;
  await new Promise<void>((resolve) => {
    const done = (): void => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.once('drain', done);
    res.once('close', done);
  });
  return !state.closed;
}

/** The whole request body as text; rejects when the client leaves before sending all of it. */
export async function readBody(req: IncomingMessage): Promise<string> {
  return (await readBodyBytes(req)).toString('utf8');
}

/** The whole request body as bytes (an audio upload); rejects when the client leaves before sending all of it. */
/** A request body as a simulator records it: absent when empty, parsed when JSON, else the text itself. */
export function parseBody(raw: string): { body: unknown; parsed: boolean } {
  if (raw === '') return { body: undefined, parsed: true };
  try {
    return { body: JSON.parse(raw), parsed: true };
  } catch {
    return { body: raw, parsed: false };
  }
}

export function readBodyBytes(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.once('end', () => resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)));
    req.once('error', reject);
    // Depending on timing Node reports a half-sent body as 'error' or only as 'close'.
    req.once('close', () => {
      if (!req.complete) reject(new Error('client closed the request before sending its body'));
    });
  });
}

/**
 * Drops the TCP connection mid-response. What was written is flushed first so the client sees
 * exactly the promised number of events, then the socket goes without a terminating chunk.
 */
export async function cutConnection(res: ServerResponse, state: RequestState): Promise<void> {
  state.cutBySimulator = true;
  const socket = res.socket;
  if (socket === null) return;
  if (socket.writableLength > 0 && !state.closed) {
    // Writes complete in order, so an empty write's callback fires once everything before it left.
    await new Promise<void>((resolve) => {
      socket.once('close', resolve);
      socket.write(Buffer.alloc(0), () => {
        socket.off('close', resolve);
        resolve();
      });
    });
  }
  socket.destroy();
}

/**
 * A whole body with its `content-length`. With `cut`, only its first half goes out and then the
 * connection is cut: the promised length stays on the headers, so the client sees a body that ends
 * too soon.
 */
export async function writeWhole(res: ServerResponse, state: RequestState, status: number, headers: Record<string, string>, body: string | Buffer, cut = false): Promise<void> {
  headers['content-length'] = String(Buffer.byteLength(body));
  res.writeHead(status, headers);
  if (!cut) return void res.end(body);
  const half = Math.floor(body.length / 2);
  res.write(typeof body === 'string' ? body.slice(0, half) : body.subarray(0, half));
  return cutConnection(res, state);
}

/** How a body in chunks is paced and cut (the simulators' `chunkDelayMs` and `cutAfterChunks` faults). */
export interface ChunkPacing {
  chunkDelayMs?: number | undefined;
  cutAfterChunks?: number | undefined;
}

/**
 * A body in chunks, one write each with backpressure, `chunkDelayMs` apart. With `cutAfterChunks`
 * it stops after that many and cuts the connection instead of ending the body; a cut asked for at or
 * past the last chunk cuts too only with `cutEvenWhole` (otherwise every chunk went out, and the body
 * ends).
 */
export async function writeChunks(res: ServerResponse, state: RequestState, chunks: readonly (string | Buffer)[], pacing: ChunkPacing | undefined, cutEvenWhole = false): Promise<void> {
  const cutAt = Math.min(pacing?.cutAfterChunks ?? chunks.length, chunks.length);
  if (cutAt === 0) res.flushHeaders();
  for (let index = 0; index < cutAt; index++) {
    if (index > 0 && pacing?.chunkDelayMs) {
      await pause(pacing.chunkDelayMs, res);
      if (state.closed) return;
    }
    if (!(await writeEvent(res, state, chunks[index]!))) return;
  }
  if (cutAt < chunks.length || (cutEvenWhole && pacing?.cutAfterChunks !== undefined)) return cutConnection(res, state);
  res.end();
}
