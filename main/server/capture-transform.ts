import type { StreamTransform } from './relay-stream.js';

/**
 * Keeps a copy of what a stream transform writes to the client, up to `limitBytes`, for the
 * request log (which is off by default; then this is never used).
 */
export function captureTransform(transform: StreamTransform, into: Buffer[], limitBytes: number): StreamTransform {
  let size = 0;
  const keep = (data: Buffer | string): Buffer | string => {
    if (size < limitBytes && data.length > 0) {
      const bytes = typeof data === 'string' ? Buffer.from(data) : data;
      const part = bytes.subarray(0, limitBytes - size);
      into.push(Buffer.from(part));
      size += part.length;
    }
    return data;
  };
  return {
    chunk: (data) => keep(transform.chunk(data)),
    end: () => keep(transform.end()),
    fail: (error) => {
      const last = transform.fail(error);
      return last === undefined ? undefined : (keep(last) as string);
    },
  };
}
