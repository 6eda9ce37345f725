// `node --import ./hook.mjs --import tsx app.js`: the app's `import 'electron'` gets the substitute
// module next to this file, so a bundled or packaged main process runs under plain Node.
import { register } from 'node:module';

const substitute = new URL('./module.ts', import.meta.url).href;
register(
  'data:text/javascript,' +
    encodeURIComponent(`export async function resolve(specifier, context, next) {
      if (specifier === 'electron') return { url: ${JSON.stringify(substitute)}, shortCircuit: true };
      return next(specifier, context);
    }`),
);
