import { execFile } from 'node:child_process';

/** Outcome of running a command; never a thrown error. */
export interface CommandResult {
  ok: boolean;
  stdout: string;
  stderr: string;
  /** Why it failed: not found, timed out, exit code or signal. */
  failure: string | null;
}

export interface RunCommandOptions {
  env: Readonly<Record<string, string | undefined>>;
  timeoutMs: number;
  cwd?: string;
}

/**
 * Runs `file args` with execFile (no shell, so nothing in a path or argument is interpreted),
 * stdin closed and a hard timeout: a tool that waits for input or hangs cannot block detection.
 */
export function runCommand(file: string, args: readonly string[], options: RunCommandOptions): Promise<CommandResult> {
  return new Promise((resolve) => {
    const child = execFile(
      file,
      [...args],
      { env: options.env as NodeJS.ProcessEnv, timeout: options.timeoutMs, killSignal: 'SIGKILL', maxBuffer: 1024 * 1024, cwd: options.cwd, windowsHide: true },
      (error, stdout, stderr) => {
        if (!error) return resolve({ ok: true, stdout, stderr, failure: null });
        resolve({ ok: false, stdout, stderr, failure: describeFailure(error, options.timeoutMs) });
      },
    );
    child.stdin?.end();
  });
}

function describeFailure(error: { code?: string | number | null; killed?: boolean; signal?: string | null; message: string }, timeoutMs: number): string {
  if (error.code === 'ENOENT') return 'not found';
  if (error.code === 'EACCES') return 'not executable';
  if (error.killed || error.signal === 'SIGKILL') return `timed out after ${timeoutMs} ms`;
  if (typeof error.code === 'number') return `exited with code ${error.code}`;
  if (error.signal) return `killed by ${error.signal}`;
  return error.message;
}
