import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs';
import { join } from 'node:path';
import { redactSecrets } from './redact.js';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
const levelRank: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
  /** Path of the log file, when there is one (shown in error windows and `doctor`). */
  readonly filePath: string | undefined;
  close(): Promise<void>;
}

export interface LoggerOptions {
  level?: LogLevel;
  /** Folder for `omniroute.log`; without it the logger writes to stderr only. */
  logDir?: string;
  /** Mirror lines to stderr (the headless CLI does; tests do not). */
  console?: boolean;
}

/**
 * JSON-lines logger. File writes go through an async stream, so logging never blocks the request
 * path on disk; every line passes through the secret redactor.
 */
export function createLogger(options: LoggerOptions = {}): Logger {
  const threshold = levelRank[options.level ?? 'info'];
  let file: WriteStream | undefined;
  let filePath: string | undefined;
  if (options.logDir) {
    mkdirSync(options.logDir, { recursive: true, mode: 0o700 });
    filePath = join(options.logDir, 'omniroute.log');
    file = createWriteStream(filePath, { flags: 'a', mode: 0o600 });
  }
  const write = (level: LogLevel, message: string, fields?: Record<string, unknown>): void => {
    if (levelRank[level] < threshold) return;
    const line = redactSecrets(
      // Fields first, so a field can never overwrite the line's own time, level or message.
      JSON.stringify({ ...fields, time: new Date().toISOString(), level, message }, errorReplacer),
    );
    file?.write(line + '\n');
    if (options.console) process.stderr.write(line + '\n');
  };
  return {
    debug: (message, fields) => write('debug', message, fields),
    info: (message, fields) => write('info', message, fields),
    warn: (message, fields) => write('warn', message, fields),
    error: (message, fields) => write('error', message, fields),
    filePath,
    close: () => new Promise((resolve) => (file ? file.end(resolve) : resolve())),
  };
}

function errorReplacer(_key: string, value: unknown): unknown {
  if (value instanceof Error) {
    return { name: value.name, message: value.message, stack: value.stack, cause: value.cause };
  }
  return value;
}
