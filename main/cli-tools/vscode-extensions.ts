import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { CliProbeDto } from '../../shared/cli-tools-types.js';
import { compareVersions } from './compare-versions.js';

/**
 * Extension folders of VS Code and its forks: desktop, Insiders, Remote/WSL server, Cursor,
 * Windsurf and VSCodium (`.vscode-oss`). Each installed extension is a folder named
 * `publisher.name-version`.
 */
export function extensionRoots(home: string): string[] {
  return ['.vscode', '.vscode-insiders', '.vscode-server', '.cursor', '.windsurf', '.vscode-oss'].map((dir) => join(home, dir, 'extensions'));
}

/** The newest installed folder of any of `ids` under the extension roots. */
export function findExtension(ids: readonly string[], home: string): { path: string | null; id: string; version: string | null; probed: CliProbeDto[] } {
  const probed: CliProbeDto[] = [];
  let best: { path: string; id: string; version: string } | null = null;
  for (const root of extensionRoots(home)) {
    let entries: string[];
    try {
      entries = readdirSync(root);
    } catch {
      probed.push({ path: root, found: false });
      continue;
    }
    let foundHere = false;
    for (const entry of entries) {
      const lower = entry.toLowerCase();
      for (const id of ids) {
        const prefix = id.toLowerCase() + '-';
        if (!lower.startsWith(prefix)) continue;
        const version = entry.slice(prefix.length).replace(/-(?:[a-z]+-)?(?:x64|arm64|universal)$/i, '');
        foundHere = true;
        if (!best || compareVersions(version, best.version) > 0) best = { path: join(root, entry), id, version };
      }
    }
    probed.push({ path: root, found: foundHere });
  }
  return best ? { ...best, probed } : { path: null, id: ids[0] ?? '', version: null, probed };
}
