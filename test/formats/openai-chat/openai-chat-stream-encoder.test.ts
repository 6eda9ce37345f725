import assert from 'node:assert/strict';
import { chatRequest } from '../../support/chat-request.js';
import { after, before, describe, it } from 'node:test';
import OpenAI from 'openai';
import type { ChatCompletionChunk } from 'openai/resources/chat/completions';
import { GatewayError } from '../../../main/errors/gateway-error.js';
import { openAiChatFormat } from '../../../main/formats/openai-chat/openai-chat-format.js';
import type { OpenAiChatEncodeContext } from '../../../main/formats/openai-chat/openai-chat-stream-encoder.js';
import type { StreamPart, Usage } from '../../../main/spec/index.js';
import { startCannedAnswerServer, type CannedAnswerServer } from './canned-answer-server.js';

const usage: Usage = { inputTokens: 11, outputTokens: 7, cachedInputTokens: 3, cacheWriteInputTokens: undefined, reasoningTokens: undefined };

function contextFor(includeUsage: boolean | undefined): OpenAiChatEncodeContext {
  return {
    model: 'sim/gpt-4o-mini',
    requestId: 'req_1',
    request: chatRequest({ providerMetadata: includeUsage === undefined ? {} : { openai: { includeUsage } } }),
  };
}

/** The encoder's whole output for `parts`, as the client would receive it, one SSE event per item. */
function encodeAll(parts: StreamPart[], includeUsage?: boolean): string[] {
  const encoder = openAiChatFormat.createStreamEncoder(contextFor(includeUsage));
  assert.equal(encoder.contentType, 'text/event-stream; charset=utf-8');
  const text = parts.map((part) => encoder.encode(part)).join('') + encoder.end();
  return text.split(/(?<=\n\n)/);
}

const textStream: StreamPart[] = [
  { type: 'response-metadata', id: 'msg_1', modelId: 'claude', created: 1700000000 },
  { type: 'reasoning-start', id: 'r0' },
  { type: 'reasoning-delta', id: 'r0', delta: 'Hmm.' },
  { type: 'reasoning-end', id: 'r0', signature: 'sig' },
  { type: 'text-start', id: 't0' },
  { type: 'text-delta', id: 't0', delta: 'Hel' },
  { type: 'text-delta', id: 't0', delta: '' },
  { type: 'text-delta', id: 't0', delta: 'lo "there"\n' },
  { type: 'text-end', id: 't0' },
  { type: 'finish', finishReason: { unified: 'stop', raw: 'end_turn' }, usage },
];

const toolStream: StreamPart[] = [
  { type: 'response-metadata', id: 'chatcmpl-up', modelId: undefined, created: 5 },
  { type: 'text-start', id: 't0' },
  { type: 'text-delta', id: 't0', delta: 'Checking.' },
  { type: 'text-end', id: 't0' },
  { type: 'tool-input-start', id: 'toolu_A', toolName: 'get_weather' },
  { type: 'tool-input-delta', id: 'toolu_A', delta: '{"city":' },
  { type: 'tool-input-delta', id: 'toolu_A', delta: '"Par\u00eds ✓"}' },
  { type: 'tool-input-end', id: 'toolu_A' },
  { type: 'tool-call', toolCallId: 'toolu_A', toolName: 'get_weather', input: '{"city":"Par\u00eds ✓"}' },
  // Anthropic streams no input for a call without arguments, then says `{}` in the whole call.
  { type: 'tool-input-start', id: 'toolu_B', toolName: 'list_files' },
  { type: 'tool-input-end', id: 'toolu_B' },
  { type: 'tool-call', toolCallId: 'toolu_B', toolName: 'list_files', input: '{}' },
  // A call the upstream never streamed (Gemini sends calls whole).
  { type: 'tool-call', toolCallId: 'call_C', toolName: 'get_time', input: '{"tz":"UTC"}' },
  { type: 'finish', finishReason: { unified: 'tool-calls', raw: 'tool_use' }, usage },
];

