import type { Request, Response, NextFunction } from 'express';
import { GatewayError } from '../errors/gateway-error.js';
import type { ProviderCatalog } from '../gateway/provider-catalog.js';
import { locals } from './request-context.js';

/**
 * `/v1/providers/{provider}/...`: fixes the provider for the route behind it (see route-request.ts
 * for what that does to `model`). Runs before the answer layer, so a pinned request is cached and
 * deduplicated under its own path, never confused with the same body sent unpinned.
 */
export function pinProvider(catalog: ProviderCatalog) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const provider = req.params.provider;
    if (typeof provider !== 'string' || !catalog.get(provider)) {
      const names = catalog.list().map((entry) => entry.record.name);
      const known = names.length > 0 ? `Configured providers: ${names.join(', ')}.` : 'No provider is configured yet.';
      throw new GatewayError({ code: 'not_found', status: 404, param: 'provider', message: `No provider named '${String(provider)}'. ${known}` });
    }
    locals(res).pinnedProvider = provider;
    next();
  };
}
