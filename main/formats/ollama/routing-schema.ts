import { z } from '../../../shared/zod.js';

/**
 * What routing needs from an Ollama request. On passthrough the rest is the upstream's to judge;
 * translation validates fully when decoding. An empty `messages` list is Ollama's way to load a
 * model, so it is allowed here.
 */
export const ollamaChatRoutingSchema = z.looseObject({
  model: z.string().check(z.minLength(1, 'model must not be empty')),
  messages: z.array(z.unknown()),
});

export const ollamaGenerateRoutingSchema = z.looseObject({
  model: z.string().check(z.minLength(1, 'model must not be empty')),
});

/** True only for bodies `ollamaChatRoutingSchema` accepts, without the copy of `messages` zod makes. */
export function acceptsOllamaChatRequest(body: Record<string, unknown>): boolean {
  return typeof body.model === 'string' && body.model.length > 0 && Array.isArray(body.messages);
}
