import assert from 'node:assert/strict';
import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { closeServer, listenOnLoopback } from '../support/simulator-server.js';
import { startRouter, type TestRouter } from '../support/start-router.js';

const firstHalf = 'data: {"id":"c1","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"content":"hel';
const rest = 'lo"}}]}\n\ndata: [DONE]\n\n';

/** An upstream whose first chunk is half an event; the rest waits until the test releases it. */
async function startHalfEventUpstream(): Promise<{ server: Server; url: string; release: () => void }> {
  const waiting: ServerResponse[] = [];
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write(firstHalf);
      waiting.push(res);
    });
  });
  const port = await listenOnLoopback(server);
  return { server, url: `http://127.0.0.1:${port}/v1`, release: () => waiting.splice(0).forEach((res) => res.end(rest)) };
}

describe('stream response headers', () => {
  let router: TestRouter;
  let upstream: Awaited<ReturnType<typeof startHalfEventUpstream>>;
  before(async () => {
    upstream = await startHalfEventUpstream();
    router = await startRouter();
    await router.addProvider({ name: 'half', kind: 'openai', baseUrl: upstream.url, apiKey: 'sk-half-0000000000', models: ['m'] });
  });
  after(async () => {
    await router.close();
    await closeServer(upstream.server);
  });

  it('reach the client as soon as the upstream starts answering, even before its first whole event', { timeout: 10_000 }, async () => {
    const body = JSON.stringify({ model: 'half/m', stream: true, messages: [{ role: 'user', content: 'hi' }] });
    const response = await new Promise<IncomingMessage>((resolve, reject) => {
      const outgoing = request(`${router.url}/v1/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json' } }, resolve);
      outgoing.on('error', reject);
      outgoing.end(body);
    });
    // The upstream still holds the rest of its first event back: only the headers can be here.
    assert.equal(response.statusCode, 200);
    assert.match(response.headers['content-type'] ?? '', /^text\/event-stream/);
    assert.equal(response.headers['x-omniroute-provider'], 'half');
    const chunks: Buffer[] = [];
    response.on('data', (chunk: Buffer) => chunks.push(chunk));
    const ended = new Promise((resolve) => response.on('end', resolve));
    upstream.release();
    await ended;
    assert.equal(Buffer.concat(chunks).toString(), firstHalf + rest);
  });
});
