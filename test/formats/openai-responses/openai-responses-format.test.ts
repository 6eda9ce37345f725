import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import OpenAI from 'openai';
import { GatewayError } from '../../../main/errors/gateway-error.js';
import { openAiResponsesFormat } from '../../../main/formats/openai-responses/openai-responses-format.js';
import { createMemoryResponseStore, expandPreviousResponse, recordResponse } from '../../../main/formats/openai-responses/response-store.js';
import type { StreamPart, Usage } from '../../../main/spec/index.js';
import { startCannedAnswerServer, type CannedAnswerServer } from '../openai-chat/canned-answer-server.js';

const usage: Usage = { inputTokens: 11, outputTokens: 7, cachedInputTokens: 3, cacheWriteInputTokens: undefined, reasoningTokens: 2 };
const decode = (body: unknown) => openAiResponsesFormat.decodeRequest(body);
const context = (body: unknown = { model: 'sim/gpt', input: 'hi' }) => ({ model: 'sim/gpt', requestId: 'req1', request: decode(body) });

const stream: StreamPart[] = [
  { type: 'response-metadata', id: 'x', modelId: 'm', created: 1700000000 },
  { type: 'reasoning-start', id: 'r0', providerMetadata: { 'openai-responses': { itemId: 'rs_up' } } },
  { type: 'reasoning-delta', id: 'r0', delta: 'Think.' },
  { type: 'reasoning-end', id: 'r0', providerMetadata: { 'openai-responses': { itemId: 'rs_up', encryptedContent: 'ENC' } } },
  { type: 'text-start', id: 't0' },
  { type: 'text-delta', id: 't0', delta: 'Hi' },
  { type: 'text-end', id: 't0' },
  { type: 'tool-input-start', id: 'call_A', toolName: 'get_weather' },
  { type: 'tool-input-delta', id: 'call_A', delta: '{"city":' },
  { type: 'tool-input-end', id: 'call_A' },
  { type: 'tool-call', toolCallId: 'call_A', toolName: 'get_weather', input: '{"city":"Paris"}' },
  { type: 'finish', finishReason: { unified: 'tool-calls', raw: 'tool_use' }, usage },
];

function encodeStream(parts: StreamPart[]): string {
  const encoder = openAiResponsesFormat.createStreamEncoder(context());
  return parts.map((part) => encoder.encode(part)).join('') + encoder.end();
}

