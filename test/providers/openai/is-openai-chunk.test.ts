import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isOpenAiChunk } from '../../../main/providers/openai/is-openai-chunk.js';
import { openAiChunkSchema } from '../../../main/providers/openai/openai-api.js';

const valid: unknown[] = [
  { id: 'c', object: 'chat.completion.chunk', created: 1, model: 'm', choices: [{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }], usage: null },
  { choices: [{ delta: { content: 'hi', refusal: null } }] },
  { choices: [{ delta: { reasoning_content: 'think' } }] },
  { choices: [{ delta: { reasoning: 'think' } }] },
  { choices: [{ delta: {}, finish_reason: 'stop' }] },
  { choices: [{ delta: null, finish_reason: 'length' }] },
  { choices: [{ delta: { tool_calls: [{ index: 0, id: 'call_1', type: 'function', function: { name: 'f', arguments: '' } }] } }] },
  { choices: [{ delta: { tool_calls: [{ index: 1, function: { arguments: '{"a":' } }] } }] },
  { choices: [{ delta: { tool_calls: [{ function: null }] } }] },
  { choices: [], usage: { prompt_tokens: 1, completion_tokens: 2, total_tokens: 3, prompt_tokens_details: { cached_tokens: 0 }, completion_tokens_details: { reasoning_tokens: 1 } } },
  { choices: [], usage: { prompt_tokens: 1, completion_tokens: 2, prompt_cache_hit_tokens: 1, prompt_tokens_details: null } },
  { choices: null },
  {},
  { extra: { anything: [1, 2] }, choices: [{ delta: { content: 'x', vendor_field: 5 }, vendor: true }] },
];

const invalid: unknown[] = [
  null,
  [],
  'text',
  42,
  { id: 5 },
  { model: {} },
  { created: '1' },
  { choices: {} },
  { choices: ['x'] },
  { choices: [null] },
  { choices: [{ delta: 'x' }] },
  { choices: [{ delta: { content: 5 } }] },
  { choices: [{ delta: { reasoning_content: {} } }] },
  { choices: [{ delta: { refusal: 1 } }] },
  { choices: [{ finish_reason: 1 }] },
  { choices: [{ delta: { tool_calls: {} } }] },
  { choices: [{ delta: { tool_calls: ['x'] } }] },
  { choices: [{ delta: { tool_calls: [{ index: 1.5 }] } }] },
  { choices: [{ delta: { tool_calls: [{ index: '0' }] } }] },
  { choices: [{ delta: { tool_calls: [{ id: 3 }] } }] },
  { choices: [{ delta: { tool_calls: [{ function: { name: 1 } }] } }] },
  { choices: [{ delta: { tool_calls: [{ function: 'f' }] } }] },
  { usage: 'x' },
  { usage: { prompt_tokens: '1' } },
  { usage: { prompt_tokens_details: { cached_tokens: 'x' } } },
  { usage: { completion_tokens_details: [] } },
];

describe('isOpenAiChunk', () => {
  it('gives the same verdict as openAiChunkSchema on valid chunks', () => {
    for (const chunk of valid) {
      assert.equal(openAiChunkSchema.safeParse(chunk).success, true, JSON.stringify(chunk));
      assert.equal(isOpenAiChunk(chunk), true, JSON.stringify(chunk));
    }
  });

  it('gives the same verdict as openAiChunkSchema on malformed chunks', () => {
    for (const chunk of invalid) {
      assert.equal(openAiChunkSchema.safeParse(chunk).success, false, `zod: ${JSON.stringify(chunk)}`);
      assert.equal(isOpenAiChunk(chunk), false, JSON.stringify(chunk));
    }
  });
});
