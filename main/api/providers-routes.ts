import { Router, type Request } from 'express';
import type { ProviderModelsDto, ProviderTestResultDto } from '../../shared/api-types.js';
import { toGatewayError } from '../errors/gateway-error.js';
import { validateBody } from '../formats/decode-json.js';
import type { RouterContext } from '../server/router-context.js';
import type { ProviderRecord } from '../store/types.js';
import { notFound } from './not-found.js';
import { probeModels } from './probe-models.js';
import { toProviderDto } from './provider-dto.js';
import { createAccountSchema, createProviderSchema, updateProviderSchema, validateProviderSchema } from './provider-schemas.js';
import { ProviderService } from './provider-service.js';

/** `/api/providers`: the upstreams, their accounts and their models. */
export function providersRoutes(context: RouterContext): Router {
  const router = Router();
  const service = new ProviderService(context);
  const { store, logger } = context;

  const find = (req: Request): ProviderRecord => {
    const id = String(req.params.id);
    const record = store.providers.get(id);
    if (!record) throw notFound('provider', id);
    return record;
  };

  router.get('/', (_req, res) => {
    res.json({ data: store.providers.list().map((record) => toProviderDto(store, context.catalog, record)) });
  });

  router.post('/', async (req, res) => {
    const input = validateBody(createProviderSchema, req.body);
    const record = await service.create(input);
    if (record.models.length === 0) {
      // Learn the upstream's models in the background; the user is not kept waiting for it.
      service.discoverModels(record).catch((error: unknown) => {
        logger.warn('could not list the models of a new provider', { provider: record.name, reason: toGatewayError(error).message });
      });
    }
    res.status(201).json(toProviderDto(store, context.catalog, record));
  });

  // Before `/:id`: a provider checked as it would be created, saved nowhere.
  router.post('/validate', async (req, res) => {
    res.json(await service.validate(validateBody(validateProviderSchema, req.body)));
  });

  router.get('/:id', (req, res) => {
    res.json(toProviderDto(store, context.catalog, find(req)));
  });

  router.put('/:id', async (req, res) => {
    const record = find(req);
    const updated = await service.update(record.id, validateBody(updateProviderSchema, req.body));
    if (!updated) throw notFound('provider', record.id);
    res.json(toProviderDto(store, context.catalog, updated));
  });

  router.delete('/:id', async (req, res) => {
    const record = find(req);
    await service.delete(record.id);
    res.status(204).end();
  });

  router.post('/:id/accounts', async (req, res) => {
    const record = find(req);
    await service.addAccount(record.id, validateBody(createAccountSchema, req.body));
    res.status(201).json(toProviderDto(store, context.catalog, store.providers.get(record.id) ?? record));
  });

  // A probe: it reports what happened and never fails the HTTP call itself.
  router.post('/:id/test', async (req, res) => {
    const record = find(req);
    const { models: _models, ...result } = await probeModels(() => service.discoverModels(record));
    res.json(result satisfies ProviderTestResultDto);
  });

  router.get('/:id/models', async (req, res) => {
    const record = find(req);
    const listing = (ids: string[]) => ids.map((id) => ({ id, object: 'model' as const, owned_by: record.name }));
    let body: ProviderModelsDto;
    try {
      body = { object: 'list', data: listing(await service.discoverModels(record)), source: 'upstream' };
    } catch (error) {
      const models = [...new Set([...record.models, ...record.discoveredModels])];
      body = { object: 'list', data: listing(models), source: 'configured', error: toGatewayError(error).message };
    }
    res.json(body);
  });

  return router;
}
