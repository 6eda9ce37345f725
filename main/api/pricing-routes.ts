import { Router, type Request } from 'express';
import { priceInputSchema, type PriceDto } from '../../shared/usage-types.js';
import { GatewayError, invalidRequest } from '../errors/gateway-error.js';
import { validateBody } from '../formats/decode-json.js';
import type { RouterContext } from '../server/router-context.js';

/** The `{*model}` path parameter: an upstream model name or `*` pattern, which may contain `/`. */
function modelParam(req: Request): string {
  const segments = (req.params as { model?: string[] }).model ?? [];
  const model = segments.join('/').trim().toLowerCase();
  if (model.length === 0 || model.length > 256) throw invalidRequest('The model name must be 1 to 256 characters.', 'model');
  return model;
}

/**
 * `/api/pricing`: USD per million tokens per upstream model. GET lists the shipped prices merged with
 * the user's (`source`), `GET /{model}` resolves the price a model name is charged at, PUT sets a
 * user price for a name or `*` pattern, DELETE returns to the shipped price.
 */
export function pricingRoutes(context: RouterContext): Router {
  const router = Router();
  const { pricing } = context;

  router.get('/', (_req, res) => {
    const data: PriceDto[] = pricing.list();
    res.json({ data });
  });

  router.get('/{*model}', (req, res) => {
    const model = modelParam(req);
    const price = pricing.resolve(model);
    if (!price) throw new GatewayError({ code: 'not_found', status: 404, message: `No price is known for '${model}'. Set one with PUT /api/pricing/${model}.` });
    res.json({ ...price, matched: price.model, model });
  });

  router.put('/{*model}', (req, res) => {
    const model = modelParam(req);
    const input = validateBody(priceInputSchema, req.body);
    pricing.set(model, { input: input.input, output: input.output, cachedInput: input.cachedInput ?? null, cacheWrite: input.cacheWrite ?? null });
    const row = pricing.list().find((entry) => entry.model === model);
    res.json(row);
  });

  router.delete('/{*model}', (req, res) => {
    const model = modelParam(req);
    if (!pricing.reset(model)) throw new GatewayError({ code: 'not_found', status: 404, message: `There is no custom price for '${model}'.` });
    res.status(204).end();
  });

  return router;
}
