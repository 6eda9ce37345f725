import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';

const cliPath = join(import.meta.dirname, '..', '..', 'main', 'cli.ts');

/** The management token every CLI process the tests start uses. */
export const cliAdminToken = 'cli-test-admin-token-0123456789';

export interface RunningCli {
  child: ChildProcess;
  url: string;
  output: () => string;
}

/** `omniroute <args>` from the sources (through tsx), with the test management token and `env` over this process's environment. */
export function runCli(args: string[], env: Record<string, string> = {}): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', cliPath, ...args], {
    env: { ...process.env, OMNIROUTE_ADMIN_TOKEN: cliAdminToken, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** Starts `omniroute serve` on a free port and resolves once it says where it listens. */
export async function startCli(dataDir: string, env: Record<string, string> = {}, args = ['serve', '--port', '0', '--data-dir', dataDir]): Promise<RunningCli> {
  const child = runCli(args, env);
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no start within 20 s:\n${output}`)), 20_000);
    child.stdout?.on('data', () => {
      const match = /OmniRoute listening on (http:\/\/\S+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.once('exit', (code) => reject(new Error(`exited with ${code}:\n${output}`)));
  });
  return { child, url, output: () => output };
}

/** Waits for a CLI process to end: its exit code and everything it wrote. */
export async function exitOf(child: ChildProcess): Promise<{ code: number | null; output: string }> {
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const [code] = (await once(child, 'exit')) as [number | null];
  return { code, output };
}
