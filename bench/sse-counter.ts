/**
 * Reads an OpenAI chat completion SSE stream as it arrives: counts data events, notes when the first
 * content delta arrived and when each content delta arrived, and reassembles the content, so the
 * bench can check that a proxy forwards every chunk, unchanged and without holding it back.
 */
export class SseCounter {
  /** Data events other than `[DONE]`. */
  chunkCount = 0;
  sawDone = false;
  content = '';
  /** Arrival time of the first content delta (same clock as the caller's `now`), if any. */
  firstContentAt: number | undefined;
  /** Arrival time of each content delta. */
  readonly contentArrivals: number[] = [];
  private pending = '';

  /** Feed one network read; `now` is its arrival time. */
  push(text: string, now: number): void {
    this.pending += text;
    let boundary = this.pending.indexOf('\n\n');
    while (boundary !== -1) {
      this.handleEvent(this.pending.slice(0, boundary), now);
      this.pending = this.pending.slice(boundary + 2);
      boundary = this.pending.indexOf('\n\n');
    }
  }

  private handleEvent(event: string, now: number): void {
    for (const line of event.split('\n')) {
      if (!line.startsWith('data:')) continue;
      const payload = line.slice(5).trim();
      if (payload === '[DONE]') {
        this.sawDone = true;
        continue;
      }
      this.chunkCount++;
      const delta = readContentDelta(payload);
      if (delta === undefined || delta === '') continue;
      this.content += delta;
      this.firstContentAt ??= now;
      this.contentArrivals.push(now);
    }
  }
}

function readContentDelta(payload: string): string | undefined {
  try {
    const chunk = JSON.parse(payload) as { choices?: { delta?: { content?: unknown } }[] };
    const content = chunk.choices?.[0]?.delta?.content;
    return typeof content === 'string' ? content : undefined;
  } catch {
    return undefined;
  }
}
