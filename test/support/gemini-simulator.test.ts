/**
 * The Gemini simulator refuses what Gemini refuses, so a translation that breaks Gemini's turn
 * rules or sends JSON Schema fields its `Schema` lacks fails in tests as it would against Google.
 * Driven with `@google/genai`, which hands back Gemini's error message and status as it got them.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { GoogleGenAI, Type, type Content, type Tool } from '@google/genai';
import { startGeminiSimulator, type GeminiSimulator } from './gemini-simulator.js';

const model = 'gemini-2.5-flash';
const user = (text: string): Content => ({ role: 'user', parts: [{ text }] });
const call = (name: string): Content => ({ role: 'model', parts: [{ functionCall: { name, args: {} } }] });
const answer = (...names: string[]): Content => ({ role: 'user', parts: names.map((name) => ({ functionResponse: { name, response: { ok: true } } })) });
const weather: Tool = { functionDeclarations: [{ name: 'weather', parameters: { type: Type.OBJECT, properties: { city: { type: Type.STRING } } } }] };

describe('Gemini simulator request rules', () => {
  let simulator: GeminiSimulator;
  let ai: GoogleGenAI;

  before(async () => {
    simulator = await startGeminiSimulator({ models: [model] });
    ai = new GoogleGenAI({ apiKey: simulator.apiKey, httpOptions: { baseUrl: simulator.url.replace(/\/v1beta$/, '') } });
  });
  after(() => simulator.close());

  const refusal = async (contents: Content[], tools?: Tool[]): Promise<string> => {
    try {
      await ai.models.generateContent({ model, contents, ...(tools ? { config: { tools } } : {}) });
    } catch (error) {
      assert.equal((error as { status?: number }).status, 400);
      return (error as Error).message;
    }
    assert.fail('the simulator accepted the request');
  };

  it('accepts a well-formed tool round trip, parallel calls included', async () => {
    const twoCalls: Content = { role: 'model', parts: [{ functionCall: { name: 'weather', args: {} } }, { functionCall: { name: 'weather', args: {} } }] };
    const result = await ai.models.generateContent({ model, contents: [user('weather?'), twoCalls, answer('weather', 'weather')], config: { tools: [weather] } });
    assert.ok(result.text);
  });

  it('refuses a turn without parts', async () => {
    assert.match(await refusal([user('hi'), { role: 'model', parts: [] }, user('again')]), /contents\[1\]\.parts: contents\.parts must not be empty/);
  });

  it('refuses a role other than user and model', async () => {
    assert.match(await refusal([{ role: 'assistant', parts: [{ text: 'hi' }] }]), /Please use a valid role: user, model\./);
  });

  it('refuses a function call turn that follows a model turn', async () => {
    const message = await refusal([user('weather?'), { role: 'model', parts: [{ text: 'Let me look.' }] }, call('weather'), answer('weather')]);
    assert.match(message, /function call turn comes immediately after a user turn or after a function response turn/);
  });

  it('refuses a function response turn that follows no function call', async () => {
    assert.match(await refusal([user('weather?'), answer('weather')]), /function response turn comes immediately after a function call turn/);
  });

  it('refuses function responses that do not answer every call', async () => {
    const twoCalls: Content = { role: 'model', parts: [{ functionCall: { name: 'weather', args: {} } }, { functionCall: { name: 'weather', args: {} } }] };
    assert.match(await refusal([user('weather?'), twoCalls, answer('weather')]), /number of function response parts is equal to the number of function call parts/);
  });

  it('Gemini 3 signs the first call of a step and refuses the call back without that signature', async () => {
    const model3 = 'gemini-3-pro-preview';
    const three = await startGeminiSimulator({ models: [model3] });
    const ai3 = new GoogleGenAI({ apiKey: three.apiKey, httpOptions: { baseUrl: three.url.replace(/\/v1beta$/, '') } });
    try {
      three.reply({ functionCalls: [{ name: 'weather', args: {} }, { name: 'weather', args: {} }] });
      const calls = await ai3.models.generateContent({ model: model3, contents: [user('weather?')], config: { tools: [weather] } });
      const parts = calls.candidates?.[0]?.content?.parts ?? [];
      const signature = parts[0]?.thoughtSignature;
      assert.ok(signature, 'the first call is signed');
      assert.equal(parts[1]?.thoughtSignature, undefined, 'the parallel one is not');
      const responses = answer('weather', 'weather');
      const history = (first: Record<string, unknown>): Content[] => [user('weather?'), { role: 'model', parts: [{ functionCall: { name: 'weather', args: {} }, ...first }, { functionCall: { name: 'weather', args: {} } }] }, responses];
      const send = (contents: Content[]) => ai3.models.generateContent({ model: model3, contents, config: { tools: [weather] } });
      assert.ok((await send(history({ thoughtSignature: signature }))).text);
      assert.ok((await send(history({ thoughtSignature: 'skip_thought_signature_validator' }))).text, 'the documented bypass is accepted');
      await assert.rejects(send(history({})), /Function call is missing a thought_signature in functionCall parts/);
      await assert.rejects(send(history({ thoughtSignature: 'forged' })), /Corrupted thought signature/);
      // An earlier turn (before the user spoke again) needs none.
      assert.ok((await send([...history({}), { role: 'model', parts: [{ text: 'Sunny.' }] }, user('thanks')])).text);
    } finally {
      await three.close();
    }
  });

  it('refuses JSON Schema fields that Gemini\'s Schema lacks, naming where', async () => {
    // What an untranslated JSON Schema would send; the SDK's types rightly do not allow it.
    const strict = {
      functionDeclarations: [{ name: 'weather', parameters: { type: 'OBJECT', properties: { city: { type: 'STRING' }, days: { type: 'INTEGER', exclusiveMinimum: 0 } } } }],
    } as unknown as Tool;
    const message = await refusal([user('weather?')], [strict]);
    assert.match(message, /Unknown name \\"exclusiveMinimum\\" at 'tools\[0\]\.function_declarations\[0\]\.parameters\.properties\[1\]\.value': Cannot find field\./);
  });
});
