#!/usr/bin/env node
// Bundles the headless entry into dist/app/: one module graph instead of hundreds of small files
// (ES module loading was most of the cold start). Code splitting keeps the client formats and
// upstream adapters in their own chunks, loaded on first use. Native modules stay external.
// `node scripts/bundle.mjs` bundles both apps; tests import bundleHeadless to bundle elsewhere.
import { pathToFileURL } from 'node:url';
import { bundleDesktop } from './bundle-desktop.mjs';
import { bundleRouter } from './bundle-router.mjs';

export function bundleHeadless(outdir) {
  return bundleRouter({ entryPoints: { cli: 'main/cli.ts' }, target: 'node20', outdir });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await bundleHeadless('dist/app');
  // The desktop app (package.json "main"): see bundle-desktop.mjs.
  await bundleDesktop('dist/main/desktop');
}
