import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { openAiChatFormat } from '../../../main/formats/openai-chat/openai-chat-format.js';
import type { RequestPolicies } from '../../../main/formats/request-policies.js';

const apply = (body: Record<string, unknown>, policies: RequestPolicies): string[] => openAiChatFormat.applyRequestPolicies!(body, policies);

describe('OpenAI Chat request policies', () => {
  it('prepends the system prompt before the client\'s system messages, in the role the client uses', () => {
    const body = { model: 'm', messages: [{ role: 'developer', content: 'Client rules.' }, { role: 'user', content: 'Hi' }] };
    assert.deepEqual(apply(body, { systemPrompt: { prompt: 'Global rules.', mode: 'prepend' } }), ['system prompt prepended (13 chars)']);
    assert.deepEqual(body.messages, [
      { role: 'developer', content: 'Global rules.' },
      { role: 'developer', content: 'Client rules.' },
      { role: 'user', content: 'Hi' },
    ]);
  });

  it('appends after the opening system messages, not after later ones', () => {
    const body = {
      messages: [
        { role: 'system', content: 'A' },
        { role: 'system', content: 'B' },
        { role: 'user', content: 'Hi' },
        { role: 'system', content: 'late' },
      ],
    };
    assert.deepEqual(apply(body, { systemPrompt: { prompt: 'G', mode: 'append' } }), ['system prompt appended (1 char)']);
    assert.deepEqual(
      body.messages.map((message) => message.content),
      ['A', 'B', 'G', 'Hi', 'late'],
    );
  });

  it('adds a system message first when the client sent none', () => {
    const body = { messages: [{ role: 'user', content: 'Hi' }] };
    apply(body, { systemPrompt: { prompt: 'G', mode: 'append' } });
    assert.deepEqual(body.messages[0], { role: 'system', content: 'G' });
    const decoded = openAiChatFormat.decodeRequest({ model: 'm', ...body });
    assert.equal(decoded.messages[0]?.role, 'system');
  });

  it('maps a fixed budget to reasoning_effort: up to 2,048 low, up to 8,192 medium, above high', () => {
    for (const [budgetTokens, effort] of [[1024, 'low'], [2048, 'low'], [2049, 'medium'], [8192, 'medium'], [8193, 'high'], [32000, 'high']] as const) {
      const body: Record<string, unknown> = { messages: [] };
      assert.deepEqual(apply(body, { thinkingBudget: { mode: 'fixed', budgetTokens } }), [`reasoning effort set to ${effort} (thinking budget ${budgetTokens.toLocaleString('en-US')} tokens)`]);
      assert.equal(body.reasoning_effort, effort);
    }
    const same = { messages: [], reasoning_effort: 'medium' };
    assert.deepEqual(apply(same, { thinkingBudget: { mode: 'fixed', budgetTokens: 8000 } }), [], 'nothing changed, nothing noted');
    const changed = { messages: [], reasoning_effort: 'high' };
    assert.deepEqual(apply(changed, { thinkingBudget: { mode: 'fixed', budgetTokens: 1500 } }), ['reasoning effort changed from high to low (thinking budget 1,500 tokens)']);
  });

  it('caps only an effort the client sent above the budget\'s', () => {
    const high = { messages: [], reasoning_effort: 'xhigh' };
    assert.deepEqual(apply(high, { thinkingBudget: { mode: 'cap', budgetTokens: 8000 } }), ['reasoning effort capped from xhigh to medium (thinking budget 8,000 tokens)']);
    assert.equal(high.reasoning_effort, 'medium');
    const low = { messages: [], reasoning_effort: 'low' };
    assert.deepEqual(apply(low, { thinkingBudget: { mode: 'cap', budgetTokens: 8000 } }), []);
    assert.equal(low.reasoning_effort, 'low');
    const absent: Record<string, unknown> = { messages: [] };
    assert.deepEqual(apply(absent, { thinkingBudget: { mode: 'cap', budgetTokens: 8000 } }), []);
    assert.equal('reasoning_effort' in absent, false, 'a request that names no effort is not given one');
  });

  it('off lowers a sent effort to minimal and leaves a request without one alone', () => {
    const body = { messages: [], reasoning_effort: 'high' };
    assert.deepEqual(apply(body, { thinkingBudget: { mode: 'off', budgetTokens: 0 } }), ['reasoning effort lowered from high to minimal (thinking off)']);
    assert.equal(body.reasoning_effort, 'minimal');
    const none = { messages: [], reasoning_effort: 'none' };
    assert.deepEqual(apply(none, { thinkingBudget: { mode: 'off', budgetTokens: 0 } }), []);
    const absent: Record<string, unknown> = { messages: [] };
    assert.deepEqual(apply(absent, { thinkingBudget: { mode: 'off', budgetTokens: 0 } }), []);
    assert.deepEqual(absent, { messages: [] });
  });
});
