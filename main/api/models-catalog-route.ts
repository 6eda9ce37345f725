import type { Request, Response } from 'express';
import type { ModelCatalogDto, ModelType, ProviderFamily } from '../../shared/api-types.js';
import { embeddingsEndpoint, imageGenerationsEndpoint } from '../formats/openai-json-endpoints.js';
import type { RouterContext } from '../server/router-context.js';

/**
 * `GET /api/models/catalog`, as the API reference lists it: every provider's models (configured and
 * discovered, disabled providers included, marked) with their type and price, then the aliases and
 * combos a client can also send as `model`. Types come from names, as `GET /v1/embeddings` and
 * `GET /v1/images/generations` list them, for OpenAI-compatible providers (the only ones those
 * endpoints route to); a Deepgram model transcribes, or speaks (its Aura voices); everything else
 * is chat.
 */
const speechModel = /(^|[-/])tts|^aura/i;
const transcriptionModel = /whisper|transcribe/i;
export function modelsCatalogRoute(context: RouterContext) {
  return (_req: Request, res: Response): void => {
    const typeOf = (family: string, model: string): ModelType => {
      if (family === 'deepgram') return speechModel.test(model) ? 'speech' : 'transcription';
      if (family !== 'openai') return 'chat';
      if (embeddingsEndpoint.listsModel(model)) return 'embedding';
      if (imageGenerationsEndpoint.listsModel(model)) return 'image';
      if (speechModel.test(model)) return 'speech';
      if (transcriptionModel.test(model)) return 'transcription';
      return 'chat';
    };
    const catalog: ModelCatalogDto = {
      providers: context.store.providers.list().map((record) => {
        const configured = new Set(record.models);
        const hidden = new Set(record.hiddenModels);
        const names = [...new Set([...record.models, ...record.discoveredModels])];
        return {
          provider: record.name,
          kind: record.kind,
          family: record.family as ProviderFamily,
          enabled: record.enabled,
          models: names.map((model) => {
            const price = context.pricing.priceOf(model);
            return {
              id: `${record.name}/${model}`,
              model,
              type: typeOf(record.family, model),
              source: configured.has(model) ? ('configured' as const) : ('discovered' as const),
              hidden: hidden.has(model),
              price: price ? { input: price.input, output: price.output } : null,
            };
          }),
        };
      }),
      aliases: context.routing.aliases().map((alias) => ({ alias: alias.alias, model: alias.model })),
      combos: context.routing.combos().map((combo) => ({ name: combo.name, strategy: combo.strategy, enabled: combo.enabled, targets: combo.targets.map((target) => target.model) })),
    };
    res.json(catalog);
  };
}
