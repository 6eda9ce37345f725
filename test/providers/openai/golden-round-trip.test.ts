import assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { openAiChatFormat } from '../../../main/formats/openai-chat/openai-chat-format.js';
import { openAiAdapter } from '../../../main/providers/openai/openai-adapter.js';
import type { ChatRequest } from '../../../main/spec/index.js';

/**
 * Golden upstream bodies, reviewed by hand: `<case>.client.json` is what an OpenAI client sent,
 * decoded and encoded again; `<case>.canonical.json` is a canonical request as another client
 * format decodes it (JSON has no undefined: absent fields read as undefined). `UPDATE_GOLDEN=1`
 * rewrites `<case>.upstream.json`; review the diff before keeping it.
 */
const folder = new URL('./golden/', import.meta.url);
const update = process.env.UPDATE_GOLDEN === '1';
const upstreamModel = (model: string) => model.slice(model.indexOf('/') + 1);

function encodeCase(file: string): unknown {
  const input = JSON.parse(readFileSync(new URL(file, folder), 'utf8')) as Record<string, unknown>;
  const request = file.endsWith('.client.json') ? openAiChatFormat.decodeRequest(input) : canonical(input);
  return JSON.parse(openAiAdapter.encodeRequest(request, upstreamModel(request.model)).body);
}

function canonical(input: Record<string, unknown>): ChatRequest {
  const request = input as unknown as ChatRequest;
  return { ...request, reasoning: request.reasoning ? { effort: request.reasoning.effort, budgetTokens: request.reasoning.budgetTokens } : undefined };
}

describe('golden upstream bodies', () => {
  const inputs = readdirSync(folder).filter((file) => file.endsWith('.client.json') || file.endsWith('.canonical.json'));
  it('has cases', () => assert.ok(inputs.length >= 5));
  for (const file of inputs) {
    it(file, () => {
      const expectedFile = new URL(file.replace(/\.(client|canonical)\.json$/, '.upstream.json'), folder);
      const actual = encodeCase(file);
      if (update) writeFileSync(expectedFile, `${JSON.stringify(actual, null, 2)}\n`);
      assert.deepEqual(actual, JSON.parse(readFileSync(expectedFile, 'utf8')));
    });
  }

  it('an OpenAI body in the shape the encoder writes comes back unchanged', () => {
    const body = {
      model: 'gpt-4o-mini',
      messages: [
        { role: 'system', content: 'S' },
        { role: 'user', content: [{ type: 'text', text: 'a' }, { type: 'image_url', image_url: { url: 'data:image/gif;base64,R0lG', detail: 'auto' } }] },
        { role: 'assistant', content: null, tool_calls: [{ id: 'c1', type: 'function', function: { name: 'f', arguments: '{"a":[1,2]}' } }] },
        { role: 'tool', tool_call_id: 'c1', content: 'ok' },
        { role: 'assistant', content: 'fine' },
        { role: 'user', content: 'more' },
      ],
      tools: [{ type: 'function', function: { name: 'f', description: 'F', parameters: { type: 'object', properties: {} }, strict: false } }],
      tool_choice: 'required',
      parallel_tool_calls: false,
      max_tokens: 10,
      temperature: 0,
      top_p: 1,
      stop: ['x', 'y'],
      seed: 1,
      response_format: { type: 'json_object' },
      reasoning_effort: 'low',
      user: 'u',
      stream: true,
      stream_options: { include_usage: true },
      logit_bias: { '50256': -100 },
    };
    const request = openAiChatFormat.decodeRequest(body);
    assert.deepEqual(JSON.parse(openAiAdapter.encodeRequest(request, 'gpt-4o-mini').body), body);
  });
});
