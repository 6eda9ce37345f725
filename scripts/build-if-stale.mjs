#!/usr/bin/env node
// Runs `npm run build` only when a source file is newer than the last build, so `npm start` is
// instant after the first run and never serves stale code after an edit.
import { execSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const stamp = join(root, 'dist', '.build-stamp');
const sources = ['main', 'shared', 'renderer', 'bench', 'test/support', 'package.json', 'tsconfig.json', 'tsconfig.build.json'];

function newestModification(path) {
  if (!existsSync(path)) return 0;
  const stats = statSync(path);
  if (!stats.isDirectory()) return stats.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(path)) {
    if (entry === 'node_modules' || entry === 'dist') continue;
    newest = Math.max(newest, newestModification(join(path, entry)));
  }
  return newest;
}

const built = existsSync(stamp) ? statSync(stamp).mtimeMs : 0;
const changed = Math.max(...sources.map((source) => newestModification(join(root, source))));
if (changed > built) {
  process.stdout.write('Building OmniRoute...\n');
  execSync('npm run build --silent', { cwd: root, stdio: 'inherit' });
  writeFileSync(stamp, new Date().toISOString() + '\n');
}
