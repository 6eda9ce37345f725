import type { Request, Response } from 'express';
import { routableModels } from '../../gateway/routable-models.js';
import { locals } from '../request-context.js';
import type { RouterContext } from '../router-context.js';

/**
 * `GET /v1/models`: every routable model as `provider/model`, in OpenAI's list shape; a key
 * limited to some models sees only those.
 * @see https://platform.openai.com/docs/api-reference/models/list
 */
export function modelsRoute(context: RouterContext) {
  return (_req: Request, res: Response): void => {
    const data = routableModels(context.catalog, locals(res).apiKey).map((model) => ({
      id: model.id,
      object: 'model',
      created: Math.floor(model.createdAt / 1000),
      owned_by: model.provider,
    }));
    res.json({ object: 'list', data });
  };
}
