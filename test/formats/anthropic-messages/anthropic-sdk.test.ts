import Anthropic from '@anthropic-ai/sdk';
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { GatewayError, toGatewayError } from '../../../main/errors/gateway-error.js';
import { anthropicMessagesFormat as format } from '../../../main/formats/anthropic-messages/anthropic-messages-format.js';
import type { GenerateResult, StreamPart } from '../../../main/spec/index.js';
import { usage } from './anthropic-test-support.js';

/**
 * The official SDK reads what the format writes, over real HTTP: a tiny server decodes each
 * request with the format, then answers with the scripted canonical parts or result, encoded.
 */
type Script = { parts: StreamPart[] } | { result: GenerateResult } | { error: GatewayError };

let script: Script;
let server: Server;
let client: Anthropic;
const requestId = 'req_sdk_test';

before(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      void (async () => {
        res.setHeader('request-id', requestId);
        try {
          const request = format.decodeRequest(JSON.parse(Buffer.concat(chunks).toString('utf8')));
          const context = { model: request.model, requestId, request };
          if ('error' in script) throw script.error;
          if ('result' in script) {
            assert.equal(request.stream, false);
            res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(format.encodeResult(script.result, context)));
            return;
          }
          assert.equal(request.stream, true);
          const encoder = format.createStreamEncoder(context);
          res.writeHead(200, { 'content-type': encoder.contentType });
          for (const part of script.parts) {
            const text = encoder.encode(part);
            // Events split across writes, as TCP may deliver them.
            const middle = Math.floor(text.length / 2);
            res.write(text.slice(0, middle));
            await new Promise((resolve) => setImmediate(resolve));
            res.write(text.slice(middle));
          }
          res.end(encoder.end());
        } catch (error) {
          const rendered = format.errors.renderError(toGatewayError(error), requestId);
          res.writeHead(rendered.status, { ...rendered.headers, 'content-type': 'application/json' }).end(JSON.stringify(rendered.body));
        }
      })();
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  client = new Anthropic({ baseURL: `http://127.0.0.1:${port}`, apiKey: 'x', maxRetries: 0 });
});

after(() => {
  server.close();
});

const params = {
  model: 'claude-sonnet-4-5',
  max_tokens: 1024,
  messages: [{ role: 'user' as const, content: 'Read /a and list files.' }],
  tools: [
    { name: 'Read', description: 'Reads a file', input_schema: { type: 'object' as const, properties: { file_path: { type: 'string' } } } },
    { name: 'Bash', input_schema: { type: 'object' as const, properties: { command: { type: 'string' } } } },
  ],
};

