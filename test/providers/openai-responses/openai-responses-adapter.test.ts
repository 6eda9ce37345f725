import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { GatewayError } from '../../../main/errors/gateway-error.js';
import { openAiResponsesFormat } from '../../../main/formats/openai-responses/openai-responses-format.js';
import { readBody } from '../../../main/providers/call-upstream.js';
import { openAiResponsesAdapter } from '../../../main/providers/openai-responses/openai-responses-adapter.js';
import { createEndpoint, type UpstreamEndpoint } from '../../../main/providers/upstream-endpoint.js';
import type { StreamPart } from '../../../main/spec/index.js';
import { Cancellation } from '../../../main/util/cancellation.js';
import { chatRequest } from '../../support/chat-request.js';
import { startResponsesSimulator, type ResponsesSimulator } from '../../support/responses-simulator.js';
import { streamEvents } from '../../support/responses-simulator-wire.js';

const reply = { reasoning: { summary: 'Plan.', encryptedContent: 'ENC==', id: 'rs_9' }, chunks: ['Hé', 'llo 🙂'], toolCalls: [{ callId: 'call_1', name: 'f', arguments: '{"a":1}' }], usage: { input_tokens: 9, output_tokens: 4, reasoning_tokens: 2 } };

function decodePieces(pieces: Buffer[]): StreamPart[] {
  const decoder = openAiResponsesAdapter.createStreamDecoder();
  return [...pieces.flatMap((piece) => decoder.push(piece)), ...decoder.end()];
}

describe('openai-responses stream decoder', () => {
  it('same parts at every byte boundary; reasoning keeps encrypted content; finish once', () => {
    const bytes = Buffer.from(streamEvents('resp_1', 'gpt-5-codex', reply).join(''));
    const whole = decodePieces([bytes]);
    for (let cut = 1; cut < bytes.length; cut++) assert.deepEqual(decodePieces([bytes.subarray(0, cut), bytes.subarray(cut)]), whole, `split at ${cut}`);
    assert.deepEqual(whole.find((part) => part.type === 'reasoning-end'), { type: 'reasoning-end', id: 'rs_9', providerMetadata: { 'openai-responses': { itemId: 'rs_9', encryptedContent: 'ENC==' } } });
    assert.deepEqual(whole.filter((part) => part.type === 'tool-call'), [{ type: 'tool-call', toolCallId: 'call_1', toolName: 'f', input: '{"a":1}', providerMetadata: { 'openai-responses': { itemId: 'fc_resp_1_0' } } }]);
    assert.deepEqual(whole.at(-1), { type: 'finish', finishReason: { unified: 'tool-calls', raw: 'completed' }, usage: { inputTokens: 9, outputTokens: 4, cachedInputTokens: 0, cacheWriteInputTokens: undefined, reasoningTokens: 2 } });
    assert.equal(whole.filter((part) => part.type === 'finish').length, 1);
  });

  it('a stream cut before response.completed is stream_interrupted (502)', () => {
    const events = streamEvents('resp_1', 'm', { text: 'hi' });
    const parts = decodePieces([Buffer.from(events.slice(0, -1).join(''))]);
    const last = parts.at(-1);
    assert.ok(last?.type === 'error' && last.error instanceof GatewayError && last.error.code === 'stream_interrupted' && last.error.status === 502);
  });
});

describe('openai-responses request encoding', () => {
  it("carries a Responses client's metadata, safety_identifier and include to a Responses upstream", () => {
    const request = openAiResponsesFormat.decodeRequest({ model: 'up/gpt-5', input: 'hi', metadata: { ticket: 'OPS-12' }, safety_identifier: 'user-7', include: ['message.output_text.logprobs'] });
    const body = JSON.parse(openAiResponsesAdapter.encodeRequest(request, 'gpt-5').body) as Record<string, unknown>;
    assert.deepEqual(body.metadata, { ticket: 'OPS-12' });
    assert.equal(body.safety_identifier, 'user-7');
    assert.deepEqual(body.include, ['message.output_text.logprobs']);
    assert.equal(body.store, false);
  });
});

