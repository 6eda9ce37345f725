import { StringDecoder } from 'node:string_decoder';

/**
 * Incremental newline-delimited JSON framing: bytes in, whole lines out. A line split across
 * chunks waits for its end; a multi-byte character split across chunks is kept whole; blank lines
 * and a trailing CR are dropped.
 * @see https://github.com/ndjson/ndjson-spec
 */
export class NdjsonDecoder {
  private readonly text = new StringDecoder('utf8');
  private buffer = '';

  push(chunk: Buffer): string[] {
    this.buffer += this.text.write(chunk);
    const lines: string[] = [];
    let start = 0;
    for (let end = this.buffer.indexOf('\n'); end !== -1; end = this.buffer.indexOf('\n', start)) {
      addLine(lines, this.buffer.slice(start, end));
      start = end + 1;
    }
    this.buffer = this.buffer.slice(start);
    return lines;
  }

  /** The body ended: a last line without its newline still counts. */
  end(): string[] {
    const rest = this.buffer + this.text.end();
    this.buffer = '';
    const lines: string[] = [];
    addLine(lines, rest);
    return lines;
  }
}

function addLine(lines: string[], raw: string): void {
  const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
  if (line.trim() !== '') lines.push(line);
}
