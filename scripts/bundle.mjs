#!/usr/bin/env node
// Bundles the headless entry into dist/app/: one module graph instead of hundreds of small files
// (ES module loading was most of the cold start). Code splitting keeps the client formats and
// upstream adapters in their own chunks, loaded on first use. Native modules stay external.
// `node scripts/bundle.mjs` bundles both apps; tests import bundleHeadless to bundle elsewhere.
import { rmSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { bundleDesktop } from './bundle-desktop.mjs';
import { routerBundleOptions } from './router-bundle-options.mjs';

const root = new URL('..', import.meta.url).pathname;

export async function bundleHeadless(outdir) {
  // Chunk names carry content hashes: without emptying the folder, every build would leave the last one's behind.
  rmSync(outdir, { recursive: true, force: true });
  await build({
    ...routerBundleOptions,
    absWorkingDir: root,
    entryPoints: { cli: 'main/cli.ts' },
    target: 'node20',
    outdir,
    external: ['better-sqlite3', '@napi-rs/keyring'],
  });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await bundleHeadless('dist/app');
  // The desktop app (package.json "main"): see bundle-desktop.mjs.
  await bundleDesktop('dist/main/desktop');
}
