import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const repository = fileURLToPath(new URL('../../', import.meta.url));

export interface ChildResult {
  exitCode: number | null;
  stdout: string;
  stderr: string;
}

export interface RunInChildProcessOptions {
  /** An ES module body (top-level await allowed) run with tsx. */
  code: string;
  /** The child's whole environment; the keychain is found through it, so tests vary it. */
  env: NodeJS.ProcessEnv;
  /** Runs the command with these arguments first, with node and its arguments appended. */
  wrapper?: string[];
}

/**
 * Runs TypeScript in a separate Node process. Needed where the test depends on the environment a
 * native library reads once per process (the D-Bus session address), which this process must not
 * change under the other tests.
 */
export function runInChildProcess({ code, env, wrapper = [] }: RunInChildProcessOptions): Promise<ChildResult> {
  const nodeCommand = [process.execPath, '--import', 'tsx', '--input-type=module', '--eval', code];
  const [command, ...args] = [...wrapper, ...nodeCommand] as [string, ...string[]];
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: repository, env, stdio: ['ignore', 'pipe', 'pipe'], timeout: 60_000 });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (exitCode) => resolve({ exitCode, stdout, stderr }));
  });
}

/** A `file:` URL for a source module, to import from child code that runs outside this folder. */
export function sourceUrl(relativeToRepository: string): string {
  return pathToFileURL(path.join(repository, relativeToRepository)).href;
}
