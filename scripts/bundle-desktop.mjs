#!/usr/bin/env node
// Bundles the desktop app (package.json "main") into one folder: the Electron main process as an
// ES module (Electron 45 runs ESM entry points and embeds Node 22), code-split like the headless
// build, and its preload script. The preload runs in a sandboxed renderer, which loads only
// CommonJS and can require only 'electron', so it is one self-contained CommonJS file.
// `node scripts/bundle-desktop.mjs <outdir>` bundles elsewhere (the packaging test does).
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { build } from 'esbuild';
import { bundleRouter, root } from './bundle-router.mjs';

export async function bundleDesktop(outdir) {
  await bundleRouter({ entryPoints: { index: 'main/desktop/main.ts' }, target: 'node22', outdir, external: ['electron'] });
  await build({
    absWorkingDir: root,
    entryPoints: ['main/desktop/preload.ts'],
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node22',
    outfile: join(outdir, 'preload.cjs'),
    external: ['electron'],
    logLevel: 'warning',
  });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await bundleDesktop(process.argv[2] ?? 'dist/main/desktop');
}
