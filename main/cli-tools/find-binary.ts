import { accessSync, constants, statSync } from 'node:fs';
import { join } from 'node:path';
import type { CliProbeDto } from '../../shared/cli-tools-types.js';

/** The first executable `name` in `dirs`, with every path looked at. */
export function findBinary(names: readonly string[], dirs: readonly string[], platform: NodeJS.Platform): { path: string | null; name: string; probed: CliProbeDto[] } {
  const probed: CliProbeDto[] = [];
  const suffixes = platform === 'win32' ? ['.cmd', '.exe', '.ps1', ''] : [''];
  for (const name of names) {
    for (const dir of dirs) {
      for (const suffix of suffixes) {
        const path = join(dir, name + suffix);
        const found = isExecutableFile(path);
        probed.push({ path, found });
        if (found) return { path, name, probed };
      }
    }
  }
  return { path: null, name: names[0] ?? '', probed };
}

function isExecutableFile(path: string): boolean {
  try {
    // statSync follows symlinks: npm's bin links and version-manager shims point at the real file.
    if (!statSync(path).isFile()) return false;
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
