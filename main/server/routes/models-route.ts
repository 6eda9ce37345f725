import type { Request, Response } from 'express';
import { locals } from '../request-context.js';
import type { RouterContext } from '../router-context.js';

/**
 * `GET /v1/models`: every routable model as `provider/model`, in OpenAI's list shape.
 * @see https://platform.openai.com/docs/api-reference/models/list
 */
export function modelsRoute(context: RouterContext) {
  return (_req: Request, res: Response): void => {
    const data = [];
    const apiKey = locals(res).apiKey;
    for (const provider of context.catalog.list()) {
      if (!provider.record.enabled) continue;
      const created = Math.floor(provider.record.createdAt / 1000);
      for (const model of provider.models) {
        const id = `${provider.record.name}/${model}`;
        // A key limited to some models sees only those.
        if (apiKey && !apiKey.allowsModel(id)) continue;
        data.push({ id, object: 'model', created, owned_by: provider.record.name });
      }
    }
    res.json({ object: 'list', data });
  };
}