describe('openai-chat stream encoder', () => {
  it('writes chunks in OpenAI’s shape: role first, deltas, finish, [DONE]; no usage chunk unless asked', () => {
    const head = '{"id":"chatcmpl-req_1","object":"chat.completion.chunk","created":1700000000,"model":"sim/gpt-4o-mini","choices":';
    const event = (delta: string, finish = 'null') => `data: ${head}[{"index":0,"delta":${delta},"logprobs":null,"finish_reason":${finish}}]}\n\n`;
    assert.deepEqual(encodeAll(textStream), [
      event('{"role":"assistant","content":"","refusal":null}'),
      event('{"reasoning_content":"Hmm."}'),
      event('{"content":"Hel"}'),
      event('{"content":"lo \\"there\\"\\n"}'),
      event('{}', '"stop"'),
      'data: [DONE]\n\n',
    ]);
  });

  it('puts usage: null on every chunk and a usage chunk with empty choices last when include_usage was asked', () => {
    const events = encodeAll(textStream, true);
    const chunks = events.slice(0, -1).map((text) => JSON.parse(text.slice('data: '.length)) as ChatCompletionChunk);
    assert.ok(chunks.slice(0, -1).every((chunk) => chunk.usage === null && chunk.choices.length === 1));
    assert.deepEqual(chunks.at(-1)?.choices, []);
    assert.deepEqual(chunks.at(-1)?.usage, { prompt_tokens: 11, completion_tokens: 7, total_tokens: 18, prompt_tokens_details: { cached_tokens: 3 } });
    assert.equal(events.at(-1), 'data: [DONE]\n\n');
  });

  it('ends a failed stream with the error event and no [DONE], ignoring anything after it', () => {
    const encoder = openAiChatFormat.createStreamEncoder(contextFor(false));
    encoder.encode(textStream[0]!);
    const error = new GatewayError({ code: 'stream_interrupted', status: 502, message: 'cut' });
    assert.equal(encoder.encode({ type: 'error', error }), `data: ${JSON.stringify({ error: { message: 'cut', type: 'server_error', param: null, code: 'stream_interrupted' } })}\n\n`);
    assert.equal(encoder.encode(textStream[5]!), '');
    assert.equal(encoder.end(), '');
  });

  describe('read by the official SDK', () => {
    let server: CannedAnswerServer;
    let client: OpenAI;
    before(async () => {
      server = await startCannedAnswerServer();
      client = new OpenAI({ baseURL: server.url, apiKey: 'k', maxRetries: 0 });
    });
    after(() => server.close());

    const serve = (parts: StreamPart[], includeUsage?: boolean): void =>
      server.answer({ contentType: 'text/event-stream; charset=utf-8', pieces: encodeAll(parts, includeUsage) });
    const request = { model: 'sim/gpt-4o-mini', messages: [{ role: 'user' as const, content: 'x' }], stream: true as const };

    it('streams text; the usage chunk arrives only with include_usage', async () => {
      for (const includeUsage of [false, true]) {
        serve(textStream, includeUsage);
        const chunks: ChatCompletionChunk[] = [];
        for await (const chunk of await client.chat.completions.create(request)) chunks.push(chunk);
        const text = chunks.map((chunk) => chunk.choices[0]?.delta.content ?? '').join('');
        assert.equal(text, 'Hello "there"\n');
        assert.equal(chunks.find((chunk) => chunk.choices[0]?.finish_reason)?.choices[0]?.finish_reason, 'stop');
        assert.equal(chunks.at(-1)?.usage?.total_tokens, includeUsage ? 18 : undefined, `include_usage ${includeUsage}`);
        assert.ok(chunks.every((chunk) => chunk.id === 'chatcmpl-req_1' && chunk.model === 'sim/gpt-4o-mini'));
      }
    });

    it('accumulates parallel tool calls exactly, streamed or whole', async () => {
      serve(toolStream, true);
      const stream = client.chat.completions.stream({ model: 'sim/gpt-4o-mini', messages: [{ role: 'user', content: 'x' }] });
      const completion = await stream.finalChatCompletion();
      const message = completion.choices[0]?.message;
      assert.equal(message?.content, 'Checking.');
      assert.deepEqual(
        message?.tool_calls?.map((call) => (call.type === 'function' ? [call.id, call.function.name, call.function.arguments] : [])),
        [
          ['toolu_A', 'get_weather', '{"city":"Par\u00eds ✓"}'],
          ['toolu_B', 'list_files', '{}'],
          ['call_C', 'get_time', '{"tz":"UTC"}'],
        ],
      );
      assert.equal(completion.choices[0]?.finish_reason, 'tool_calls');
      assert.equal(completion.usage?.prompt_tokens, 11);
    });

    it('raises an APIError for an error part, after the text that came before it', async () => {
      const parts: StreamPart[] = [
        ...textStream.slice(0, 6),
        { type: 'error', error: new GatewayError({ code: 'rate_limited', status: 429, message: 'Slow down.' }) },
      ];
      serve(parts);
      let text = '';
      await assert.rejects(
        async () => {
          for await (const chunk of await client.chat.completions.create(request)) text += chunk.choices[0]?.delta.content ?? '';
        },
        (error: unknown) => error instanceof OpenAI.APIError && error.message.includes('Slow down.') && error.code === 'rate_limited',
      );
      assert.equal(text, 'Hel');
    });
  });
});
