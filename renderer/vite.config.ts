import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/**
 * The dashboard build. The router serves `dist/renderer` (next to `dist/main`), so the output lands
 * there. The page runs under a CSP without 'unsafe-inline', so nothing may be inlined as a script
 * or a style tag: Vite emits the CSS as a file and the entry as an external module.
 */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('../dist/renderer', import.meta.url)),
    emptyOutDir: true,
    // Small icons may become data: URLs (allowed by img-src); nothing else is inlined.
    assetsInlineLimit: 2048,
    sourcemap: false,
    reportCompressedSize: false,
  },
});
