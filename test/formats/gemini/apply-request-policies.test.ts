import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { geminiFormat } from '../../../main/formats/gemini/gemini-format.js';
import type { RequestPolicies } from '../../../main/formats/request-policies.js';

const apply = (body: Record<string, unknown>, policies: RequestPolicies): string[] => geminiFormat.applyRequestPolicies!(body, policies);
const contents = [{ role: 'user', parts: [{ text: 'Hi' }] }];
const thinkingOf = (body: Record<string, unknown>): unknown => (body.generationConfig as { thinkingConfig?: unknown } | undefined)?.thinkingConfig;

describe('Gemini request policies', () => {
  it('adds the system prompt as the first or last part of systemInstruction', () => {
    const prepended: Record<string, unknown> = { contents, systemInstruction: { role: 'user', parts: [{ text: 'Client.' }] } };
    assert.deepEqual(apply(prepended, { systemPrompt: { prompt: 'Global.', mode: 'prepend' } }), ['system prompt prepended (7 chars)']);
    assert.deepEqual(prepended.systemInstruction, { role: 'user', parts: [{ text: 'Global.' }, { text: 'Client.' }] });
    const text: Record<string, unknown> = { contents, systemInstruction: 'Client.' };
    apply(text, { systemPrompt: { prompt: 'Global.', mode: 'append' } });
    assert.deepEqual(text.systemInstruction, { parts: [{ text: 'Client.' }, { text: 'Global.' }] });
    const proto: Record<string, unknown> = { contents, system_instruction: { parts: [{ text: 'Client.' }] } };
    apply(proto, { systemPrompt: { prompt: 'Global.', mode: 'append' } });
    assert.deepEqual(proto, { contents, system_instruction: { parts: [{ text: 'Client.' }, { text: 'Global.' }] } }, 'the name the client used');
    const absent: Record<string, unknown> = { contents };
    apply(absent, { systemPrompt: { prompt: 'Global.', mode: 'prepend' } });
    assert.deepEqual(absent.systemInstruction, { parts: [{ text: 'Global.' }] });
    const decoded = geminiFormat.decodeRequest(prepended, { model: 'g', stream: false });
    assert.equal(decoded.messages[0]?.role, 'system');
  });

  it('fixed sets thinkingBudget and drops a thinkingLevel, which cannot go with it', () => {
    const absent: Record<string, unknown> = { contents, generationConfig: { temperature: 0 } };
    assert.deepEqual(apply(absent, { thinkingBudget: { mode: 'fixed', budgetTokens: 4096 } }), ['thinking budget set to 4,096 tokens']);
    assert.deepEqual(absent.generationConfig, { temperature: 0, thinkingConfig: { thinkingBudget: 4096 } });
    const level: Record<string, unknown> = { contents, generationConfig: { thinkingConfig: { thinkingLevel: 'high', includeThoughts: true } } };
    assert.deepEqual(apply(level, { thinkingBudget: { mode: 'fixed', budgetTokens: 4096 } }), ['thinking budget changed from level high to 4,096 tokens']);
    assert.deepEqual(thinkingOf(level), { includeThoughts: true, thinkingBudget: 4096 });
  });

  it('cap lowers a larger or dynamic budget and a higher level; leaves the rest', () => {
    const large: Record<string, unknown> = { contents, generationConfig: { thinkingConfig: { thinkingBudget: 24576 } } };
    assert.deepEqual(apply(large, { thinkingBudget: { mode: 'cap', budgetTokens: 8000 } }), ['thinking budget capped from 24,576 to 8,000 tokens']);
    assert.deepEqual(thinkingOf(large), { thinkingBudget: 8000 });
    const dynamic: Record<string, unknown> = { contents, generationConfig: { thinkingConfig: { thinkingBudget: -1 } } };
    assert.deepEqual(apply(dynamic, { thinkingBudget: { mode: 'cap', budgetTokens: 8000 } }), ['thinking budget capped from dynamic to 8,000 tokens']);
    const level: Record<string, unknown> = { contents, generationConfig: { thinkingConfig: { thinkingLevel: 'HIGH' } } };
    assert.deepEqual(apply(level, { thinkingBudget: { mode: 'cap', budgetTokens: 2000 } }), ['thinking level capped from HIGH to LOW (thinking budget 2,000 tokens)']);
    assert.deepEqual(thinkingOf(level), { thinkingLevel: 'LOW' });
    const small: Record<string, unknown> = { contents, generationConfig: { thinkingConfig: { thinkingBudget: 1000 } } };
    assert.deepEqual(apply(small, { thinkingBudget: { mode: 'cap', budgetTokens: 8000 } }), []);
    const none: Record<string, unknown> = { contents };
    assert.deepEqual(apply(none, { thinkingBudget: { mode: 'cap', budgetTokens: 8000 } }), []);
    assert.deepEqual(none, { contents });
  });

  it('off sends a budget of 0 only for a request that asks for reasoning', () => {
    const asked: Record<string, unknown> = { contents, generationConfig: { thinkingConfig: { includeThoughts: true, thinkingLevel: 'low' } } };
    assert.deepEqual(apply(asked, { thinkingBudget: { mode: 'off', budgetTokens: 0 } }), ['thinking turned off (was level low)']);
    assert.deepEqual(thinkingOf(asked), { includeThoughts: true, thinkingBudget: 0 });
    const proto: Record<string, unknown> = { contents, generation_config: { thinking_config: { thinking_budget: 2048 } } };
    assert.deepEqual(apply(proto, { thinkingBudget: { mode: 'off', budgetTokens: 0 } }), ['thinking turned off (was 2,048)']);
    assert.deepEqual(proto.generation_config, { thinking_config: { thinking_budget: 0 } });
    const plain: Record<string, unknown> = { contents };
    assert.deepEqual(apply(plain, { thinkingBudget: { mode: 'off', budgetTokens: 0 } }), []);
    assert.deepEqual(plain, { contents });
  });
});