describe('anthropic-messages with the official SDK', () => {
  it('streams a message the SDK accumulates exactly', async () => {
    script = {
      parts: [
        { type: 'response-metadata', id: 'chatcmpl-1', modelId: 'gpt-5', created: 1 },
        { type: 'reasoning-start', id: 'r' },
        { type: 'reasoning-delta', id: 'r', delta: 'Two tools ' },
        { type: 'reasoning-delta', id: 'r', delta: 'needed.' },
        { type: 'reasoning-end', id: 'r', signature: 'c2lnbmF0dXJl' },
        { type: 'text-start', id: 't' },
        { type: 'text-delta', id: 't', delta: 'Reading ' },
        { type: 'text-delta', id: 't', delta: 'now — ✓.' },
        { type: 'text-end', id: 't' },
        { type: 'tool-input-start', id: 'call_Read-1', toolName: 'Read' },
        { type: 'tool-input-delta', id: 'call_Read-1', delta: '{"file_pa' },
        { type: 'tool-input-delta', id: 'call_Read-1', delta: 'th":"/a"}' },
        { type: 'tool-input-end', id: 'call_Read-1' },
        { type: 'tool-call', toolCallId: 'call_Read-1', toolName: 'Read', input: '{"file_path":"/a"}' },
        { type: 'tool-call', toolCallId: 'toolu_02', toolName: 'Bash', input: '{"command":"ls -la"}' },
        { type: 'finish', finishReason: { unified: 'tool-calls', raw: 'tool_calls' }, usage: usage({ inputTokens: 100, outputTokens: 30, cachedInputTokens: 60, cacheWriteInputTokens: 0 }) },
      ],
    };
    const stream = client.messages.stream(params);
    const texts: string[] = [];
    stream.on('text', (delta) => texts.push(delta));
    const message = await stream.finalMessage();
    assert.deepEqual(texts, ['Reading ', 'now — ✓.']);
    assert.match(message.id, /^msg_/);
    assert.equal(message.model, 'claude-sonnet-4-5');
    assert.equal(message.role, 'assistant');
    assert.deepEqual(message.content, [
      { type: 'thinking', thinking: 'Two tools needed.', signature: 'c2lnbmF0dXJl' },
      { type: 'text', text: 'Reading now — ✓.' },
      { type: 'tool_use', id: 'call_Read-1', name: 'Read', input: { file_path: '/a' } },
      { type: 'tool_use', id: 'toolu_02', name: 'Bash', input: { command: 'ls -la' } },
    ]);
    assert.equal(message.stop_reason, 'tool_use');
    assert.equal(message.stop_sequence, null);
    assert.deepEqual(message.usage, { input_tokens: 40, cache_creation_input_tokens: 0, cache_read_input_tokens: 60, output_tokens: 30 });
  });

  it('yields the raw events in Anthropic order', async () => {
    script = {
      parts: [
        { type: 'text-start', id: 't' },
        { type: 'text-delta', id: 't', delta: 'Hi' },
        { type: 'text-end', id: 't' },
        { type: 'finish', finishReason: { unified: 'stop', raw: 'stop' }, usage: usage({ inputTokens: 5, outputTokens: 1 }) },
      ],
    };
    const stream = await client.messages.create({ ...params, stream: true });
    const types: string[] = [];
    for await (const event of stream) types.push(event.type);
    assert.deepEqual(types, ['message_start', 'content_block_start', 'content_block_delta', 'content_block_stop', 'message_delta', 'message_stop']);
  });

  it('reads a whole answer from messages.create', async () => {
    script = {
      result: {
        content: [
          { type: 'text', text: 'Listing.' },
          { type: 'tool-call', toolCallId: 'call_x', toolName: 'Bash', input: '{"command":"ls","timeout":5}' },
        ],
        finishReason: { unified: 'tool-calls', raw: 'tool_calls' },
        usage: usage({ inputTokens: 20, outputTokens: 7 }),
        response: { id: 'msg_01Upstream', modelId: 'claude-sonnet-4-5-20250929', created: undefined },
      },
    };
    const response = await client.messages.create(params).withResponse();
    const message = response.data;
    assert.equal(response.request_id, requestId);
    assert.equal(message.id, 'msg_01Upstream');
    assert.equal(message.model, 'claude-sonnet-4-5');
    assert.deepEqual(message.content, [
      { type: 'text', text: 'Listing.' },
      { type: 'tool_use', id: 'call_x', name: 'Bash', input: { command: 'ls', timeout: 5 } },
    ]);
    assert.equal(message.stop_reason, 'tool_use');
    assert.deepEqual(message.usage, { input_tokens: 20, cache_creation_input_tokens: null, cache_read_input_tokens: null, output_tokens: 7 });
  });

  it('raises an SDK error of the right type for an error event mid-stream', async () => {
    script = {
      parts: [
        { type: 'text-start', id: 't' },
        { type: 'text-delta', id: 't', delta: 'Part' },
        { type: 'error', error: new GatewayError({ code: 'upstream_error', status: 529, message: 'Overloaded' }) },
      ],
    };
    const stream = client.messages.stream(params);
    await assert.rejects(stream.finalMessage(), (error: unknown) => {
      assert.ok(error instanceof Anthropic.APIError);
      assert.equal(error.type, 'overloaded_error');
      assert.match(error.message, /Overloaded/);
      return true;
    });
  });

  it('raises the SDK error class for the status, with type and request id', async () => {
    script = { error: new GatewayError({ code: 'rate_limited', status: 429, message: 'Slow down', headers: { 'retry-after': '3' } }) };
    await assert.rejects(client.messages.create(params), (error: unknown) => {
      assert.ok(error instanceof Anthropic.RateLimitError);
      assert.equal(error.status, 429);
      assert.equal(error.type, 'rate_limit_error');
      assert.equal(error.requestID, requestId);
      assert.equal(error.headers?.get('retry-after'), '3');
      return true;
    });
  });

  it('answers a request without max_tokens with a 400 the SDK understands', async () => {
    const { max_tokens: _omitted, ...withoutMaxTokens } = params;
    await assert.rejects(client.messages.create(withoutMaxTokens as unknown as typeof params), (error: unknown) => {
      assert.ok(error instanceof Anthropic.BadRequestError);
      assert.equal(error.type, 'invalid_request_error');
      assert.match(error.message, /max_tokens is required/);
      return true;
    });
  });
});
