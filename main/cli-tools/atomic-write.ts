import { randomBytes } from 'node:crypto';
import { closeSync, fchmodSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/**
 * Replaces a file in one step: the new content goes to a temporary file in the same folder, is
 * flushed to disk and renamed over the target, so a crash leaves either the old file or the new
 * one, never half of it. The mode is set explicitly (the umask would otherwise decide it).
 */
export function writeFileAtomic(path: string, content: string | Buffer, mode: number): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const temporary = join(dirname(path), `.${basename(path)}.omniroute-${randomBytes(6).toString('hex')}.tmp`);
  const descriptor = openSync(temporary, 'wx', mode);
  try {
    fchmodSync(descriptor, mode);
    const buffer = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
    let written = 0;
    while (written < buffer.length) written += writeSync(descriptor, buffer, written);
    fsyncSync(descriptor);
  } catch (error) {
    closeSync(descriptor);
    rmSync(temporary, { force: true });
    throw error;
  }
  closeSync(descriptor);
  try {
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}
