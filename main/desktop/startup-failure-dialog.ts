import { dirname } from 'node:path';
import type { ElectronModule } from './electron-api.js';
import type { StartupFailure } from './startup-failure.js';

/** What the user chose in the error window. */
export type StartupFailureChoice = 'retry' | 'close' | 'quit';

const buttons = ['Try again', 'Open log folder', 'Close', 'Quit OmniRoute'] as const;

/**
 * The native error window for a failed start: the reason, the fix and the log path, with the
 * actions that help. Opening the log folder shows the window again, so the fix stays in view.
 */
export async function showStartupFailure(electron: Pick<ElectronModule, 'dialog' | 'shell'>, failure: StartupFailure): Promise<StartupFailureChoice> {
  for (;;) {
    const { response } = await electron.dialog.showMessageBox({
      type: 'error',
      title: 'OmniRoute could not start',
      message: failure.reason,
      detail: `${failure.fix}\n\nLog file: ${failure.logPath}`,
      buttons: [...buttons],
      defaultId: 0,
      cancelId: 2,
      noLink: true,
    });
    if (buttons[response] === 'Open log folder') {
      await electron.shell.openPath(dirname(failure.logPath));
      continue;
    }
    if (buttons[response] === 'Try again') return 'retry';
    return buttons[response] === 'Quit OmniRoute' ? 'quit' : 'close';
  }
}
