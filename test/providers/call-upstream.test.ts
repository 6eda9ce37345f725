import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import { callUpstream, readBody } from '../../main/providers/call-upstream.js';
import { createEndpoint } from '../../main/providers/upstream-endpoint.js';
import { Cancellation } from '../../main/util/cancellation.js';

// What the upstream receives, header by header (rawHeaders: duplicates would show).
let server: Server;
let received: { rawHeaders: string[]; body: string }[] = [];
let baseUrl: string;

before(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      received.push({ rawHeaders: req.rawHeaders, body: Buffer.concat(chunks).toString('utf8') });
      res.end('{}');
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
});
after(() => server.close());

async function send(endpointHeaders: Record<string, string>, call: { headers?: Record<string, string>; body?: string } = {}): Promise<Map<string, string[]>> {
  received = [];
  const endpoint = createEndpoint({ provider: 'sim', baseUrl, headers: endpointHeaders });
  const response = await callUpstream({ endpoint, method: call.body ? 'POST' : 'GET', path: '/chat/completions', cancellation: new Cancellation(), timeoutMs: 5000, ...call });
  await readBody(response, 1024);
  const headers = new Map<string, string[]>();
  const raw = received[0]?.rawHeaders ?? [];
  for (let index = 0; index < raw.length; index += 2) {
    const name = (raw[index] as string).toLowerCase();
    headers.set(name, [...(headers.get(name) ?? []), raw[index + 1] as string]);
  }
  return headers;
}

test('an upstream call sends host, the endpoint headers and, with a body, its type and length, each once', async () => {
  // Not ASCII: the length is in bytes of UTF-8, not in characters.
  const body = '{"model":"m","content":"héllo ✓"}';
  const headers = await send({ authorization: 'Bearer sk-test' }, { body });
  assert.deepEqual(headers.get('host'), [new URL(baseUrl).host]);
  assert.deepEqual(headers.get('authorization'), ['Bearer sk-test']);
  assert.deepEqual(headers.get('content-type'), ['application/json']);
  assert.deepEqual(headers.get('content-length'), [String(Buffer.byteLength(body))]);
  assert.notEqual(Buffer.byteLength(body), body.length);
  assert.equal(received[0]?.body, body);
});

test('per-call headers replace endpoint headers of the same name, whatever the case; the body type always wins', async () => {
  const headers = await send(
    { 'X-Vendor': 'endpoint', 'Content-Type': 'text/plain', 'anthropic-version': '2023-06-01' },
    { headers: { 'x-vendor': 'call', 'Anthropic-Beta': 'tools' }, body: '{}' },
  );
  assert.deepEqual(headers.get('x-vendor'), ['call']);
  assert.deepEqual(headers.get('anthropic-beta'), ['tools']);
  assert.deepEqual(headers.get('anthropic-version'), ['2023-06-01']);
  assert.deepEqual(headers.get('content-type'), ['application/json']);
});

test('a Host header configured on the endpoint is sent instead of the URL host', async () => {
  const headers = await send({ Host: 'gateway.internal' });
  assert.deepEqual(headers.get('host'), ['gateway.internal']);
  assert.equal(headers.get('content-length'), undefined);
});

test('the host header names a non-default port and brackets an IPv6 literal, as node:http would', () => {
  assert.deepEqual(createEndpoint({ provider: 'p', baseUrl: 'http://[::1]:8080/v1', headers: {} }).headerList, ['host', '[::1]:8080']);
  assert.deepEqual(createEndpoint({ provider: 'p', baseUrl: 'https://api.example.com:443/v1', headers: { 'X-Key': 'k' } }).headerList, ['host', 'api.example.com', 'x-key', 'k']);
  // A header whose value is "host" is not a Host header.
  assert.deepEqual(createEndpoint({ provider: 'p', baseUrl: 'http://127.0.0.1:9/v1', headers: { 'x-route': 'host' } }).headerList, ['host', '127.0.0.1:9', 'x-route', 'host']);
});
