import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { openAiResponsesFormat } from '../../../main/formats/openai-responses/openai-responses-format.js';
import type { RequestPolicies } from '../../../main/formats/request-policies.js';

const apply = (body: Record<string, unknown>, policies: RequestPolicies): string[] => openAiResponsesFormat.applyRequestPolicies!(body, policies);

describe('Responses request policies', () => {
  it('joins the system prompt with instructions, before or after', () => {
    const prepended: Record<string, unknown> = { input: 'Hi', instructions: 'Client.' };
    assert.deepEqual(apply(prepended, { systemPrompt: { prompt: 'Global.', mode: 'prepend' } }), ['system prompt prepended (7 chars)']);
    assert.equal(prepended.instructions, 'Global.\n\nClient.');
    const appended: Record<string, unknown> = { input: 'Hi', instructions: 'Client.' };
    apply(appended, { systemPrompt: { prompt: 'Global.', mode: 'append' } });
    assert.equal(appended.instructions, 'Client.\n\nGlobal.');
    const absent: Record<string, unknown> = { input: 'Hi', instructions: null };
    apply(absent, { systemPrompt: { prompt: 'Global.', mode: 'append' } });
    assert.equal(absent.instructions, 'Global.');
  });

  it('sets, caps and lowers reasoning.effort, keeping the summary', () => {
    const fixed: Record<string, unknown> = { input: 'Hi', reasoning: { summary: 'auto' } };
    assert.deepEqual(apply(fixed, { thinkingBudget: { mode: 'fixed', budgetTokens: 16000 } }), ['reasoning effort set to high (thinking budget 16,000 tokens)']);
    assert.deepEqual(fixed.reasoning, { summary: 'auto', effort: 'high' });
    const capped: Record<string, unknown> = { input: 'Hi', reasoning: { effort: 'high', summary: 'auto' } };
    assert.deepEqual(apply(capped, { thinkingBudget: { mode: 'cap', budgetTokens: 2000 } }), ['reasoning effort capped from high to low (thinking budget 2,000 tokens)']);
    assert.deepEqual(capped.reasoning, { effort: 'low', summary: 'auto' });
    const off: Record<string, unknown> = { input: 'Hi', reasoning: { effort: 'medium' } };
    assert.deepEqual(apply(off, { thinkingBudget: { mode: 'off', budgetTokens: 0 } }), ['reasoning effort lowered from medium to minimal (thinking off)']);
    const untouched: Record<string, unknown> = { input: 'Hi' };
    assert.deepEqual(apply(untouched, { thinkingBudget: { mode: 'cap', budgetTokens: 2000 } }), []);
    assert.deepEqual(untouched, { input: 'Hi' });
  });
});
