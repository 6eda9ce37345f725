import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { z } from '../../shared/zod.js';
import { acceptsAnthropicRequest, anthropicRoutingSchema } from '../../main/formats/anthropic-messages/routing-schema.js';
import { acceptsGeminiRequest, geminiRoutingSchema } from '../../main/formats/gemini/routing-schema.js';
import { acceptsOllamaChatRequest, ollamaChatRoutingSchema } from '../../main/formats/ollama/routing-schema.js';
import { acceptsResponsesRequest, responsesRoutingSchema } from '../../main/formats/openai-responses/routing-schema.js';

const anything: unknown[] = [undefined, null, true, false, 0, 1, '', 'x', [], [{}], ['a'], {}, { role: 'user' }];

const formats: { name: string; schema: z.ZodMiniType; accepts: (body: Record<string, unknown>) => boolean; valid: Record<string, unknown> }[] = [
  { name: 'anthropic-messages', schema: anthropicRoutingSchema, accepts: acceptsAnthropicRequest, valid: { model: 'm', messages: [{ role: 'user', content: 'hi' }], max_tokens: 8 } },
  { name: 'openai-responses', schema: responsesRoutingSchema, accepts: acceptsResponsesRequest, valid: { model: 'm', input: 'hi' } },
  { name: 'ollama', schema: ollamaChatRoutingSchema, accepts: acceptsOllamaChatRequest, valid: { model: 'm', messages: [] } },
  { name: 'gemini', schema: geminiRoutingSchema, accepts: acceptsGeminiRequest, valid: { contents: [{ parts: [{ text: 'hi' }] }] } },
];

describe('quick routing checks', () => {
  for (const { name, schema, accepts, valid } of formats) {
    it(`${name}: accepts exactly what its routing schema accepts`, () => {
      const variants = [valid, ...Object.keys({ ...valid, model: 0 }).flatMap((field) => anything.map((value) => ({ ...valid, [field]: value })))];
      let accepted = 0;
      for (const body of variants) {
        const schemaAccepts = schema.safeParse(body).success;
        assert.equal(accepts(body), schemaAccepts, `${JSON.stringify(body)}: the schema says ${schemaAccepts}`);
        if (schemaAccepts) accepted += 1;
      }
      assert.ok(accepted >= 2 && accepted < variants.length);
    });
  }
});
