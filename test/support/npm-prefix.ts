import { mkdirSync, readFileSync, symlinkSync } from 'node:fs';
import { dirname, join } from 'node:path';

const repositoryModules = join(import.meta.dirname, '..', '..', 'node_modules');

/** The pinned CLIs every detection test installs (dev dependencies of this repository). */
export const realCliPackages = ['@anthropic-ai/claude-code', '@openai/codex', '@google/gemini-cli'] as const;

/** A package's version as installed in this repository's node_modules. */
export function installedVersion(name: string): string {
  return (JSON.parse(readFileSync(join(repositoryModules, name, 'package.json'), 'utf8')) as { version: string }).version;
}

/**
 * Lays out an npm global prefix the way `npm install -g --prefix <prefix>` does on Linux and
 * macOS: `lib/node_modules/<package>` and one `bin/<name>` link per entry of the package's `bin`,
 * pointing into the package. The packages are the real ones `npm ci` installed for this
 * repository, linked rather than installed again: an offline `npm install -g` of the three takes
 * about 30 s and 740 MB, and cannot work inside scripts/test.sh anyway, whose HOME (and so npm's
 * cache) is a fresh throwaway folder.
 */
export function layOutNpmPrefix(prefix: string, packages: readonly string[] = realCliPackages): void {
  mkdirSync(join(prefix, 'bin'), { recursive: true });
  for (const name of packages) {
    const installed = join(prefix, 'lib', 'node_modules', name);
    mkdirSync(dirname(installed), { recursive: true });
    symlinkSync(join(repositoryModules, name), installed, 'dir');
    const manifest = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8')) as { name: string; bin?: string | Record<string, string> };
    const bins = typeof manifest.bin === 'string' ? { [manifest.name.split('/').pop() ?? manifest.name]: manifest.bin } : (manifest.bin ?? {});
    for (const [bin, target] of Object.entries(bins)) symlinkSync(join('..', 'lib', 'node_modules', name, target), join(prefix, 'bin', bin));
  }
}
