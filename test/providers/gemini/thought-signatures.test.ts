/**
 * Gemini 3 thought signatures for clients that cannot carry them: remembered when a signed call
 * is decoded (whole or streamed), given back when the call returns in the history with only its
 * id; Gemini's documented bypass for a current-turn call nobody knows the signature of, on
 * Gemini 3 and later only.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { geminiAdapter } from '../../../main/providers/gemini/gemini-adapter.js';
import type { ChatRequest, Message } from '../../../main/spec/index.js';
import { chatRequest } from './canonical-request.js';

type Body = { contents: { role: string; parts: { functionCall?: { name: string }; thoughtSignature?: string }[] }[] };

const calls = (body: Body) => body.contents.flatMap((content) => content.parts).filter((part) => part.functionCall);

/** A history in which the assistant made `ids` calls (without any Gemini metadata: a non-Gemini client sent it) and got their results. */
function historyWith(ids: string[], userAfter = false): ChatRequest {
  const messages: Message[] = [
    { role: 'user', content: [{ type: 'text', text: 'weather?' }] },
    { role: 'assistant', content: ids.map((id) => ({ type: 'tool-call' as const, toolCallId: id, toolName: 'weather', input: '{}' })) },
    { role: 'tool', content: ids.map((id) => ({ type: 'tool-result' as const, toolCallId: id, toolName: 'weather', output: [{ type: 'text' as const, text: 'sunny' }], isError: false })) },
  ];
  if (userAfter) messages.push({ role: 'assistant', content: [{ type: 'text', text: 'Sunny.' }] }, { role: 'user', content: [{ type: 'text', text: 'thanks' }] });
  return chatRequest({ messages, tools: [{ name: 'weather', description: 'Weather', inputSchema: { type: 'object', properties: {} } }] });
}

const encode = (request: ChatRequest, model: string): Body => JSON.parse(geminiAdapter.encodeRequest(request, model).body) as Body;

describe('Gemini thought signatures for other clients', () => {
  it('gives a decoded call its signature back by id (whole answers and streams)', () => {
    const result = geminiAdapter.decodeResult({
      candidates: [{ content: { role: 'model', parts: [{ functionCall: { name: 'weather', args: {} }, thoughtSignature: 'SIG-WHOLE' }, { functionCall: { name: 'weather', args: {} } }] }, finishReason: 'STOP' }],
    });
    const ids = result.content.flatMap((part) => (part.type === 'tool-call' ? [part.toolCallId] : []));
    assert.equal(ids.length, 2);

    const decoder = geminiAdapter.createStreamDecoder();
    const chunk = { candidates: [{ content: { role: 'model', parts: [{ functionCall: { name: 'weather', args: {} }, thoughtSignature: 'SIG-STREAM' }] } }] };
    const streamed = [...decoder.push(Buffer.from(`data: ${JSON.stringify(chunk)}\r\n\r\n`)), ...decoder.end()];
    const streamedId = streamed.flatMap((part) => (part.type === 'tool-call' ? [part.toolCallId] : []))[0]!;

    for (const model of ['gemini-3-pro-preview', 'gemini-2.5-flash']) {
      assert.deepEqual(calls(encode(historyWith(ids), model)).map((part) => part.thoughtSignature), ['SIG-WHOLE', undefined], model);
      assert.deepEqual(calls(encode(historyWith([streamedId]), model)).map((part) => part.thoughtSignature), ['SIG-STREAM'], model);
    }
  });

  it('uses the documented bypass for a current-turn call of unknown signature, on Gemini 3 and later only', () => {
    const unknown = historyWith(['call_from_elsewhere_1', 'call_from_elsewhere_2']);
    assert.deepEqual(calls(encode(unknown, 'gemini-3-pro-preview')).map((part) => part.thoughtSignature), ['skip_thought_signature_validator', undefined]);
    assert.deepEqual(calls(encode(unknown, 'gemini-4-flash')).map((part) => part.thoughtSignature), ['skip_thought_signature_validator', undefined]);
    assert.deepEqual(calls(encode(unknown, 'gemini-2.5-pro')).map((part) => part.thoughtSignature), [undefined, undefined], 'older models have no such rule');
    assert.deepEqual(calls(encode(historyWith(['call_old'], true), 'gemini-3-pro-preview')).map((part) => part.thoughtSignature), [undefined], 'a call of an earlier turn needs none');
  });
});
