import { realpathSync, statSync } from 'node:fs';
import type { CommandResult } from './run-command.js';

/**
 * Remembers what a binary's version command printed, keyed by the file it really is and that
 * file's size and modification time: an upgrade replaces the file and so misses the cache, while
 * every other listing skips starting the tool again (Gemini CLI needs seconds to print its version).
 */
export class VersionCache {
  readonly #results = new Map<string, CommandResult>();

  async get(binary: string, run: () => Promise<CommandResult>): Promise<CommandResult> {
    const key = identify(binary);
    const cached = key === null ? undefined : this.#results.get(key);
    if (cached) return cached;
    const result = await run();
    // Failures are not kept: a timeout under load should not stick.
    if (key !== null && result.ok) this.#results.set(key, result);
    return result;
  }

  clear(): void {
    this.#results.clear();
  }
}

function identify(binary: string): string | null {
  try {
    const real = realpathSync(binary);
    const stats = statSync(real);
    return `${real}\0${stats.size}\0${stats.mtimeMs}`;
  } catch {
    return null;
  }
}
