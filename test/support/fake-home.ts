import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** A throwaway home folder; `write` creates a file (and its folders) under it. */
export interface FakeHome {
  root: string;
  path(...parts: string[]): string;
  write(relative: string, content: string, mode?: number): string;
  remove(): void;
}

export function createFakeHome(prefix = 'omniroute-home-'): FakeHome {
  const root = mkdtempSync(join(tmpdir(), prefix));
  return {
    root,
    path: (...parts) => join(root, ...parts),
    write(relative, content, mode = 0o644) {
      const file = join(root, relative);
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, content, { mode });
      return file;
    },
    remove: () => rmSync(root, { recursive: true, force: true }),
  };
}
