import { createHash } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ensurePrivateDirectory } from '../store/private-files.js';
import { writeFileAtomic } from './atomic-write.js';

/** What a file was before apply first changed it. */
export interface BackedUpFile {
  path: string;
  /** False: the file did not exist, so restore deletes it. */
  existed: boolean;
  /** The original permission bits, put back on restore. */
  mode: number;
  /** sha256 of what apply last wrote, to notice edits made since. */
  written: string | null;
}

interface Manifest {
  createdAt: string;
  files: (BackedUpFile & { copy: string | null })[];
}

/** sha256 hex of a file's content (null content: the file does not exist). */
export function contentHash(content: Buffer | string | null): string | null {
  return content === null ? null : createHash('sha256').update(content).digest('hex');
}

/**
 * Originals of the config files a tool's apply changed, kept in the data directory (owner-only:
 * configs often hold keys) until restore. A file is backed up the first time apply changes it and
 * never again, so applying twice and restoring still gives back the user's own file, byte for byte.
 */
export class ConfigBackups {
  constructor(private readonly root: string) {}

  /** When the first backup was taken, or null when there is none. */
  createdAt(toolId: string): string | null {
    return this.#manifest(toolId)?.createdAt ?? null;
  }

  /** Records the originals of files not backed up yet, and what apply is about to write over them. */
  record(toolId: string, files: { path: string; original: Buffer | null; mode: number; next: string }[], now: Date): void {
    const dir = this.#dir(toolId);
    const manifest = this.#manifest(toolId) ?? { createdAt: now.toISOString(), files: [] };
    ensurePrivateDirectory(dir);
    for (const file of files) {
      const known = manifest.files.find((entry) => entry.path === file.path);
      if (known) {
        known.written = contentHash(file.next);
        continue;
      }
      const copy = file.original === null ? null : `${manifest.files.length}.orig`;
      if (file.original !== null && copy) writeFileAtomic(join(dir, copy), file.original, 0o600);
      manifest.files.push({ path: file.path, existed: file.original !== null, mode: file.mode, written: contentHash(file.next), copy });
    }
    // The manifest is written last: copies without a manifest entry are never used.
    writeFileAtomic(join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2), 0o600);
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
