#!/usr/bin/env node
// Bundles the headless entry into dist/app/: one module graph instead of hundreds of small files
// (ES module loading was most of the cold start). Code splitting keeps the client formats and
// upstream adapters in their own chunks, loaded on first use. Native modules stay external.
import { build } from 'esbuild';
import { bundleDesktop } from './bundle-desktop.mjs';

await build({
  entryPoints: { cli: 'main/cli.ts' },
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  outdir: 'dist/app',
  external: ['better-sqlite3', '@napi-rs/keyring'],
  // Bundled CommonJS dependencies (express) call require(); ES modules have none of their own.
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  logLevel: 'warning',
});

// The desktop app (package.json "main"): see bundle-desktop.mjs.
await bundleDesktop('dist/main/desktop');
