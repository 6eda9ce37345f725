import type { ApiKeyEntry } from './api-key-index.js';
import type { ProviderCatalog } from './provider-catalog.js';

export interface RoutableModel {
  /** `provider/model`, what clients send as `model`. */
  id: string;
  provider: string;
  /** When the provider was added, in milliseconds since the epoch. */
  createdAt: number;
}

/**
 * Every model a client may ask for: enabled providers' models, limited to what its key allows,
 * less the models hidden from lists (they are still routed when asked for by name).
 * `chatOnly` leaves out the providers that have no chat (Deepgram), for the model lists of chat
 * APIs (Gemini's, Ollama's); OpenAI's list names audio models too, as OpenAI's own does.
 */
export function routableModels(catalog: ProviderCatalog, apiKey: ApiKeyEntry | undefined, options: { chatOnly?: boolean } = {}): RoutableModel[] {
  const models: RoutableModel[] = [];
  for (const provider of catalog.list()) {
    if (!provider.record.enabled || (options.chatOnly && !provider.adapter.chat)) continue;
    const hidden = provider.record.hiddenModels.length > 0 ? new Set(provider.record.hiddenModels) : undefined;
    for (const model of provider.models) {
      if (hidden?.has(model)) continue;
      const id = `${provider.record.name}/${model}`;
      if (apiKey && !apiKey.allowsModel(id)) continue;
      models.push({ id, provider: provider.record.name, createdAt: provider.record.createdAt });
    }
  }
  return models;
}
