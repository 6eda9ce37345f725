import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadAdapter } from '../../main/providers/adapters.js';

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
});
