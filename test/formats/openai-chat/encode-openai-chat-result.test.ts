import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import OpenAI from 'openai';
import { openAiChatFormat } from '../../../main/formats/openai-chat/openai-chat-format.js';
import type { GenerateResult, Usage } from '../../../main/spec/index.js';
import { chatRequest } from '../../support/chat-request.js';
import { startCannedAnswerServer, type CannedAnswerServer } from './canned-answer-server.js';

const context = { model: 'sim/gpt-4o-mini', requestId: 'req_0123', request: chatRequest({ model: 'sim/gpt-4o-mini' }) };
const noUsage: Usage = { inputTokens: undefined, outputTokens: undefined, cachedInputTokens: undefined, cacheWriteInputTokens: undefined, reasoningTokens: undefined };
const usage: Usage = { inputTokens: 12, outputTokens: 30, cachedInputTokens: 4, cacheWriteInputTokens: 2, reasoningTokens: 10 };

function result(overrides: Partial<GenerateResult>): GenerateResult {
  return {
    content: [{ type: 'text', text: 'Hello' }],
    finishReason: { unified: 'stop', raw: 'end_turn' },
    usage,
    response: { id: 'msg_01', modelId: 'claude-x', created: 1700000000 },
    ...overrides,
  };
}

describe('openai-chat encodeResult', () => {
  it('encodes text with the client model name, our id and full usage', () => {
    assert.deepEqual(openAiChatFormat.encodeResult(result({}), context), {
      id: 'chatcmpl-req_0123',
      object: 'chat.completion',
      created: 1700000000,
      model: 'sim/gpt-4o-mini',
      choices: [{ index: 0, message: { role: 'assistant', content: 'Hello', refusal: null }, logprobs: null, finish_reason: 'stop' }],
      usage: {
        prompt_tokens: 12,
        completion_tokens: 30,
        total_tokens: 42,
        prompt_tokens_details: { cached_tokens: 4 },
        completion_tokens_details: { reasoning_tokens: 10 },
      },
    });
  });

  it('keeps an upstream chatcmpl id, reasoning as reasoning_content, tool calls with null content', () => {
    const body = openAiChatFormat.encodeResult(
      result({
        response: { id: 'chatcmpl-up', modelId: undefined, created: 5 },
        content: [
          { type: 'reasoning', text: 'Think', signature: 'sig' },
          { type: 'reasoning', text: '', redactedData: 'opaque' },
          { type: 'tool-call', toolCallId: 'toolu_01A', toolName: 'read_file', input: '{"path":"a"}' },
          { type: 'tool-call', toolCallId: 'toolu_01B', toolName: 'read_file', input: '' },
        ],
        finishReason: { unified: 'tool-calls', raw: 'tool_use' },
        usage: { ...noUsage, inputTokens: 3, outputTokens: 4 },
      }),
      context,
    );
    assert.deepEqual(body, {
      id: 'chatcmpl-up',
      object: 'chat.completion',
      created: 5,
      model: 'sim/gpt-4o-mini',
      choices: [
        {
          index: 0,
          message: {
            role: 'assistant',
            content: null,
            reasoning_content: 'Think',
            tool_calls: [
              { id: 'toolu_01A', type: 'function', function: { name: 'read_file', arguments: '{"path":"a"}' } },
              { id: 'toolu_01B', type: 'function', function: { name: 'read_file', arguments: '' } },
            ],
            refusal: null,
          },
          logprobs: null,
          finish_reason: 'tool_calls',
        },
      ],
      usage: { prompt_tokens: 3, completion_tokens: 4, total_tokens: 7 },
    });
  });

  it('never invents usage: no usage object when the upstream did not report both counts', () => {
    const body = openAiChatFormat.encodeResult(result({ usage: { ...noUsage, inputTokens: 9 } }), context) as Record<string, unknown>;
    assert.equal('usage' in body, false);
  });

  it('maps finish reasons; a stop that ends in tool calls says tool_calls', () => {
    const reason = (unified: GenerateResult['finishReason']['unified'], withCall = false) => {
      const content: GenerateResult['content'] = withCall ? [{ type: 'tool-call', toolCallId: 'c', toolName: 't', input: '{}' }] : [];
      const body = openAiChatFormat.encodeResult(result({ content, finishReason: { unified, raw: undefined } }), context) as { choices: { finish_reason: string }[] };
      return body.choices[0]?.finish_reason;
    };
    assert.deepEqual(
      [reason('stop'), reason('length'), reason('content-filter'), reason('tool-calls'), reason('error'), reason('other'), reason('stop', true), reason('length', true)],
      ['stop', 'length', 'content_filter', 'tool_calls', 'stop', 'stop', 'tool_calls', 'length'],
    );
  });

  describe('read by the official SDK', () => {
    let server: CannedAnswerServer;
    let client: OpenAI;
    before(async () => {
      server = await startCannedAnswerServer();
      client = new OpenAI({ baseURL: server.url, apiKey: 'k', maxRetries: 0 });
    });
    after(() => server.close());

    it('gives the SDK the text, the parallel calls and the usage', async () => {
      const body = openAiChatFormat.encodeResult(
        result({
          content: [
            { type: 'text', text: 'Checking both.' },
            { type: 'tool-call', toolCallId: 'call_1', toolName: 'get_weather', input: '{"city":"Paris"}' },
            { type: 'tool-call', toolCallId: 'call_2', toolName: 'get_weather', input: '{"city":"Oslo"}' },
          ],
          finishReason: { unified: 'tool-calls', raw: 'tool_calls' },
        }),
        context,
      );
      server.answer({ contentType: 'application/json', pieces: [JSON.stringify(body)] });
      const completion = await client.chat.completions.create({ model: 'sim/gpt-4o-mini', messages: [{ role: 'user', content: 'x' }] });
      const message = completion.choices[0]?.message;
      assert.equal(message?.content, 'Checking both.');
      assert.deepEqual(
        message?.tool_calls?.map((call) => (call.type === 'function' ? [call.id, call.function.name, call.function.arguments] : [])),
        [
          ['call_1', 'get_weather', '{"city":"Paris"}'],
          ['call_2', 'get_weather', '{"city":"Oslo"}'],
        ],
      );
      assert.equal(completion.choices[0]?.finish_reason, 'tool_calls');
      assert.equal(completion.usage?.total_tokens, 42);
      assert.equal(completion.usage?.prompt_tokens_details?.cached_tokens, 4);
    });
  });
});
