import type { StreamDecoder } from '../providers/provider-adapter.js';
import type { StreamPart, Usage } from '../spec/index.js';

/**
 * Reads the usage out of a passed-through stream without touching it: the upstream's bytes also
 * go through the family's own stream decoder, and the `finish` part's usage is kept. A decoder
 * failure only loses the figures, never the stream.
 */
export class UsageTap {
  usage: Usage | undefined;
  #broken = false;

  constructor(private readonly decoder: StreamDecoder) {}

  push(chunk: Buffer): void {
    if (this.#broken) return;
    try {
      this.#take(this.decoder.push(chunk));
    } catch {
      this.#broken = true;
    }
  }

  end(): void {
    if (this.#broken) return;
    try {
      this.#take(this.decoder.end());
    } catch {
      this.#broken = true;
    }
  }

  /** Keeps the usage of `finish` parts, for translated streams that decode anyway. */
  observe(part: StreamPart): void {
    if (part.type === 'finish') this.usage = part.usage;
  }

  #take(parts: StreamPart[]): void {
    for (const part of parts) this.observe(part);
  }
}
