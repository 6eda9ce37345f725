import type { ChatFamily, ProviderFamily } from '../../shared/api-types.js';
import type { ChatAdapter, ProviderAdapter } from './provider-adapter.js';

/**
 * The upstream families this build can route to, as an explicit literal map of loaders: an
 * adapter's code loads when a provider of its family is first used, so start-up time and memory
 * pay only for the families configured.
 */
const loaders: Record<ProviderFamily, () => Promise<ProviderAdapter>> = {
  openai: async () => (await import('./openai/openai-adapter.js')).openAiAdapter,
  anthropic: async () => (await import('./anthropic/anthropic-adapter.js')).anthropicAdapter,
  gemini: async () => (await import('./gemini/gemini-adapter.js')).geminiAdapter,
  'openai-responses': async () => (await import('./openai-responses/openai-responses-adapter.js')).openAiResponsesAdapter,
  ollama: async () => (await import('./ollama/ollama-adapter.js')).ollamaAdapter,
  deepgram: async () => (await import('./deepgram/deepgram-adapter.js')).deepgramAdapter,
};

const loaded = new Map<ProviderFamily, Promise<ProviderAdapter>>();

export const adapterFamilies = Object.keys(loaders) as ProviderFamily[];

/** Whether this build has an adapter for a family; a family without one cannot be configured. */
export function hasAdapter(family: string): family is ProviderFamily {
  return Object.hasOwn(loaders, family);
}

/** The family's adapter, loaded once. */
export function loadAdapter(family: ChatFamily): Promise<ChatAdapter>;
export function loadAdapter(family: ProviderFamily): Promise<ProviderAdapter>;
export function loadAdapter(family: ProviderFamily): Promise<ProviderAdapter> {
  let adapter = loaded.get(family);
  if (adapter === undefined) {
    adapter = loaders[family]();
    loaded.set(family, adapter);
  }
  return adapter;
}
