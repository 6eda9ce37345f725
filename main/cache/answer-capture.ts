import type { ServerResponse } from 'node:http';
import { replayableHeaders, type StoredAnswer } from './stored-answer.js';

type WriteArguments = [chunk: unknown, encodingOrCallback?: unknown, callback?: unknown];

/**
 * Records what a route sends the client (status, headers, every body byte as written) without
 * changing it: `write` and `end` are wrapped and still return what node returns, so backpressure
 * works as before. Resolves once the answer was fully handed to the socket (`finish`); resolves
 * undefined when the connection closed before that (client gone, stream destroyed) or the body
 * passed `limitBytes`, since such an answer cannot be replayed.
 */
export function captureAnswer(res: ServerResponse, limitBytes: number): Promise<StoredAnswer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  let overflow = false;
  const record = (args: WriteArguments): void => {
    const [chunk, encoding] = args;
    if (overflow || chunk === undefined || chunk === null || typeof chunk === 'function') return;
    const data =
      typeof chunk === 'string'
        ? Buffer.from(chunk, typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8')
        : Buffer.isBuffer(chunk)
          ? chunk
          : Buffer.from(chunk as Uint8Array);
    size += data.length;
    if (size > limitBytes) {
      overflow = true;
      chunks.length = 0;
      return;
    }
    chunks.push(data);
  };
  const write = res.write;
  const end = res.end;
  res.write = function (this: ServerResponse, ...args: WriteArguments) {
    record(args);
    return (write as (...rest: WriteArguments) => boolean).apply(this, args);
  } as ServerResponse['write'];
  res.end = function (this: ServerResponse, ...args: WriteArguments) {
    record(args);
    return (end as (...rest: WriteArguments) => ServerResponse).apply(this, args);
  } as ServerResponse['end'];

  return new Promise((resolve) => {
    res.once('finish', () => {
      resolve(overflow ? undefined : { status: res.statusCode, headers: replayableHeaders(res.getHeaders()), body: Buffer.concat(chunks) });
    });
    res.once('close', () => {
      if (!res.writableFinished) resolve(undefined);
    });
  });
}
