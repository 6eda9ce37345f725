import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadAdapter } from '../../main/providers/adapters.js';
import type { ChatFamily } from '../../shared/api-types.js';

/** Feeds a stream to a sniffer in chunks of `size` bytes, so events split anywhere. */
function feed(sniffer: { push(chunk: Buffer): void; end(): void }, text: string, size: number): void {
  const bytes = Buffer.from(text);
  for (let offset = 0; offset < bytes.length; offset += size) sniffer.push(bytes.subarray(offset, offset + size));
  sniffer.end();
}

describe('stream usage sniffers', () => {
  it('find the OpenAI usage chunk wherever the chunks split it', async () => {
    const openai = await loadAdapter('openai');
    const stream =
      'data: {"choices":[{"index":0,"delta":{"content":"a \\"usage\\" word"}}]}\n\n' +
      'data: {"choices":[],"usage":{"prompt_tokens":12,"completion_tokens":3,"prompt_tokens_details":{"cached_tokens":4}}}\n\n' +
      'data: [DONE]\n\n';
    for (const size of [1, 7, 64, 4096]) {
      const sniffer = openai.sniffStreamUsage();
      feed(sniffer, stream, size);
      assert.deepEqual([sniffer.usage?.inputTokens, sniffer.usage?.outputTokens, sniffer.usage?.cachedInputTokens], [12, 3, 4], `chunks of ${size}`);
    }
  });

  it('skip the `"usage":null` of every chunk and take the usage object however the upstream spaced it', async () => {
    const openai = await loadAdapter('openai');
    const chunk = (content: string) => `data: {"choices":[{"index":0,"delta":{"content":"${content}"}}],"usage":null}\n\n`;
    for (const separator of [':', ': ', ' : ', ':\t', '\t:  ']) {
      const stream = chunk('one') + chunk('two') + `data: {"choices":[],"usage"${separator}{"prompt_tokens":7,"completion_tokens":2}}\n\n` + 'data: [DONE]\n\n';
      for (const size of [3, 50, 4096]) {
        const sniffer = openai.sniffStreamUsage();
        feed(sniffer, stream, size);
        assert.deepEqual([sniffer.usage?.inputTokens, sniffer.usage?.outputTokens], [7, 2], `separator ${JSON.stringify(separator)}, chunks of ${size}`);
      }
    }
    const nullOnly = openai.sniffStreamUsage();
    feed(nullOnly, chunk('a') + chunk('b') + 'data: [DONE]\n\n', 4096);
    assert.equal(nullOnly.usage, undefined);
  });

  it('merge Anthropic message_start and the cumulative message_delta', async () => {
    const anthropic = await loadAdapter('anthropic');
    const sniffer = anthropic.sniffStreamUsage();
    feed(
      sniffer,
      'event: message_start\ndata: {"type":"message_start","message":{"id":"m","usage":{"input_tokens":10,"cache_read_input_tokens":5,"output_tokens":1}}}\n\n' +
        'event: message_delta\ndata: {"type":"message_delta","delta":{"stop_reason":"end_turn"},"usage":{"output_tokens":9}}\n\n',
      13,
    );
    assert.deepEqual([sniffer.usage?.inputTokens, sniffer.usage?.outputTokens, sniffer.usage?.cachedInputTokens], [15, 9, 5]);
  });

  it('a stream without usage, or with an unreadable usage line, reports none and never throws', async () => {
    const openai = await loadAdapter('openai');
    const none = openai.sniffStreamUsage();
    feed(none, 'data: {"choices":[{"delta":{"content":"hi"}}]}\n\ndata: [DONE]\n\n', 5);
    assert.equal(none.usage, undefined);
    const broken = openai.sniffStreamUsage();
    feed(broken, 'data: {"choices":[],"usage":{"prompt_tokens":\n\n', 5);
    assert.equal(broken.usage, undefined);
  });

  it('report the error event each family sends inside a 200 stream, however the chunks split it', async () => {
    const cases: { family: ChatFamily; stream: string; status: number; message: string }[] = [
      {
        family: 'openai',
        stream: 'data: {"choices":[{"index":0,"delta":{"content":"an \\"error\\": x"}}]}\n\ndata: {"error":{"message":"The model crashed","type":"server_error","code":null}}\n\n',
        status: 502,
        message: 'The model crashed',
      },
      // OpenRouter puts an HTTP-like code in the event.
      { family: 'openai', stream: 'data: {"error" : {"code":429,"message":"Rate limited upstream"}}\n\n', status: 429, message: 'Rate limited upstream' },
      {
        family: 'anthropic',
        stream:
          'event: message_start\ndata: {"type":"message_start","message":{"id":"m","usage":{"input_tokens":3,"output_tokens":1}}}\n\n' +
          'event: error\ndata: {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}\n\n',
        status: 529,
        message: 'Overloaded',
      },
      { family: 'gemini', stream: 'data: {"error":{"code":503,"message":"The model is overloaded.","status":"UNAVAILABLE"}}\r\n\r\n', status: 503, message: 'The model is overloaded.' },
      {
        family: 'ollama',
        stream: '{"model":"llama3","message":{"role":"assistant","content":"hi"},"done":false}\n{"error":"model runner has unexpectedly stopped"}\n',
        status: 502,
        message: 'model runner has unexpectedly stopped',
      },
      {
        family: 'openai-responses',
        stream: 'event: response.failed\ndata: {"type":"response.failed","response":{"id":"r","status":"failed","error":{"code":"server_error","message":"boom"}}}\n\n',
        status: 502,
        message: 'boom',
      },
      {
        family: 'openai-responses',
        stream: 'event: error\ndata: {"type": "error","code":"rate_limit_exceeded","message":"slow down","param":null,"sequence_number":3}\n\n',
        status: 429,
        message: 'slow down',
      },
    ];
    for (const { family, stream, status, message } of cases) {
      const adapter = await loadAdapter(family);
      for (const size of [1, 9, 4096]) {
        const sniffer = adapter.sniffStreamUsage();
        feed(sniffer, stream, size);
        assert.deepEqual([sniffer.error?.status, sniffer.error?.message], [status, message], `${family}, chunks of ${size}`);
      }
    }
  });

  it('report no error for clean streams, whatever their text says', async () => {
    const clean: [ChatFamily, string][] = [
      ['openai', 'data: {"choices":[{"index":0,"delta":{"content":"error"}}]}\n\ndata: {"choices":[{"index":0,"delta":{"content":"the \\"error\\": key"}}]}\n\ndata: [DONE]\n\n'],
      ['openai-responses', 'event: response.completed\ndata: {"type":"response.completed","response":{"id":"r","status":"completed","error":null,"output":[{"type":"message","content":[{"type":"output_text","text":"\\"type\\":\\"error\\""}]}]}}\n\n'],
      ['ollama', '{"model":"llama3","message":{"role":"assistant","content":"error"},"done":true,"error":null}\n'],
    ];
    for (const [family, stream] of clean) {
      const sniffer = (await loadAdapter(family)).sniffStreamUsage();
      feed(sniffer, stream, 5);
      assert.equal(sniffer.error, undefined, family);
    }
  });
});
