import type { Request, Response } from 'express';
import type { OpenAiJsonEndpoint } from '../../formats/openai-json-endpoints.js';
import { routableModels } from '../../gateway/routable-models.js';
import { locals } from '../request-context.js';
import type { RouterContext } from '../router-context.js';

/**
 * `GET /v1/embeddings`, `GET /v1/images/generations`: the models that endpoint can use, in the
 * shape of `/v1/models`. Providers do not say which of their models embed or draw, so a model is
 * listed when an OpenAI-compatible provider has it and its name says so (see `listsModel`); any
 * other model of such a provider can still be requested by name.
 */
export function endpointModelsRoute(context: RouterContext, endpoint: OpenAiJsonEndpoint) {
  return (_req: Request, res: Response): void => {
    const data = routableModels(context.catalog, locals(res).apiKey)
      .filter((model) => context.catalog.get(model.provider)?.adapter.family === 'openai' && endpoint.listsModel(model.id.slice(model.provider.length + 1)))
      .map((model) => ({ id: model.id, object: 'model', created: Math.floor(model.createdAt / 1000), owned_by: model.provider }));
    res.json({ object: 'list', data });
  };
}
