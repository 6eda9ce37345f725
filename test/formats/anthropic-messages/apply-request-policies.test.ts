import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { anthropicMessagesFormat } from '../../../main/formats/anthropic-messages/anthropic-messages-format.js';
import type { RequestPolicies } from '../../../main/formats/request-policies.js';

const apply = (body: Record<string, unknown>, policies: RequestPolicies): string[] => anthropicMessagesFormat.applyRequestPolicies!(body, policies);
const request = (extra: Record<string, unknown> = {}): Record<string, unknown> => ({ model: 'm', max_tokens: 16000, messages: [{ role: 'user', content: 'Hi' }], ...extra });
const fixed = (budgetTokens: number): RequestPolicies => ({ thinkingBudget: { mode: 'fixed', budgetTokens } });

describe('Anthropic Messages request policies', () => {
  it('puts the system prompt in a text block before or after the client\'s system text, which stays as it was', () => {
    const prepended = request({ system: 'Client.' });
    assert.deepEqual(apply(prepended, { systemPrompt: { prompt: 'Global.', mode: 'prepend' } }), ['system prompt prepended (7 chars)']);
    assert.deepEqual(prepended.system, [
      { type: 'text', text: 'Global.' },
      { type: 'text', text: 'Client.' },
    ]);
    const cached = { type: 'text', text: 'Client.', cache_control: { type: 'ephemeral' } };
    const appended = request({ system: [cached] });
    apply(appended, { systemPrompt: { prompt: 'Global.', mode: 'append' } });
    assert.deepEqual(appended.system, [cached, { type: 'text', text: 'Global.' }]);
    const absent = request();
    apply(absent, { systemPrompt: { prompt: 'Global.', mode: 'append' } });
    assert.deepEqual(absent.system, [{ type: 'text', text: 'Global.' }]);
    const decoded = anthropicMessagesFormat.decodeRequest(prepended);
    assert.deepEqual(decoded.messages[0]?.content.map((part) => (part.type === 'text' ? part.text : '')), ['Global.', 'Client.']);
  });

  it('fixed turns thinking on with the budget, or changes the client\'s', () => {
    const off = request();
    assert.deepEqual(apply(off, fixed(8000)), ['thinking budget set to 8,000 tokens']);
    assert.deepEqual(off.thinking, { type: 'enabled', budget_tokens: 8000 });
    const on = request({ thinking: { type: 'enabled', budget_tokens: 2000 } });
    assert.deepEqual(apply(on, fixed(8000)), ['thinking budget changed from 2,000 to 8,000 tokens']);
    assert.deepEqual(on.thinking, { type: 'enabled', budget_tokens: 8000 });
  });

  it('fixed is not applied, with the reason, where Anthropic would refuse the request', () => {
    const cases: [Record<string, unknown>, number, RegExp][] = [
      [request(), 512, /below Anthropic's minimum of 1,024 tokens/],
      [request({ max_tokens: 4000 }), 4000, /below max_tokens \(4000\)/],
      [request({ tool_choice: { type: 'any' } }), 2000, /tool_choice forces a tool call/],
      [request({ temperature: 0 }), 2000, /temperature other than 1/],
      [request({ top_k: 5 }), 2000, /top_k/],
      [request({ top_p: 0.5 }), 2000, /top_p below 0.95/],
      [
        request({
          messages: [
            { role: 'user', content: 'Read it' },
            { role: 'assistant', content: [{ type: 'tool_use', id: 'toolu_1', name: 'read', input: {} }] },
            { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_1', content: 'x' }] },
          ],
        }),
        2000,
        /last assistant tool call has no thinking block/,
      ],
    ];
    for (const [body, budget, reason] of cases) {
      const before = structuredClone(body);
      const notes = apply(body, fixed(budget));
      assert.equal(notes.length, 1);
      assert.match(notes[0]!, /^thinking budget not applied: /);
      assert.match(notes[0]!, reason);
      assert.deepEqual(body, before, 'the request is left as the client sent it');
    }
  });

  it('adaptive thinking takes no budget: fixed sets output_config.effort, cap lowers an effort the client sent', () => {
    const adaptive = request({ thinking: { type: 'adaptive' }, output_config: { format: { type: 'json_schema', schema: {} } } });
    assert.deepEqual(apply(adaptive, fixed(4096)), ['thinking effort set to medium (adaptive thinking; thinking budget 4,096 tokens)']);
    assert.deepEqual(adaptive.thinking, { type: 'adaptive' });
    assert.deepEqual(adaptive.output_config, { format: { type: 'json_schema', schema: {} }, effort: 'medium' });
    const max = request({ thinking: { type: 'adaptive' }, output_config: { effort: 'max' } });
    assert.deepEqual(apply(max, { thinkingBudget: { mode: 'cap', budgetTokens: 20000 } }), ['thinking effort capped from max to high (adaptive thinking; thinking budget 20,000 tokens)']);
    assert.deepEqual(max.output_config, { effort: 'high' });
    const low = request({ thinking: { type: 'adaptive' }, output_config: { effort: 'low' } });
    assert.deepEqual(apply(low, { thinkingBudget: { mode: 'cap', budgetTokens: 20000 } }), []);
    const unnamed = request({ thinking: { type: 'adaptive' } });
    assert.deepEqual(apply(unnamed, { thinkingBudget: { mode: 'cap', budgetTokens: 2000 } }), ['thinking budget cap not applied: adaptive thinking without an effort takes no budget']);
    assert.deepEqual(unnamed, request({ thinking: { type: 'adaptive' } }));
  });

  it('cap lowers a larger budget, never below Anthropic\'s minimum, and leaves smaller ones', () => {
    const large = request({ thinking: { type: 'enabled', budget_tokens: 32000 } });
    assert.deepEqual(apply(large, { thinkingBudget: { mode: 'cap', budgetTokens: 8000 } }), ['thinking budget capped from 32,000 to 8,000 tokens']);
    assert.deepEqual(large.thinking, { type: 'enabled', budget_tokens: 8000 });
    const tiny = request({ thinking: { type: 'enabled', budget_tokens: 4000 } });
    assert.deepEqual(apply(tiny, { thinkingBudget: { mode: 'cap', budgetTokens: 500 } }), ["thinking budget capped from 4,000 to 1,024 tokens (Anthropic's minimum)"]);
    const minimum = request({ thinking: { type: 'enabled', budget_tokens: 1024 } });
    assert.deepEqual(apply(minimum, { thinkingBudget: { mode: 'cap', budgetTokens: 500 } }), ["thinking budget cap not applied: 1,024 tokens is Anthropic's minimum"]);
    const small = request({ thinking: { type: 'enabled', budget_tokens: 2000 } });
    assert.deepEqual(apply(small, { thinkingBudget: { mode: 'cap', budgetTokens: 8000 } }), []);
    const none = request();
    assert.deepEqual(apply(none, { thinkingBudget: { mode: 'cap', budgetTokens: 8000 } }), []);
    assert.equal('thinking' in none, false);
  });

  it('off removes thinking', () => {
    const on = request({ thinking: { type: 'enabled', budget_tokens: 4000 } });
    assert.deepEqual(apply(on, { thinkingBudget: { mode: 'off', budgetTokens: 0 } }), ['thinking turned off (was a budget of 4,000 tokens)']);
    assert.equal('thinking' in on, false);
    const adaptive = request({ thinking: { type: 'adaptive' } });
    assert.deepEqual(apply(adaptive, { thinkingBudget: { mode: 'off', budgetTokens: 0 } }), ['thinking turned off (was adaptive)']);
    assert.deepEqual(apply(request(), { thinkingBudget: { mode: 'off', budgetTokens: 0 } }), []);
  });
});
