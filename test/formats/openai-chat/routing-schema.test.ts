import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { acceptsChatRequest, chatRequestSchema } from '../../../main/formats/openai-chat/routing-schema.js';

// Values of every JSON kind, and the edge cases of the fields the routing schema looks at.
const anything: unknown[] = [undefined, null, true, false, 0, 1, '', 'x', 'user', 'text', [], [{}], {}, { type: 'text' }, { type: '' }, { type: 1 }];
const validMessage = { role: 'user', content: 'hello' };
const fieldValues: Record<string, unknown[]> = {
  model: [...anything, 'sim/gpt-4o'],
  messages: [...anything, [validMessage], [validMessage, { role: 'assistant', content: null, tool_calls: [] }]],
  stream: anything,
  stream_options: [...anything, { include_usage: true }, { include_usage: 'yes' }, { other: 1 }],
};
const messageValues: Record<string, unknown[]> = {
  role: [...anything, 'system', 'developer', 'assistant', 'tool', 'function', 'robot'],
  content: [...anything, [{ type: 'text', text: 'a' }, { type: 'image_url', image_url: 'u' }], [{ type: 'text' }, null], [{ type: 'text' }, 'part']],
};

function* bodies(): Generator<Record<string, unknown>> {
  const base = { model: 'sim/gpt-4o', messages: [validMessage], temperature: 0.2 };
  yield base;
  for (const [field, values] of Object.entries(fieldValues)) for (const value of values) yield { ...base, [field]: value };
  for (const [field, values] of Object.entries(messageValues)) {
    for (const value of values) {
      const message = { ...validMessage, [field]: value };
      yield { ...base, messages: [message] };
      yield { ...base, messages: [validMessage, message, validMessage] };
    }
  }
  yield { ...base, messages: [validMessage, 'not a message'] };
  yield { ...base, messages: [validMessage, [validMessage]] };
}

describe('acceptsChatRequest', () => {
  it('accepts nothing the routing schema rejects', () => {
    let checked = 0;
    for (const body of bodies()) {
      if (acceptsChatRequest(body)) assert.ok(chatRequestSchema.safeParse(body).success, `accepted, but the schema rejects: ${JSON.stringify(body)}`);
      checked += 1;
    }
    assert.ok(checked > 100);
  });

  it('accepts what the schema accepts, so the quick path is the one taken', () => {
    let accepted = 0;
    for (const body of bodies()) {
      if (!chatRequestSchema.safeParse(body).success) continue;
      assert.ok(acceptsChatRequest(body), `the schema accepts, the quick check does not: ${JSON.stringify(body)}`);
      accepted += 1;
    }
    assert.ok(accepted > 20);
  });

  it('accepts an agent-sized conversation with tool calls and content parts', () => {
    const messages = Array.from({ length: 200 }, (_, index) =>
      index % 3 === 0
        ? { role: 'user', content: [{ type: 'text', text: `turn ${index}` }, { type: 'image_url', image_url: { url: 'data:,' } }] }
        : index % 3 === 1
          ? { role: 'assistant', content: null, tool_calls: [{ id: `call_${index}`, type: 'function', function: { name: 'read', arguments: '{}' } }] }
          : { role: 'tool', tool_call_id: `call_${index - 1}`, content: 'file contents' },
    );
    assert.equal(acceptsChatRequest({ model: 'sim/gpt-4o', messages, stream: true, stream_options: { include_usage: true } }), true);
  });
});
