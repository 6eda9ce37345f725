/**
 * The contract between the anthropic-messages client format and this adapter: an Anthropic body
 * decoded to the hub and encoded back for an Anthropic upstream (the path when it is translated
 * rather than passed through) is the body the client sent, extras included.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodeAnthropicRequest } from '../../../main/formats/anthropic-messages/decode-anthropic-request.js';
import { encodeAnthropicRequest } from '../../../main/providers/anthropic/encode-anthropic-request.js';

describe('Anthropic body -> hub -> Anthropic body', () => {
  it('comes back as sent: cache_control, document extras, thinking, server tools, adaptive thinking and effort', () => {
    const body = {
      model: 'claude-sonnet-4-6',
      max_tokens: 20000,
      system: [{ type: 'text', text: 'You are an agent.', cache_control: { type: 'ephemeral' } }],
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'Read this.', cache_control: { type: 'ephemeral', ttl: '1h' } },
            { type: 'document', source: { type: 'base64', media_type: 'application/pdf', data: 'JVBERi0=' }, title: 'Spec', context: 'v2', citations: { enabled: true } },
            { type: 'image', source: { type: 'url', url: 'https://example.com/a.png' } },
          ],
        },
        {
          role: 'assistant',
          content: [
            { type: 'thinking', thinking: 'Run ls first.', signature: 'EqQBCgIYAhIM' },
            { type: 'redacted_thinking', data: 'EmwKAhgB' },
            { type: 'tool_use', id: 'toolu_01', name: 'Bash', input: { command: 'ls' } },
          ],
        },
        {
          role: 'user',
          content: [
            { type: 'tool_result', tool_use_id: 'toolu_01', content: [{ type: 'text', text: 'a.txt' }], is_error: true, cache_control: { type: 'ephemeral' } },
            { type: 'text', text: 'Go on.' },
          ],
        },
      ],
      tools: [
        { name: 'Bash', description: 'Run a command', input_schema: { type: 'object', properties: { command: { type: 'string' } } }, cache_control: { type: 'ephemeral' }, strict: true },
        { type: 'web_search_20250305', name: 'web_search', max_uses: 3 },
      ],
      tool_choice: { type: 'auto', disable_parallel_tool_use: true },
      thinking: { type: 'adaptive', display: 'summarized' },
      output_config: { effort: 'max' },
      service_tier: 'auto',
      metadata: { user_id: 'user-1' },
      stop_sequences: ['</done>'],
      stream: true,
    };
    const encoded = encodeAnthropicRequest(decodeAnthropicRequest(structuredClone(body)), 'claude-sonnet-4-6');
    assert.deepEqual(encoded, { body, warnings: [] });
  });
});
