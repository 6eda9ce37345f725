import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { GatewayError } from '../../../main/errors/gateway-error.js';
import { ollamaChatFormat, ollamaGenerateFormat } from '../../../main/formats/ollama/ollama-format.js';

const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]).toString('base64');
const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46]).toString('base64');
const webp = Buffer.from('RIFF\x10\x00\x00\x00WEBPVP8 ', 'latin1').toString('base64');

const rejects400 = (run: () => unknown, param: string) =>
  assert.throws(run, (error: unknown) => error instanceof GatewayError && error.status === 400 && error.param === param);

describe('ollama /api/chat decode', () => {
  it('streams by default; stream:false is JSON', () => {
    const messages = [{ role: 'user', content: 'hi' }];
    assert.equal(ollamaChatFormat.decodeRequest({ model: 'm', messages }).stream, true);
    assert.equal(ollamaChatFormat.decodeRequest({ model: 'm', messages, stream: false }).stream, false);
    assert.equal(ollamaChatFormat.decodeRequest({ model: 'm', messages, stream: true }).stream, true);
  });

  it('decodes messages, images by magic bytes, tool calls with stable ids and results matched by name and order', () => {
    const request = ollamaChatFormat.decodeRequest({
      model: 'local/qwen3',
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'What is in these?', images: [png, jpeg, `data:image/webp;base64,${webp}`] },
        {
          role: 'assistant',
          content: '',
          thinking: 'Two lookups.',
          tool_calls: [
            { function: { name: 'weather', arguments: { city: 'Paris' } } },
            { function: { name: 'time', arguments: { zone: 'CET' } } },
            { function: { name: 'weather', arguments: { city: 'Oslo' } } },
          ],
        },
        { role: 'tool', tool_name: 'time', content: '12:00' },
        { role: 'tool', tool_name: 'weather', content: 'sunny' },
        { role: 'tool', content: 'snow' },
      ],
    });
    assert.deepEqual(request.messages, [
      { role: 'system', content: [{ type: 'text', text: 'Be brief.' }] },
      {
        role: 'user',
        content: [
          { type: 'text', text: 'What is in these?' },
          { type: 'file', mediaType: 'image/png', data: { kind: 'base64', base64: png } },
          { type: 'file', mediaType: 'image/jpeg', data: { kind: 'base64', base64: jpeg } },
          { type: 'file', mediaType: 'image/webp', data: { kind: 'base64', base64: webp } },
        ],
      },
      {
        role: 'assistant',
        content: [
          { type: 'reasoning', text: 'Two lookups.' },
          { type: 'tool-call', toolCallId: 'ollama_call_2_0', toolName: 'weather', input: '{"city":"Paris"}' },
          { type: 'tool-call', toolCallId: 'ollama_call_2_1', toolName: 'time', input: '{"zone":"CET"}' },
          { type: 'tool-call', toolCallId: 'ollama_call_2_2', toolName: 'weather', input: '{"city":"Oslo"}' },
        ],
      },
      {
        role: 'tool',
        content: [
          { type: 'tool-result', toolCallId: 'ollama_call_2_1', toolName: 'time', output: [{ type: 'text', text: '12:00' }], isError: false },
          { type: 'tool-result', toolCallId: 'ollama_call_2_0', toolName: 'weather', output: [{ type: 'text', text: 'sunny' }], isError: false },
          { type: 'tool-result', toolCallId: 'ollama_call_2_2', toolName: 'weather', output: [{ type: 'text', text: 'snow' }], isError: false },
        ],
      },
    ]);
  });

  it('maps options, format, think and keeps the rest for Ollama', () => {
    const request = ollamaChatFormat.decodeRequest({
      model: 'm',
      messages: [{ role: 'user', content: 'x' }],
      tools: [{ type: 'function', function: { name: 'f', description: 'F', parameters: { type: 'object' } } }],
      format: { type: 'object', properties: { a: { type: 'string' } } },
      options: { temperature: 0.1, top_p: 0.9, top_k: 40, num_predict: 100, stop: ['END'], seed: 7, num_ctx: 8192 },
      think: 'high',
      keep_alive: '10m',
    });
    assert.deepEqual(
      { max: request.maxOutputTokens, t: request.temperature, p: request.topP, k: request.topK, stop: request.stopSequences, seed: request.seed },
      { max: 100, t: 0.1, p: 0.9, k: 40, stop: ['END'], seed: 7 },
    );
    assert.deepEqual(request.tools, [{ name: 'f', description: 'F', inputSchema: { type: 'object' } }]);
    assert.deepEqual(request.responseFormat, { type: 'json', schema: { type: 'object', properties: { a: { type: 'string' } } }, name: undefined, strict: undefined });
    assert.deepEqual(request.reasoning, { effort: 'high', budgetTokens: undefined });
    assert.deepEqual(request.providerMetadata, { ollama: { options: { num_ctx: 8192 }, keepAlive: '10m', think: 'high' } });
    const json = ollamaChatFormat.decodeRequest({ model: 'm', messages: [{ role: 'user', content: 'x' }], format: 'json', think: true });
    assert.deepEqual(json.responseFormat, { type: 'json', schema: undefined, name: undefined, strict: undefined });
    assert.deepEqual(json.reasoning, { effort: undefined, budgetTokens: undefined });
  });

  it('rejects what it cannot decode with a 400 naming the field', () => {
    rejects400(() => ollamaChatFormat.decodeRequest({ model: 'm', messages: [{ role: 'user', content: 'x', images: ['aGVsbG8='] }] }), 'messages[0].images[0]');
    rejects400(() => ollamaChatFormat.decodeRequest({ model: 'm', messages: [{ role: 'tool', tool_name: 'f', content: 'x' }] }), 'messages[0]');
    rejects400(() => ollamaChatFormat.decodeRequest({ model: 'm', messages: [] }), 'messages');
    rejects400(() => ollamaChatFormat.decodeRequest({ model: 'm', messages: [{ role: 'user', content: 'x' }], options: { temperature: 'hot' } }), 'options.temperature');
    rejects400(() => ollamaChatFormat.decodeRequest({ model: 'm', messages: [{ role: 'robot', content: 'x' }] }), 'messages[0].role');
  });
});

describe('ollama /api/generate decode', () => {
  it('prompt, system and images become one turn; streams by default', () => {
    const request = ollamaGenerateFormat.decodeRequest({ model: 'm', prompt: 'Describe', system: 'Be terse', images: [png], options: { num_predict: 5 } });
    assert.equal(request.stream, true);
    assert.equal(request.maxOutputTokens, 5);
    assert.deepEqual(request.messages, [
      { role: 'system', content: [{ type: 'text', text: 'Be terse' }] },
      { role: 'user', content: [{ type: 'text', text: 'Describe' }, { type: 'file', mediaType: 'image/png', data: { kind: 'base64', base64: png } }] },
    ]);
  });

  it('raw, template, suffix and context are 400s', () => {
    rejects400(() => ollamaGenerateFormat.decodeRequest({ model: 'm', prompt: 'x', raw: true }), 'raw');
    rejects400(() => ollamaGenerateFormat.decodeRequest({ model: 'm', prompt: 'x', template: '{{ .Prompt }}' }), 'template');
    rejects400(() => ollamaGenerateFormat.decodeRequest({ model: 'm', prompt: 'x', suffix: 'end' }), 'suffix');
    rejects400(() => ollamaGenerateFormat.decodeRequest({ model: 'm', prompt: 'x', context: [1, 2] }), 'context');
    rejects400(() => ollamaGenerateFormat.decodeRequest({ model: 'm', prompt: '' }), 'prompt');
  });
});
