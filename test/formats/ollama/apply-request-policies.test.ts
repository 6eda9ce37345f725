import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ollamaChatFormat, ollamaGenerateFormat } from '../../../main/formats/ollama/ollama-format.js';
import type { RequestPolicies } from '../../../main/formats/request-policies.js';

const chat = (body: Record<string, unknown>, policies: RequestPolicies): string[] => ollamaChatFormat.applyRequestPolicies!(body, policies);
const generate = (body: Record<string, unknown>, policies: RequestPolicies): string[] => ollamaGenerateFormat.applyRequestPolicies!(body, policies);

describe('Ollama request policies', () => {
  it('chat: a system message before or after the client\'s opening system messages', () => {
    const body = { model: 'm', messages: [{ role: 'system', content: 'Client.' }, { role: 'user', content: 'Hi' }] };
    assert.deepEqual(chat(body, { systemPrompt: { prompt: 'Global.', mode: 'append' } }), ['system prompt appended (7 chars)']);
    assert.deepEqual(body.messages, [
      { role: 'system', content: 'Client.' },
      { role: 'system', content: 'Global.' },
      { role: 'user', content: 'Hi' },
    ]);
    const prepended = { model: 'm', messages: [{ role: 'user', content: 'Hi' }] };
    chat(prepended, { systemPrompt: { prompt: 'Global.', mode: 'prepend' } });
    assert.deepEqual(prepended.messages[0], { role: 'system', content: 'Global.' });
  });

  it('generate: joined with system, or the only system', () => {
    const body: Record<string, unknown> = { model: 'm', prompt: 'Hi', system: 'Client.' };
    assert.deepEqual(generate(body, { systemPrompt: { prompt: 'Global.', mode: 'prepend' } }), ['system prompt prepended (7 chars)']);
    assert.equal(body.system, 'Global.\n\nClient.');
    const absent: Record<string, unknown> = { model: 'm', prompt: 'Hi' };
    generate(absent, { systemPrompt: { prompt: 'Global.', mode: 'append' } });
    assert.equal(absent.system, 'Global.');
    assert.equal(ollamaGenerateFormat.decodeRequest({ ...body, stream: false }).messages[0]?.role, 'system');
  });

  it('think: off always, fixed turns it on, cap lowers a level; a budget on a boolean is reported', () => {
    const thinking: Record<string, unknown> = { model: 'm', messages: [], think: true };
    assert.deepEqual(chat(thinking, { thinkingBudget: { mode: 'off', budgetTokens: 0 } }), ['thinking turned off (was true)']);
    assert.equal(thinking.think, false);
    const unset: Record<string, unknown> = { model: 'm', prompt: 'Hi' };
    assert.deepEqual(generate(unset, { thinkingBudget: { mode: 'off', budgetTokens: 0 } }), ['thinking turned off']);
    assert.equal(unset.think, false);
    const fixed: Record<string, unknown> = { model: 'm', messages: [] };
    assert.deepEqual(chat(fixed, { thinkingBudget: { mode: 'fixed', budgetTokens: 4000 } }), ['thinking turned on (Ollama takes no budget; thinking budget 4,000 tokens)']);
    assert.equal(fixed.think, true);
    const level: Record<string, unknown> = { model: 'm', messages: [], think: 'high' };
    assert.deepEqual(chat(level, { thinkingBudget: { mode: 'cap', budgetTokens: 4000 } }), ['reasoning effort capped from high to medium (thinking budget 4,000 tokens)']);
    assert.equal(level.think, 'medium');
    const on: Record<string, unknown> = { model: 'm', messages: [], think: true };
    assert.deepEqual(chat(on, { thinkingBudget: { mode: 'cap', budgetTokens: 4000 } }), ['thinking budget cap not applied: Ollama takes no budget (think is on)']);
    assert.equal(on.think, true);
    const none: Record<string, unknown> = { model: 'm', messages: [] };
    assert.deepEqual(chat(none, { thinkingBudget: { mode: 'cap', budgetTokens: 4000 } }), []);
    assert.deepEqual(none, { model: 'm', messages: [] });
  });
});
