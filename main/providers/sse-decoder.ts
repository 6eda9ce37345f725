import { StringDecoder } from 'node:string_decoder';

/** One Server-Sent Event. */
export interface SseEvent {
  /** The `event:` field; undefined for plain `data:` events. */
  event: string | undefined;
  /** All `data:` lines of the event, joined with newlines. */
  data: string;
}

/**
 * Incremental SSE parser for upstream bodies: bytes in, whole events out. Lines may end in CRLF,
 * LF or CR; a multi-byte character split across chunks is kept whole; comments are dropped.
 * @see https://html.spec.whatwg.org/multipage/server-sent-events.html#event-stream-interpretation
 */
export class SseDecoder {
  private readonly text = new StringDecoder('utf8');
  private buffer = '';
  private event: string | undefined = undefined;
  private data: string[] = [];

  push(chunk: Buffer): SseEvent[] {
    this.buffer += this.text.write(chunk);
    return this.drain(false);
  }

  /** The body ended: a last event without its blank line still counts. */
  end(): SseEvent[] {
    this.buffer += this.text.end();
    return this.drain(true);
  }

  private drain(final: boolean): SseEvent[] {
    const events: SseEvent[] = [];
    let start = 0;
    for (;;) {
      const lf = this.buffer.indexOf('\n', start);
      const cr = this.buffer.indexOf('\r', start);
      let end = lf === -1 ? cr : cr === -1 ? lf : Math.min(lf, cr);
      if (end === -1) break;
      // A CR at the very end of the buffer may be the first half of a CRLF.
      if (end === cr && end === this.buffer.length - 1 && !final) break;
      const line = this.buffer.slice(start, end);
      if (end === cr && this.buffer[end + 1] === '\n') end += 1;
      start = end + 1;
      this.line(line, events);
    }
    this.buffer = this.buffer.slice(start);
    if (final) {
      if (this.buffer) this.line(this.buffer, events);
      this.buffer = '';
      this.line('', events);
    }
    return events;
  }

  private line(line: string, events: SseEvent[]): void {
    if (line === '') {
      if (this.data.length > 0) events.push({ event: this.event, data: this.data.join('\n') });
      this.event = undefined;
      this.data = [];
      return;
    }
    if (line.startsWith(':')) return;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'data') this.data.push(value);
    else if (field === 'event') this.event = value;
  }
}