describe('openai-responses client format', () => {
  it('decodes a string input as one user message, instructions first', () => {
    const request = decode({ model: 'm', input: 'hello', instructions: 'Be brief.', max_output_tokens: 20, store: false });
    assert.deepEqual(request.messages, [
      { role: 'system', content: [{ type: 'text', text: 'Be brief.', providerMetadata: { 'openai-responses': { instructions: true } } }] },
      { role: 'user', content: [{ type: 'text', text: 'hello' }] },
    ]);
    assert.equal(request.maxOutputTokens, 20);
    assert.equal(request.providerMetadata['openai-responses']?.store, false);
  });

  it('decodes items: reasoning, function calls and outputs, keeping ids and encrypted content', () => {
    const request = decode({
      model: 'm',
      input: [
        { role: 'user', content: [{ type: 'input_text', text: 'Weather?' }] },
        { type: 'reasoning', id: 'rs_1', summary: [{ type: 'summary_text', text: 'Need tool.' }], encrypted_content: 'ENC' },
        { type: 'function_call', call_id: 'call_X', name: 'get_weather', arguments: '{}', id: 'fc_1' },
        { type: 'function_call_output', call_id: 'call_X', output: 'sunny' },
      ],
      tools: [{ type: 'function', name: 'get_weather', parameters: { type: 'object' } }, { type: 'web_search' }],
    });
    assert.deepEqual(request.messages.slice(1), [
      {
        role: 'assistant',
        content: [
          { type: 'reasoning', text: 'Need tool.', providerMetadata: { 'openai-responses': { itemId: 'rs_1', encryptedContent: 'ENC' } } },
          { type: 'tool-call', toolCallId: 'call_X', toolName: 'get_weather', input: '{}', providerMetadata: { 'openai-responses': { itemId: 'fc_1' } } },
        ],
      },
      { role: 'tool', content: [{ type: 'tool-result', toolCallId: 'call_X', toolName: 'get_weather', output: [{ type: 'text', text: 'sunny' }], isError: false }] },
    ]);
    // A hosted tool that is only offered is left out with a warning, never a failure: agents offer them on every request.
    assert.deepEqual(openAiResponsesFormat.checkTranslatable?.(request, 'anthropic'), ["the hosted tool 'web_search' at 'tools[1]' is not available from provider 'anthropic' and was left out"]);
  });

  it('rejects a bad input with the field named', () => {
    assert.throws(() => decode({ model: 'm', input: [{ type: 'function_call', call_id: 'c', arguments: '{}' }] }), (error: GatewayError) => error.param === 'input[0].name');
  });

  it('encodes a whole result: items, incomplete status for length, usage as reported', () => {
    const body = openAiResponsesFormat.encodeResult(
      { content: [{ type: 'text', text: 'Hi' }], finishReason: { unified: 'length', raw: 'length' }, usage, response: { id: undefined, modelId: undefined, created: 5 } },
      context(),
    ) as Record<string, unknown>;
    assert.equal(body.id, 'resp_req1');
    assert.equal(body.status, 'incomplete');
    assert.deepEqual(body.incomplete_details, { reason: 'max_output_tokens' });
    assert.deepEqual(body.output, [{ id: 'msg_req10', type: 'message', status: 'completed', role: 'assistant', content: [{ type: 'output_text', text: 'Hi', annotations: [] }] }]);
    assert.deepEqual(body.usage, { input_tokens: 11, output_tokens: 7, total_tokens: 18, input_tokens_details: { cached_tokens: 3 }, output_tokens_details: { reasoning_tokens: 2 } });
  });

  it("echoes the client's metadata on the response, as OpenAI does; none is {}", () => {
    const result = { content: [{ type: 'text' as const, text: 'Hi' }], finishReason: { unified: 'stop' as const, raw: 'stop' }, usage, response: { id: undefined, modelId: undefined, created: 5 } };
    const tagged = openAiResponsesFormat.encodeResult(result, context({ model: 'sim/gpt', input: 'hi', metadata: { ticket: 'OPS-12', team: 'infra' } })) as Record<string, unknown>;
    assert.deepEqual(tagged.metadata, { ticket: 'OPS-12', team: 'infra' });
    const plain = openAiResponsesFormat.encodeResult(result, context()) as Record<string, unknown>;
    assert.deepEqual(plain.metadata, {});
    const streamed = encodeStream(stream.slice(0, 1));
    assert.match(streamed, /"metadata":\{\}/);
    assert.throws(() => decode({ model: 'm', input: 'hi', metadata: { count: 3 } }), /metadata/);
  });

  it('streams the documented event order with sequence numbers 0, 1, 2, ...', () => {
    const events = encodeStream(stream).split(/(?<=\n\n)/).filter(Boolean);
    const parsed = events.map((text) => {
      const [eventLine, dataLine] = text.split('\n');
      const data = JSON.parse(dataLine!.slice('data: '.length)) as { type: string; sequence_number: number };
      assert.equal(eventLine, `event: ${data.type}`);
      return data;
    });
    assert.deepEqual(parsed.map((event) => event.sequence_number), parsed.map((_, index) => index));
    assert.deepEqual(parsed.map((event) => event.type), [
      'response.created', 'response.in_progress',
      'response.output_item.added', 'response.reasoning_summary_part.added', 'response.reasoning_summary_text.delta', 'response.reasoning_summary_text.done', 'response.reasoning_summary_part.done', 'response.output_item.done',
      'response.output_item.added', 'response.content_part.added', 'response.output_text.delta', 'response.output_text.done', 'response.content_part.done', 'response.output_item.done',
      'response.output_item.added', 'response.function_call_arguments.delta', 'response.function_call_arguments.delta', 'response.function_call_arguments.done', 'response.output_item.done',
      'response.completed',
    ]);
    const completed = parsed.at(-1) as unknown as { response: { output: Record<string, unknown>[] } };
    assert.deepEqual(completed.response.output[0], { id: 'rs_up', type: 'reasoning', summary: [{ type: 'summary_text', text: 'Think.' }], encrypted_content: 'ENC' });
    assert.deepEqual(completed.response.output[2], { id: 'fc_req12', type: 'function_call', status: 'completed', arguments: '{"city":"Paris"}', call_id: 'call_A', name: 'get_weather' });
  });

  it('ends a failed stream with response.failed, never response.completed', () => {
    const text = encodeStream([stream[0]!, { type: 'error', error: new GatewayError({ code: 'upstream_error', status: 502, message: 'boom' }) }]);
    assert.match(text, /event: response\.failed\ndata: .*"status":"failed","error":\{"code":"server_error","message":"boom"\}.*"sequence_number":2\}/);
    assert.doesNotMatch(text, /completed|\[DONE\]/);
  });

  it('previous_response_id expands from the store; an unknown id is a 400 naming it', () => {
    const store = createMemoryResponseStore();
    const first = decode({ model: 'm', input: 'one', instructions: 'old' });
    recordResponse({ store, id: 'resp_1', request: first, content: [{ type: 'text', text: 'uno' }], createdAt: 1 });
    const next = expandPreviousResponse(decode({ model: 'm', input: 'two', previous_response_id: 'resp_1' }), 'resp_1', store);
    assert.deepEqual(next.messages.map((message) => [message.role, (message.content[0] as { text: string }).text]), [['user', 'one'], ['assistant', 'uno'], ['user', 'two']]);
    assert.throws(() => expandPreviousResponse(next, 'resp_nope', store), (error: GatewayError) => error.status === 400 && error.param === 'previous_response_id');
  });
});

describe('the official openai SDK reads what the encoder writes', () => {
  let server: CannedAnswerServer;
  let client: OpenAI;
  before(async () => {
    server = await startCannedAnswerServer();
    client = new OpenAI({ apiKey: 'k', baseURL: server.url, maxRetries: 0 });
  });
  after(() => server.close());

  it('streams events in order and ends with the completed response', async () => {
    server.answer({ contentType: 'text/event-stream', pieces: [encodeStream(stream)] });
    const events = await client.responses.create({ model: 'sim/gpt', input: 'hi', stream: true });
    const types: string[] = [];
    let text = '';
    for await (const event of events) {
      types.push(event.type);
      if (event.type === 'response.output_text.delta') text += event.delta;
    }
    assert.equal(text, 'Hi');
    assert.equal(types.at(-1), 'response.completed');
  });

  it('non-streaming: output_text and function_call items', async () => {
    const body = openAiResponsesFormat.encodeResult(
      { content: [{ type: 'text', text: 'Hello' }, { type: 'tool-call', toolCallId: 'call_Z', toolName: 'f', input: '{}' }], finishReason: { unified: 'tool-calls', raw: undefined }, usage, response: { id: undefined, modelId: undefined, created: 1 } },
      context(),
    );
    server.answer({ contentType: 'application/json', pieces: [JSON.stringify(body)] });
    const response = await client.responses.create({ model: 'sim/gpt', input: 'hi' });
    assert.equal(response.output_text, 'Hello');
    assert.deepEqual(response.output.filter((item) => item.type === 'function_call').map((item) => item.call_id), ['call_Z']);
  });
});
