import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadAdapter } from '../../main/providers/adapters.js';

describe('usageOfResult: the usage of a whole passthrough answer, per family', () => {
  it('reads each family\'s own usage object exactly', async () => {
    const openai = await loadAdapter('openai');
    assert.deepEqual(openai.usageOfResult({ usage: { prompt_tokens: 10, completion_tokens: 4, prompt_tokens_details: { cached_tokens: 3 }, completion_tokens_details: { reasoning_tokens: 2 } } }), {
      inputTokens: 10, outputTokens: 4, cachedInputTokens: 3, cacheWriteInputTokens: undefined, reasoningTokens: 2,
    });
    const anthropic = await loadAdapter('anthropic');
    assert.deepEqual(anthropic.usageOfResult({ usage: { input_tokens: 5, output_tokens: 6, cache_read_input_tokens: 7, cache_creation_input_tokens: 1 } })?.inputTokens, 13);
    const gemini = await loadAdapter('gemini');
    assert.equal(gemini.usageOfResult({ usageMetadata: { promptTokenCount: 8, candidatesTokenCount: 2 } })?.inputTokens, 8);
    const ollama = await loadAdapter('ollama');
    assert.deepEqual([ollama.usageOfResult({ prompt_eval_count: 9, eval_count: 1 })?.inputTokens, ollama.usageOfResult({ prompt_eval_count: 9, eval_count: 1 })?.outputTokens], [9, 1]);
  });

  it('a missing usage is undefined, and a malformed figure is unknown, never guessed', async () => {
    const openai = await loadAdapter('openai');
    assert.equal(openai.usageOfResult({ choices: [] }), undefined);
    assert.equal(openai.usageOfResult('not an object'), undefined);
    const usage = openai.usageOfResult({ usage: { prompt_tokens: '10', completion_tokens: 4, prompt_tokens_details: 5 } });
    assert.deepEqual(usage, { inputTokens: undefined, outputTokens: 4, cachedInputTokens: undefined, cacheWriteInputTokens: undefined, reasoningTokens: undefined });
  });
});
