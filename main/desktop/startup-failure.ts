import { StartupError } from '../app.js';
import { DatabaseTooNewError, MigrationError } from '../store/index.js';

/** A failure to start, told as the error window shows it. */
export interface StartupFailure {
  /** What went wrong, in one or two sentences. */
  reason: string;
  /** What the user can do about it. */
  fix: string;
  /** Where the details are. */
  logPath: string;
}

export interface DescribeStartupFailureOptions {
  dataDir: string;
  logPath: string;
  port: number;
}

/**
 * Turns whatever stopped the router from starting into a reason and a fix for the error window.
 * Messages of our own errors already carry a fix for the command line; the desktop app has no
 * flags, so its fixes speak of environment variables, the tray and the data folder.
 */
export function describeStartupFailure(error: unknown, options: DescribeStartupFailureOptions): StartupFailure {
  const { logPath, dataDir, port } = options;
  if (error instanceof StartupError && (error.cause as NodeJS.ErrnoException | undefined)?.code === 'EADDRINUSE') {
    return {
      reason: `Port ${port} is already in use, so the router cannot listen on it. Another OmniRoute (the command-line \`omniroute serve\`, or a second copy of this app) may be running.`,
      fix: `Stop the other program using port ${port}, then choose Try again. To use another port, start OmniRoute Desktop with the environment variable PORT set to a free port.`,
      logPath,
    };
  }
  if (error instanceof DatabaseTooNewError) {
    return {
      reason: error.message,
      fix: `Install the newer OmniRoute that created this database, or start this version with DATA_DIR set to another folder. Your data in ${dataDir} was not touched.`,
      logPath,
    };
  }
  if (error instanceof MigrationError) {
    return {
      reason: error.message,
      fix: `The database was left as it was before the upgrade. Restore a backup, or move ${dataDir} aside to start fresh; please report this error with the log attached.`,
      logPath,
    };
  }
  const message = error instanceof Error ? error.message : String(error);
  // Our messages put their remedy after "Fix:"; keep that remedy as the fix.
  const [reason = message, fix] = message.split(/\s*Fix:\s*/, 2);
  if (/keychain/i.test(message)) {
    return {
      reason: `The OS keychain is locked or not available, and OmniRoute keeps your provider keys only there. (${reason.trim()})`,
      fix: `Unlock your login keychain (it usually unlocks when you sign in), then choose Try again.${fix ? ` ${fix}` : ''}`,
      logPath,
    };
  }
  return { reason: reason.trim(), fix: fix ?? 'Open the log folder for the details, then choose Try again.', logPath };
}
