import assert from 'node:assert/strict';
import { createServer, request, type IncomingMessage, type Server } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { closeServer, listenOnLoopback } from '../support/simulator-server.js';
import { startRouter, type TestRouter } from '../support/start-router.js';

const totalEvents = 20_000;
const eventPayload = 'x'.repeat(2_500);

/**
 * An upstream that streams ~50 MB as fast as the connection lets it, honouring backpressure, and
 * counts how many events it managed to hand to its socket.
 */
async function startFloodingUpstream(): Promise<{ server: Server; url: string; written: () => number }> {
  let written = 0;
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    const pump = (): void => {
      while (written < totalEvents) {
        written += 1;
        const ok = res.write(`data: {"n":${written},"pad":"${eventPayload}"}\n\n`);
        if (!ok) {
          res.once('drain', pump);
          return;
        }
      }
      res.end('data: [DONE]\n\n');
    };
    pump();
  });
  const port = await listenOnLoopback(server);
  return { server, url: `http://127.0.0.1:${port}/v1`, written: () => written };
}

describe('streaming backpressure', () => {
  let router: TestRouter;
  let upstream: Awaited<ReturnType<typeof startFloodingUpstream>>;
  before(async () => {
    upstream = await startFloodingUpstream();
    router = await startRouter();
    await router.addProvider({ name: 'flood', kind: 'openai', baseUrl: upstream.url, apiKey: 'sk-flood-0000000000', models: ['big'] });
  });
  after(async () => {
    await router.close();
    await closeServer(upstream.server);
  });

  it('a client that stops reading stops the upstream, and nothing is lost when it resumes', async () => {
    const body = JSON.stringify({ model: 'flood/big', stream: true, messages: [{ role: 'user', content: 'go' }] });
    const response = await new Promise<IncomingMessage>((resolve, reject) => {
      const outgoing = request(`${router.url}/v1/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json' } }, resolve);
      outgoing.on('error', reject);
      outgoing.end(body);
    });
    response.pause();
    await sleep(1000);
    const writtenWhilePaused = upstream.written();
    assert.ok(writtenWhilePaused < totalEvents / 4, `upstream held back by the slow client: wrote ${writtenWhilePaused} of ${totalEvents}`);

    let buffered = '';
    let events = 0;
    let last = 0;
    response.setEncoding('utf8');
    response.on('data', (text: string) => {
      buffered += text;
      let boundary: number;
      while ((boundary = buffered.indexOf('\n\n')) !== -1) {
        const event = buffered.slice(0, boundary);
        buffered = buffered.slice(boundary + 2);
        if (event === 'data: [DONE]') continue;
        const n = (JSON.parse(event.slice('data: '.length)) as { n: number }).n;
        assert.equal(n, last + 1, 'events arrive in order, none dropped');
        last = n;
        events += 1;
      }
    });
    response.resume();
    await new Promise((resolve) => response.once('end', resolve));
    assert.equal(events, totalEvents);
  });
});
