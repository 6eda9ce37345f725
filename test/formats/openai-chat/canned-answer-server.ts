import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface CannedAnswer {
  status?: number;
  contentType: string;
  /** Written one piece at a time, so a stream arrives as separate writes. */
  pieces: string[];
}

export interface CannedAnswerServer {
  /** Base URL for the OpenAI SDK (`/v1`). */
  url: string;
  answer(next: CannedAnswer): void;
  close(): Promise<void>;
}

/** A loopback server that answers every request with the canned answer set last: our encoder's output. */
export async function startCannedAnswerServer(): Promise<CannedAnswerServer> {
  let current: CannedAnswer = { contentType: 'application/json', pieces: ['{}'] };
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(current.status ?? 200, { 'content-type': current.contentType, 'x-request-id': 'req_test' });
      for (const piece of current.pieces) res.write(piece);
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    answer: (next) => {
      current = next;
    },
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
