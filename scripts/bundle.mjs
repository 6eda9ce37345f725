#!/usr/bin/env node
// Bundles the headless entry into dist/app/: one module graph instead of hundreds of small files
// (ES module loading was most of the cold start). Code splitting keeps the client formats and
// upstream adapters in their own chunks, loaded on first use. Native modules stay external.
// `node scripts/bundle.mjs` bundles both apps; tests import bundleHeadless to bundle elsewhere.
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { bundleDesktop } from './bundle-desktop.mjs';
import { dependencyShims } from './bundle-shims.mjs';

const root = new URL('..', import.meta.url).pathname;

export async function bundleHeadless(outdir) {
  await build({
    absWorkingDir: root,
    entryPoints: { cli: 'main/cli.ts' },
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    outdir,
    external: ['better-sqlite3', '@napi-rs/keyring'],
    plugins: [dependencyShims],
    // Whitespace and syntax only: names stay, so stack traces still name every function. Every
    // loaded chunk's source stays in memory for lazy compilation: 1 MB less for an idle router.
    minifyWhitespace: true,
    minifySyntax: true,
    // Bundled CommonJS dependencies (express) call require(); ES modules have none of their own.
    banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
    logLevel: 'warning',
  });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await bundleHeadless('dist/app');
  // The desktop app (package.json "main"): see bundle-desktop.mjs.
  await bundleDesktop('dist/main/desktop');
}
