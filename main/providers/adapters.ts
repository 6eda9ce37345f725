import type { ProviderFamily } from '../../shared/api-types.js';
import { anthropicAdapter } from './anthropic/anthropic-adapter.js';
import { geminiAdapter } from './gemini/gemini-adapter.js';
import { ollamaAdapter } from './ollama/ollama-adapter.js';
import { openAiAdapter } from './openai/openai-adapter.js';
import { openAiResponsesAdapter } from './openai-responses/openai-responses-adapter.js';
import type { ProviderAdapter } from './provider-adapter.js';

/**
 * The upstream families this build can route to, as an explicit literal map. A family missing
 * here cannot be configured: the management API rejects it rather than storing a dead provider.
 */
export const adapters: Partial<Record<ProviderFamily, ProviderAdapter>> = {
  openai: openAiAdapter,
  anthropic: anthropicAdapter,
  'openai-responses': openAiResponsesAdapter,
  gemini: geminiAdapter,
  ollama: ollamaAdapter,
};
