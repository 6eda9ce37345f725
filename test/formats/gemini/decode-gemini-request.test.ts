import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { GatewayError } from '../../../main/errors/gateway-error.js';
import { geminiFormat } from '../../../main/formats/gemini/gemini-format.js';

const decode = (body: unknown, overrides = { model: 'gem/gemini-2.5-pro', stream: true }) => geminiFormat.decodeRequest(body, overrides);

function badRequest(run: () => unknown, pattern: RegExp): GatewayError {
  const error = (() => {
    try {
      run();
    } catch (caught) {
      return caught;
    }
    return assert.fail('expected a 400');
  })();
  assert.ok(error instanceof GatewayError);
  assert.equal(error.status, 400);
  assert.match(error.message, pattern);
  return error;
}

describe('geminiFormat.decodeRequest', () => {
  it('takes model and streaming from the URL and maps the generation config', () => {
    const request = decode({
      contents: [{ role: 'user', parts: [{ text: 'Hi' }] }],
      systemInstruction: { parts: [{ text: 'Be brief.' }] },
      generationConfig: { maxOutputTokens: 100, temperature: 0.5, topP: 0.8, topK: 20, stopSequences: ['X'], seed: 3, thinkingConfig: { thinkingBudget: 2048, includeThoughts: true }, presencePenalty: 0.1 },
      safetySettings: [{ category: 'HARM_CATEGORY_HATE_SPEECH', threshold: 'BLOCK_NONE' }],
    });
    assert.equal(request.model, 'gem/gemini-2.5-pro');
    assert.equal(request.stream, true);
    assert.deepEqual(request.messages, [
      { role: 'system', content: [{ type: 'text', text: 'Be brief.' }] },
      { role: 'user', content: [{ type: 'text', text: 'Hi' }] },
    ]);
    assert.deepEqual([request.maxOutputTokens, request.temperature, request.topP, request.topK, request.stopSequences, request.seed], [100, 0.5, 0.8, 20, ['X'], 3]);
    assert.deepEqual(request.reasoning, { effort: undefined, budgetTokens: 2048 });
    assert.deepEqual(request.providerMetadata, {
      gemini: { extras: { safetySettings: [{ category: 'HARM_CATEGORY_HATE_SPEECH', threshold: 'BLOCK_NONE' }] }, generationConfig: { presencePenalty: 0.1 } },
    });
  });

  it('pairs function responses with calls by id, else by name and order, generating deterministic ids', () => {
    const request = decode({
      contents: [
        { role: 'user', parts: [{ text: 'Weather in Paris and Rome?' }] },
        {
          role: 'model',
          parts: [
            { text: 'thinking...', thought: true, thoughtSignature: 'sig-t' },
            { functionCall: { name: 'weather', args: { city: 'Paris' } }, thoughtSignature: 'sig-1' },
            { functionCall: { name: 'weather', args: { city: 'Rome' } } },
            { functionCall: { id: 'given-id', name: 'time', args: {} } },
          ],
        },
        {
          role: 'user',
          parts: [
            { functionResponse: { id: 'given-id', name: 'time', response: { output: '12:00' } } },
            { functionResponse: { name: 'weather', response: { output: 'sunny' } } },
            { functionResponse: { name: 'weather', response: { error: 'timeout' } } },
            { text: 'Thanks' },
          ],
        },
      ],
    });
    assert.deepEqual(request.messages[1], {
      role: 'assistant',
      content: [
        { type: 'reasoning', text: 'thinking...', providerMetadata: { gemini: { thoughtSignature: 'sig-t' } } },
        { type: 'tool-call', toolCallId: 'call_1_1', toolName: 'weather', input: '{"city":"Paris"}', providerMetadata: { gemini: { thoughtSignature: 'sig-1' } } },
        { type: 'tool-call', toolCallId: 'call_1_2', toolName: 'weather', input: '{"city":"Rome"}' },
        { type: 'tool-call', toolCallId: 'given-id', toolName: 'time', input: '{}', providerMetadata: { gemini: { functionCallId: 'given-id' } } },
      ],
    });
    assert.deepEqual(request.messages[2], {
      role: 'tool',
      content: [
        { type: 'tool-result', toolCallId: 'given-id', toolName: 'time', output: [{ type: 'text', text: '12:00' }], isError: false, providerMetadata: { gemini: { response: { output: '12:00' } } } },
        { type: 'tool-result', toolCallId: 'call_1_1', toolName: 'weather', output: [{ type: 'text', text: 'sunny' }], isError: false, providerMetadata: { gemini: { response: { output: 'sunny' } } } },
        { type: 'tool-result', toolCallId: 'call_1_2', toolName: 'weather', output: [{ type: 'text', text: 'timeout' }], isError: true, providerMetadata: { gemini: { response: { error: 'timeout' } } } },
      ],
    });
    assert.deepEqual(request.messages[3], { role: 'user', content: [{ type: 'text', text: 'Thanks' }] });
  });

  it('refuses a functionResponse that answers no call', () => {
    badRequest(() => decode({ contents: [{ role: 'user', parts: [{ functionResponse: { name: 'ghost', response: {} } }] }] }), /answers no functionCall named 'ghost'/);
  });

  it('decodes files, tools (Gemini schema to JSON Schema), tool config and JSON output', () => {
    const request = decode({
      contents: [{ role: 'user', parts: [{ inlineData: { mimeType: 'image/png', data: 'AAAA' } }, { fileData: { mimeType: 'application/pdf', fileUri: 'gs://b/a.pdf' } }] }],
      tools: [{ functionDeclarations: [{ name: 'find', description: 'Find', parameters: { type: 'OBJECT', properties: { q: { type: 'STRING', nullable: true } }, required: ['q'] } }, { name: 'raw', parametersJsonSchema: { type: 'object', additionalProperties: false } }] }],
      toolConfig: { functionCallingConfig: { mode: 'ANY', allowedFunctionNames: ['find'] } },
      generationConfig: { responseMimeType: 'application/json', responseSchema: { type: 'OBJECT', properties: { a: { type: 'INTEGER' } } } },
    });
    assert.deepEqual(request.messages[0], {
      role: 'user',
      content: [
        { type: 'file', mediaType: 'image/png', data: { kind: 'base64', base64: 'AAAA' } },
        { type: 'file', mediaType: 'application/pdf', data: { kind: 'url', url: 'gs://b/a.pdf' } },
      ],
    });
    assert.deepEqual(request.tools, [
      { name: 'find', description: 'Find', inputSchema: { type: 'object', properties: { q: { type: ['string', 'null'] } }, required: ['q'] } },
      { name: 'raw', description: undefined, inputSchema: { type: 'object', additionalProperties: false } },
    ]);
    assert.deepEqual(request.toolChoice, { type: 'tool', toolName: 'find' });
    assert.deepEqual(request.responseFormat, { type: 'json', schema: { type: 'object', properties: { a: { type: 'integer' } } }, name: undefined, strict: true });
  });

  it('refuses to translate several candidates, drops built-in tools with a warning, and keeps both for passthrough', () => {
    const request = decode({ contents: [{ parts: [{ text: 'x' }] }], generationConfig: { candidateCount: 2 }, tools: [{ googleSearch: {} }] });
    assert.deepEqual(request.providerMetadata.gemini?.tools, [{ googleSearch: {} }]);
    const error = badRequest(() => geminiFormat.checkTranslatable!(request, 'claude'), /^This request uses Gemini-only features .*: 2 candidates at 'generationConfig.candidateCount'\./);
    assert.equal(error.param, 'generationConfig.candidateCount');
    const toolsOnly = decode({ contents: [{ parts: [{ text: 'x' }] }], tools: [{ googleSearch: {} }] });
    assert.deepEqual(geminiFormat.checkTranslatable!(toolsOnly, 'claude'), ["the Gemini built-in tool 'googleSearch' at 'tools[0]' is not available from provider 'claude' and was left out"]);
  });

  it('names the field at fault', () => {
    const error = badRequest(() => decode({ contents: [] }), /contents/);
    assert.equal(error.param, 'contents');
  });
});
