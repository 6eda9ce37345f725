// What the router's two bundles (headless and desktop) share: bundleRouter() below, and a
// plugin that replaces two of express's dependencies by what OmniRoute actually uses of them,
// because loading them in full was a tenth of the cold start (measured: 25 of 250 ms of
// main-thread work) and a megabyte of retained source.
//
// - body-parser: express 5 loads it at require time (for express.json() and co.), and with it
//   iconv-lite's encoding tables. OmniRoute never uses it: request bodies are read by
//   main/server/read-raw-body.ts. The stand-in throws if anything ever calls it.
// - mime-db: mime-types builds its lookup maps from all 2,500 types at require time. The bundle
//   gets the real entries of the types a local router and its dashboard serve (keptExtensions,
//   keptTypes).
import { rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { build } from 'esbuild';

const require = createRequire(import.meta.url);

/** File extensions whose MIME types stay known: the dashboard's assets, and what APIs answer with. */
const keptExtensions = new Set([
  'html', 'htm', 'js', 'mjs', 'cjs', 'css', 'map', 'json', 'txt', 'md', 'csv', 'xml', 'svg', 'png', 'jpg', 'jpeg',
  'gif', 'webp', 'avif', 'ico', 'woff', 'woff2', 'ttf', 'otf', 'wasm', 'webmanifest', 'pdf', 'zip', 'gz', 'tar',
  'mp3', 'wav', 'ogg', 'mp4', 'webm', 'bin',
]);
/** Types kept whatever their extensions (charset and compressibility lookups by type). */
const keptTypes = new Set(['application/octet-stream', 'text/event-stream', 'application/x-ndjson', 'application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain', 'application/json']);

export function trimmedMimeDb() {
  const full = require('mime-db');
  return Object.fromEntries(
    Object.entries(full).filter(([type, entry]) => keptTypes.has(type) || (entry.extensions ?? []).some((extension) => keptExtensions.has(extension))),
  );
}

const bodyParserStandIn = `
function notBundled(name) {
  return function () {
    throw new Error('body-parser ' + name + '() is not part of the OmniRoute bundle: request bodies are read by main/server/read-raw-body.ts');
  };
}
module.exports = { json: notBundled('json'), raw: notBundled('raw'), text: notBundled('text'), urlencoded: notBundled('urlencoded') };
`;

export const dependencyShims = {
  name: 'omniroute-dependency-shims',
  setup(build) {
    build.onResolve({ filter: /^(body-parser|mime-db)$/ }, (args) => ({ path: args.path, namespace: 'omniroute-shim' }));
    build.onLoad({ filter: /.*/, namespace: 'omniroute-shim' }, (args) => ({
      contents: args.path === 'body-parser' ? bodyParserStandIn : `module.exports = ${JSON.stringify(trimmedMimeDb())};`,
      loader: 'js',
    }));
  },
};

/** The repository, where esbuild resolves entries and node_modules. */
export const root = new URL('..', import.meta.url).pathname;

/**
 * Bundles one entry of the router (headless or desktop) into `outdir`, emptied first: one ES module
 * graph, code-split so each client format and upstream adapter loads on first use, the native
 * modules (and `external`) left to node_modules.
 */
export async function bundleRouter({ entryPoints, target, outdir, external = [] }) {
  // Chunk names carry content hashes: without emptying the folder, every build would leave the last one's behind.
  rmSync(outdir, { recursive: true, force: true });
  await build({
    absWorkingDir: root,
    entryPoints,
    target,
    outdir,
    external: ['better-sqlite3', '@napi-rs/keyring', ...external],
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
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
