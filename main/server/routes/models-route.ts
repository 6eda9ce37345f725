import type { Request, Response } from 'express';
import { isWildcardAlias } from '../../../shared/routing.js';
import { routableModels } from '../../gateway/routable-models.js';
import { locals } from '../request-context.js';
import type { RouterContext } from '../router-context.js';

/** An entry of OpenAI's model list. */
interface ListedModel {
  id: string;
  object: 'model';
  created: number;
  owned_by: string;
}

/**
 * `GET /v1/models`: every routable model as `provider/model`, then the model aliases and the
 * enabled combos (both usable as `model`), in OpenAI's list shape; a key limited to some models
 * sees only those. Wildcard routes are left out: they name a family of models, not one.
 * @see https://platform.openai.com/docs/api-reference/models/list
 */
export function modelsRoute(context: RouterContext) {
  return (_req: Request, res: Response): void => {
    const apiKey = locals(res).apiKey;
    const allowed = (id: string): boolean => !apiKey || apiKey.allowsModel(id);
    const data: ListedModel[] = routableModels(context.catalog, apiKey).map((model) => listed(model.id, model.createdAt, model.provider));
    for (const alias of context.routing.aliases()) {
      if (!isWildcardAlias(alias.alias) && allowed(alias.alias)) data.push(listed(alias.alias, alias.createdAt, 'omniroute-alias'));
    }
    for (const combo of context.routing.combos()) {
      if (combo.enabled && allowed(combo.name)) data.push(listed(combo.name, combo.createdAt, 'omniroute-combo'));
    }
    res.json({ object: 'list', data });
  };
}

function listed(id: string, createdAt: number, owner: string): ListedModel {
  return { id, object: 'model', created: Math.floor(createdAt / 1000), owned_by: owner };
}
