import { createReadStream, statSync } from 'node:fs';
import { Readable } from 'node:stream';

/** One regular file of a tar archive: its bytes, or a file read as the archive streams. */
export type TarEntry = { name: string; mtimeMs: number; mode?: number } & ({ data: Buffer } | { file: string });

const block = 512;

/**
 * A POSIX ustar archive of regular files (names up to 100 bytes, which is all this app writes), as
 * `tar` and every archive tool read it: a 512-byte header per file, its data padded to 512, then
 * two empty blocks. Files are streamed, never held in memory whole.
 * @see https://pubs.opengroup.org/onlinepubs/9699919799/utilities/pax.html#tag_20_92_13_06
 */
export function tarStream(entries: readonly TarEntry[]): Readable {
  return Readable.from(tarChunks(entries));
}

async function* tarChunks(entries: readonly TarEntry[]): AsyncGenerator<Buffer> {
  for (const entry of entries) {
    const size = 'data' in entry ? entry.data.length : statSync(entry.file).size;
    yield tarHeader(entry, size);
    if ('data' in entry) yield entry.data;
    else {
      let read = 0;
      for await (const chunk of createReadStream(entry.file, { end: size - 1 })) {
        read += (chunk as Buffer).length;
        yield chunk as Buffer;
      }
      if (read !== size) throw new Error(`${entry.file} changed size while it was archived`);
    }
    const padding = (block - (size % block)) % block;
    if (padding > 0) yield Buffer.alloc(padding);
  }
  yield Buffer.alloc(2 * block);
}

/** The 512-byte ustar header of a regular file. */
export function tarHeader(entry: { name: string; mtimeMs: number; mode?: number }, size: number): Buffer {
  const name = Buffer.from(entry.name, 'utf8');
  if (name.length > 100) throw new Error(`tar entry name longer than 100 bytes: ${entry.name}`);
  const header = Buffer.alloc(block);
  name.copy(header, 0);
  octal(header, 100, 8, entry.mode ?? 0o600);
  octal(header, 108, 8, 0); // uid
  octal(header, 116, 8, 0); // gid
  octal(header, 124, 12, size);
  octal(header, 136, 12, Math.floor(entry.mtimeMs / 1000));
  header.write('        ', 148, 'ascii'); // the checksum field counts as spaces while summing
  header.write('0', 156, 'ascii'); // regular file
  header.write('ustar\u000000', 257, 'ascii');
  let sum = 0;
  for (const byte of header) sum += byte;
  header.write(`${sum.toString(8).padStart(6, '0')}\u0000 `, 148, 'ascii');
  return header;
}

function octal(header: Buffer, offset: number, length: number, value: number): void {
  header.write(`${value.toString(8).padStart(length - 1, '0')}\u0000`, offset, 'ascii');
}
