/**
 * Where things are on disk, whether the bench runs compiled (`dist/bench/run.js`) or straight from
 * source through tsx (`node --import tsx bench/run.ts`) during development.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const benchDirectory = dirname(fileURLToPath(import.meta.url));

/** True when this file is the TypeScript source run through a loader, false when compiled. */
export const runningFromSource = import.meta.url.endsWith('.ts');

/**
 * The repository root: the nearest ancestor that holds `package-lock.json` (the build copies
 * `package.json` into dist/, so that alone would stop one folder short).
 */
export const repositoryRoot = findRepositoryRoot(benchDirectory);

/** The bundled headless entry of the router, as `npm start` runs it; the router is always measured built. */
export const routerEntry = process.env.BENCH_ROUTER_ENTRY ?? join(repositoryRoot, 'dist', 'app', 'cli.js');

/**
 * The Node options `npm start` runs the router with (package.json `scripts.start`, between `node`
 * and the entry), so the bench measures the router exactly as users start it.
 */
export function routerNodeOptions(): string[] {
  const manifest = JSON.parse(readFileSync(join(repositoryRoot, 'package.json'), 'utf8')) as { scripts: { start: string } };
  const words = manifest.scripts.start.trim().split(/\s+/);
  if (words[0] !== 'node') throw new Error(`package.json scripts.start does not run node: ${manifest.scripts.start}`);
  return words.slice(1, words.findIndex((word) => word.endsWith('cli.js')));
}

/** Where the machine-readable results go (gitignored). */
export const resultsFile = join(repositoryRoot, '.bench', 'results.json');

/**
 * The command line (after `node`) that runs a sibling bench entry such as `upstream-process`.
 * From source the child needs the same TypeScript loader as this process; compiled it needs nothing.
 */
export function benchEntryArguments(entryName: string): string[] {
  const extension = runningFromSource ? '.ts' : '.js';
  const loaderArguments = runningFromSource ? process.execArgv.filter((argument) => !argument.startsWith('--inspect')) : [];
  return [...loaderArguments, join(benchDirectory, `${entryName}${extension}`)];
}

function findRepositoryRoot(start: string): string {
  let current = start;
  while (!existsSync(join(current, 'package-lock.json'))) {
    const parent = dirname(current);
    if (parent === current) throw new Error(`no package-lock.json above ${start}`);
    current = parent;
  }
  return current;
}
