import * as electron from 'electron';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startDesktop } from './index.js';

// Bundled to dist/main/desktop/index.js (package.json "main"); assets/ ships beside dist/.
const here = dirname(fileURLToPath(import.meta.url));

// Called while the entry module evaluates, so startDesktop's synchronous first steps (app.setPath,
// the single-instance lock) run before Electron's ready event, as they must.
startDesktop(electron, {
  env: process.env,
  argv: process.argv,
  platform: process.platform,
  homeDir: homedir(),
  execPath: process.execPath,
  assetsDir: join(here, '..', '..', '..', 'assets'),
  preloadPath: join(here, 'preload.cjs'),
  uiDir: join(here, '..', '..', 'renderer'),
}).catch((error: unknown) => {
  // Anything before the router's own error window (a bad PORT, an unreadable data folder).
  electron.dialog.showErrorBox('OmniRoute could not start', error instanceof Error ? error.message : String(error));
  electron.app.quit();
});