describe('reasoning items for clients that cannot carry them', () => {
  type Item = { type: string; id?: string; call_id?: string; encrypted_content?: string };
  /** A history as Claude Code or Gemini CLI sends it back: the calls with their ids, no reasoning. */
  const history = (callIds: string[]) =>
    chatRequest({
      messages: [
        { role: 'user', content: [{ type: 'text', text: 'weather?' }] },
        { role: 'assistant', content: callIds.map((id) => ({ type: 'tool-call' as const, toolCallId: id, toolName: 'f', input: '{}' })) },
        { role: 'tool', content: callIds.map((id) => ({ type: 'tool-result' as const, toolCallId: id, toolName: 'f', output: [{ type: 'text' as const, text: 'ok' }], isError: false })) },
      ],
    });
  const inputOf = (callIds: string[]) => (JSON.parse(openAiResponsesAdapter.encodeRequest(history(callIds), 'gpt-5-codex').body) as { input: Item[]; include?: string[] });

  it('puts the reasoning that preceded a call back before it, once (whole answers)', () => {
    openAiResponsesAdapter.decodeResult({
      id: 'resp_w',
      object: 'response',
      status: 'completed',
      output: [
        { type: 'reasoning', id: 'rs_w', summary: [], encrypted_content: 'ENC-W' },
        { type: 'function_call', id: 'fc_1', call_id: 'call_w1', name: 'f', arguments: '{}' },
        { type: 'function_call', id: 'fc_2', call_id: 'call_w2', name: 'f', arguments: '{}' },
      ],
    });
    const { input, include } = inputOf(['call_w1', 'call_w2']);
    assert.deepEqual(input.slice(1, 4).map((item) => [item.type, item.id ?? item.call_id]), [['reasoning', 'rs_w'], ['function_call', 'call_w1'], ['function_call', 'call_w2']]);
    assert.equal(input[1]?.encrypted_content, 'ENC-W');
    assert.ok(include?.includes('reasoning.encrypted_content'), 'and asks for the next reasoning in turn');
  });

  it('does the same for streamed answers, and leaves calls it never saw alone', () => {
    decodePieces([Buffer.from(streamEvents('resp_s', 'gpt-5-codex', { reasoning: { summary: 'Plan.', encryptedContent: 'ENC-S', id: 'rs_s' }, toolCalls: [{ callId: 'call_s1', name: 'f', arguments: '{}' }] }).join(''))]);
    assert.deepEqual(inputOf(['call_s1']).input.slice(1, 3).map((item) => [item.type, item.encrypted_content ?? item.call_id]), [['reasoning', 'ENC-S'], ['function_call', 'call_s1']]);
    assert.deepEqual(inputOf(['call_unknown']).input.map((item) => item.type), ['message', 'function_call', 'function_call_output']);
  });
});

describe('openai-responses adapter against the simulator, through callUpstream', () => {
  let sim: ResponsesSimulator;
  let endpoint: UpstreamEndpoint;
  before(async () => {
    sim = await startResponsesSimulator();
    endpoint = createEndpoint({ provider: 'sim', baseUrl: sim.url, headers: openAiResponsesAdapter.authHeaders(sim.apiKey), credential: sim.apiKey });
  });
  after(() => sim.close());

  it('round trip: encrypted reasoning comes back in the next request exactly (golden)', async () => {
    sim.reply(reply);
    const first = chatRequest({ reasoning: { effort: 'high', budgetTokens: undefined } });
    const response = await openAiResponsesAdapter.send({ endpoint, request: openAiResponsesAdapter.encodeRequest(first, 'gpt-5-codex'), cancellation: new Cancellation(), timeoutMs: 5000 });
    const result = openAiResponsesAdapter.decodeResult(JSON.parse((await readBody(response, 1 << 20)).toString('utf8')));
    const second = chatRequest({
      messages: [
        { role: 'system', content: [{ type: 'text', text: 'Be brief.' }] },
        ...first.messages,
        { role: 'assistant', content: result.content },
        { role: 'tool', content: [{ type: 'tool-result', toolCallId: 'call_1', toolName: 'f', output: [{ type: 'text', text: 'ok' }], isError: false }] },
      ],
      reasoning: { effort: 'high', budgetTokens: undefined },
    });
    const body = JSON.parse(openAiResponsesAdapter.encodeRequest(second, 'gpt-5-codex').body) as unknown;
    const golden = JSON.parse(readFileSync(new URL('./golden/reasoning-items.upstream.json', import.meta.url), 'utf8')) as unknown;
    assert.deepEqual(body, golden);
  });

  it('upstream 429 keeps the envelope and retry-after; the key is never echoed', async () => {
    sim.fail({ status: 429, headers: { 'retry-after': '7' } });
    await assert.rejects(
      openAiResponsesAdapter.send({ endpoint, request: openAiResponsesAdapter.encodeRequest(chatRequest(), 'gpt-5-codex'), cancellation: new Cancellation(), timeoutMs: 5000 }),
      (error: GatewayError) => error.status === 429 && error.headers['retry-after'] === '7',
    );
    assert.deepEqual(await openAiResponsesAdapter.listModels({ endpoint, cancellation: new Cancellation(), timeoutMs: 5000 }), sim.models);
  });
});
