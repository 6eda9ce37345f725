import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { GatewayError } from '../../../main/errors/gateway-error.js';
import { openAiAdapter } from '../../../main/providers/openai/openai-adapter.js';
import { completionBody, resolveReply } from '../../support/openai-simulator-wire.js';

const identity = { id: 'chatcmpl-xyz', created: 1700000001, model: 'gpt-4o-mini' };

describe('openai decodeResult', () => {
  it('decodes a recorded completion: reasoning first, text, parallel calls exact, usage with details', () => {
    const reply = resolveReply(
      {
        reasoning: 'Both cities.',
        text: 'Checking.',
        toolCalls: [
          { id: 'call_1', name: 'get_weather', arguments: '{"city":"Paris"}' },
          { id: 'call_2', name: 'get_weather', arguments: '{"city": "Oslo" }' },
        ],
        usage: { prompt_tokens: 20, completion_tokens: 9, prompt_tokens_details: { cached_tokens: 8 }, completion_tokens_details: { reasoning_tokens: 3 } },
      },
      [],
    );
    assert.deepEqual(openAiAdapter.decodeResult(JSON.parse(completionBody(identity, reply))), {
      content: [
        { type: 'reasoning', text: 'Both cities.' },
        { type: 'text', text: 'Checking.' },
        { type: 'tool-call', toolCallId: 'call_1', toolName: 'get_weather', input: '{"city":"Paris"}' },
        { type: 'tool-call', toolCallId: 'call_2', toolName: 'get_weather', input: '{"city": "Oslo" }' },
      ],
      finishReason: { unified: 'tool-calls', raw: 'tool_calls' },
      usage: { inputTokens: 20, outputTokens: 9, cachedInputTokens: 8, cacheWriteInputTokens: undefined, reasoningTokens: 3 },
      response: { id: 'chatcmpl-xyz', modelId: 'gpt-4o-mini', created: 1700000001 },
    });
  });

  it('keeps what the upstream left out undefined, logprobs in providerMetadata, and fills a missing call id', () => {
    const result = openAiAdapter.decodeResult({
      choices: [
        {
          message: { role: 'assistant', content: null, reasoning: 'r', tool_calls: [{ function: { name: 'f', arguments: '{}' } }] },
          finish_reason: 'stop',
          logprobs: { content: [] },
        },
      ],
    });
    assert.deepEqual(result.usage, { inputTokens: undefined, outputTokens: undefined, cachedInputTokens: undefined, cacheWriteInputTokens: undefined, reasoningTokens: undefined });
    assert.deepEqual(result.finishReason, { unified: 'tool-calls', raw: 'stop' }, 'a stop after tool calls means tool calls');
    assert.deepEqual(result.response, { id: undefined, modelId: undefined, created: undefined });
    assert.deepEqual(result.providerMetadata, { openai: { logprobs: { content: [] } } });
    const call = result.content[1];
    assert.ok(call?.type === 'tool-call');
    assert.match(call.toolCallId, /^call_[0-9a-f]{24}$/);
    assert.deepEqual(result.content[0], { type: 'reasoning', text: 'r' });
  });

  it('maps every finish reason, raw kept', () => {
    const reason = (raw: string | null) => openAiAdapter.decodeResult({ choices: [{ message: { content: 'x' }, finish_reason: raw }] }).finishReason;
    assert.deepEqual(reason('stop'), { unified: 'stop', raw: 'stop' });
    assert.deepEqual(reason('length'), { unified: 'length', raw: 'length' });
    assert.deepEqual(reason('content_filter'), { unified: 'content-filter', raw: 'content_filter' });
    assert.deepEqual(reason('function_call'), { unified: 'tool-calls', raw: 'function_call' });
    assert.deepEqual(reason('eos'), { unified: 'other', raw: 'eos' });
    assert.deepEqual(reason(null), { unified: 'other', raw: undefined });
  });

  it('a refusal is the answer text; DeepSeek cache hits count as cached tokens', () => {
    const result = openAiAdapter.decodeResult({
      choices: [{ message: { content: null, refusal: 'I cannot help with that.' }, finish_reason: 'stop' }],
      usage: { prompt_tokens: 10, completion_tokens: 5, prompt_cache_hit_tokens: 6 },
    });
    assert.deepEqual(result.content, [{ type: 'text', text: 'I cannot help with that.' }]);
    assert.equal(result.usage.cachedInputTokens, 6);
  });

  it('a body that is not a completion is a 502', () => {
    for (const body of [{ choices: [] }, { object: 'error' }, 'text']) {
      assert.throws(() => openAiAdapter.decodeResult(body), (error: unknown) => error instanceof GatewayError && error.status === 502 && error.code === 'upstream_error');
    }
  });
});
