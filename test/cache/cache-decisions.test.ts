import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cacheDecision, mayHaveZeroTemperature } from '../../main/cache/cache-policy.js';
import { canonicalJson } from '../../main/cache/canonical-json.js';
import { isCompleteAnswer } from '../../main/cache/complete-answer.js';
import { semanticQuery } from '../../main/cache/last-user-text.js';

const sse = (text: string) => ({ status: 200, headers: { 'content-type': 'text/event-stream; charset=utf-8' }, body: Buffer.from(text) });

describe('cache decisions', () => {
  it('caches temperature 0 in every format, samples otherwise, and never n > 1 or Responses state', () => {
    assert.equal(cacheDecision('openai-chat', { temperature: 0 }, false), 'cache');
    assert.equal(cacheDecision('openai-chat', {}, false), 'sampled');
    assert.equal(cacheDecision('openai-chat', { temperature: 0.2 }, false), 'sampled');
    assert.equal(cacheDecision('openai-chat', { temperature: 0, n: 3 }, true), 'excluded');
    assert.equal(cacheDecision('anthropic-messages', { temperature: 0, tools: [{ name: 't' }] }, false), 'cache');
    assert.equal(cacheDecision('gemini', { generationConfig: { temperature: 0 } }, false), 'cache');
    assert.equal(cacheDecision('gemini', { generationConfig: { temperature: 0, candidateCount: 2 } }, false), 'excluded');
    assert.equal(cacheDecision('ollama', { options: { temperature: 0 } }, false), 'cache');
    assert.equal(cacheDecision('ollama', { temperature: 0 }, false), 'sampled', 'Ollama reads it from options');
    assert.equal(cacheDecision('openai-responses', { temperature: 0 }, false), 'cache');
    for (const state of [{ previous_response_id: 'resp_1' }, { conversation: 'conv_1' }, { background: true }]) {
      assert.equal(cacheDecision('openai-responses', { temperature: 0, ...state }, true), 'excluded');
    }
    assert.equal(cacheDecision('anthropic-messages', { temperature: 1 }, true), 'cache');
    assert.equal(cacheDecision('management', { temperature: 0 }, true), 'excluded');
  });

  it('tells from the raw bytes whether a body may ask for temperature 0', () => {
    const may = (text: string) => mayHaveZeroTemperature(Buffer.from(text));
    for (const yes of ['{"temperature":0}', '{"temperature" : 0.0 ,"x":1}', '{"options":{"temperature":-0}}', '{"a":1,"temperature":0\n}']) assert.equal(may(yes), true, yes);
    for (const no of ['{"temperature":0.2}', '{"temperature":1}', '{}', '{"temperature":{"type":"number"}}', '{"content":"\\"temperature\\":0"}', '{"temperature":05}']) assert.equal(may(no), false, no);
  });

  it('canonical JSON sorts keys at every depth and keeps array order', () => {
    assert.equal(canonicalJson({ b: 1, a: { d: [2, { z: 1, y: null }], c: 'x' }, u: undefined }), '{"a":{"c":"x","d":[2,{"y":null,"z":1}]},"b":1}');
  });

  it('judges completeness by each format’s terminal event', () => {
    assert.equal(isCompleteAnswer('openai-chat', sse('data: {"choices":[]}\n\ndata: [DONE]\n\n')), true);
    assert.equal(isCompleteAnswer('openai-chat', sse('data: {"choices":[]}\n\ndata: {"error":{"message":"x"}}\n\n')), false);
    assert.equal(isCompleteAnswer('anthropic-messages', sse('event: message_stop\ndata: {"type":"message_stop"}\n\n')), true);
    assert.equal(isCompleteAnswer('anthropic-messages', sse('event: error\ndata: {"type":"error","error":{}}\n\n')), false);
    assert.equal(isCompleteAnswer('openai-responses', sse('event: response.completed\ndata: {"type":"response.completed"}\n\n')), true);
    assert.equal(isCompleteAnswer('openai-responses', sse('event: response.failed\ndata: {"type":"response.failed"}\n\n')), false);
    assert.equal(isCompleteAnswer('gemini', sse('data: {"candidates":[{"finishReason":"STOP"}]}\n\n')), true);
    assert.equal(isCompleteAnswer('gemini', sse('data: {"candidates":[{}]}\n\n')), false);
    const json = (text: string, type = 'application/json') => ({ status: 200, headers: { 'content-type': type }, body: Buffer.from(text) });
    assert.equal(isCompleteAnswer('gemini', json('[{"candidates":[{}]},\n{"candidates":[{"finishReason":"STOP"}]}]')), true);
    assert.equal(isCompleteAnswer('gemini', json('[{"candidates":[{}]}')), false);
    assert.equal(isCompleteAnswer('ollama', json('{"done":false}\n{"done":true}\n', 'application/x-ndjson')), true);
    assert.equal(isCompleteAnswer('ollama', json('{"done":false}\n{"error":"x"}\n', 'application/x-ndjson')), false);
    assert.equal(isCompleteAnswer('openai-chat', json('{"choices":[]}')), true);
    assert.equal(isCompleteAnswer('openai-chat', { ...json('{"error":{}}'), status: 400 }), false);
  });

  it('finds the last user message in every format, leaving the rest to match exactly', () => {
    const chat = semanticQuery('openai-chat', { model: 'm', messages: [{ role: 'user', content: 'old' }, { role: 'assistant', content: 'a' }, { role: 'user', content: [{ type: 'text', text: 'new' }] }] });
    assert.equal(chat?.text, 'new');
    assert.deepEqual((chat?.rest.messages as unknown[])[0], { role: 'user', content: 'old' });
    assert.equal(semanticQuery('gemini', { contents: [{ role: 'user', parts: [{ text: 'hi' }, { text: 'there' }] }] })?.text, 'hi\nthere');
    assert.equal(semanticQuery('openai-responses', { input: 'plain' })?.text, 'plain');
    assert.equal(semanticQuery('openai-responses', { input: [{ role: 'user', content: [{ type: 'input_text', text: 'parts' }] }] })?.text, 'parts');
    assert.equal(semanticQuery('ollama', { prompt: 'generate me' })?.text, 'generate me');
    assert.equal(semanticQuery('anthropic-messages', { messages: [{ role: 'assistant', content: 'x' }] }), undefined);
  });
});
