import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ensurePrivateDirectory } from '../store/private-files.js';
import { writeFileAtomic } from './atomic-write.js';

/** What a file was before our first apply. */
export interface BackedUpFile {
  path: string;
  /** False: the file did not exist, so restore deletes it. */
  existed: boolean;
  /** The original permission bits, put back on restore. */
  mode: number;
}

interface Manifest {
  createdAt: string;
  files: (BackedUpFile & { copy: string | null })[];
}

/**
 * Originals of the config files a tool's apply changed, kept in the data directory (owner-only:
 * configs often hold keys) until restore. Only the first apply takes a backup, so applying twice
 * and restoring still gives back the user's own file, byte for byte.
 */
export class ConfigBackups {
  constructor(private readonly root: string) {}

  /** When the backup was taken, or null when there is none. */
  createdAt(toolId: string): string | null {
    return this.#manifest(toolId)?.createdAt ?? null;
  }

  /** Records the originals unless a backup already exists. */
  saveIfAbsent(toolId: string, originals: { file: BackedUpFile; content: Buffer | null }[], now: Date): void {
    if (this.#manifest(toolId)) return;
    const dir = this.#dir(toolId);
    ensurePrivateDirectory(dir);
    const files = originals.map(({ file, content }, index) => {
      const copy = content === null ? null : `${index}.orig`;
      if (content !== null && copy) writeFileAtomic(join(dir, copy), content, 0o600);
      return { ...file, copy };
    });
    // The manifest is written last: a backup without one is incomplete and is not used.
    writeFileAtomic(join(dir, 'manifest.json'), JSON.stringify({ createdAt: now.toISOString(), files } satisfies Manifest, null, 2), 0o600);
  }

  /** The originals, with their content (null for a file that did not exist), or null without a backup. */
  load(toolId: string): { file: BackedUpFile; content: Buffer | null }[] | null {
    const manifest = this.#manifest(toolId);
    if (!manifest) return null;
    return manifest.files.map(({ copy, ...file }) => ({ file, content: copy === null ? null : readFileSync(join(this.#dir(toolId), copy)) }));
  }

  remove(toolId: string): void {
    rmSync(this.#dir(toolId), { recursive: true, force: true });
  }

  #dir(toolId: string): string {
    return join(this.root, toolId);
  }

  #manifest(toolId: string): Manifest | null {
    try {
      return JSON.parse(readFileSync(join(this.#dir(toolId), 'manifest.json'), 'utf8')) as Manifest;
    } catch {
      return null;
    }
  }
}
