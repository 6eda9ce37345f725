import { randomBytes } from 'node:crypto';
import { open, rename, rm } from 'node:fs/promises';

const OWNER_ONLY_FILE = 0o600;

/**
 * Replaces `file` so that readers (and a crash) see either the old content or the new, never a
 * torn mix: the content goes to a sibling temporary file, is flushed to disk, then renamed over
 * the target, which is atomic within one filesystem. The temporary file is created owner-only, so
 * the content is never readable by others, not even for a moment.
 */
export async function writePrivateFileAtomically(file: string, content: string): Promise<void> {
  const temporaryFile = `${file}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    // 'wx' fails rather than follow a symlink or reuse a file someone planted at this name.
    const handle = await open(temporaryFile, 'wx', OWNER_ONLY_FILE);
    try {
      await handle.writeFile(content, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporaryFile, file);
  } catch (error) {
    await rm(temporaryFile, { force: true });
    throw error;
  }
}
