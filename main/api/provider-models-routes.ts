import { Router } from 'express';
import type { ProviderModelDto } from '../../shared/api-types.js';
import { z } from '../../shared/zod.js';
import { GatewayError } from '../errors/gateway-error.js';
import { validateBody } from '../formats/decode-json.js';
import type { RouterContext } from '../server/router-context.js';
import type { ProviderRecord } from '../store/types.js';
import { validateQuery } from './usage-query.js';

const modelName = z.string().check(z.trim(), z.minLength(1, 'model must not be empty'), z.maxLength(256));
const target = { provider: z.string().check(z.minLength(1)), model: modelName };
const listQuery = z.strictObject({ provider: z.optional(z.string()) });
const addBody = z.strictObject(target);
const patchBody = z.strictObject({ ...target, hidden: z.boolean() });
const deleteQuery = z.strictObject(target);

/**
 * `/api/provider-models`: every provider's models (configured and discovered) with whether each is
 * hidden from the model lists clients read; `POST` adds a model to a provider's configured ones,
 * `PATCH` hides or shows one, `DELETE` removes a configured one (a discovered model can only be
 * hidden: the provider's next list would bring it back).
 */
export function providerModelsRoutes(context: RouterContext): Router {
  const router = Router();

  router.get('/', (req, res) => {
    const { provider } = validateQuery(listQuery, req.query);
    const records = provider === undefined ? context.store.providers.list() : [providerNamed(context, provider)];
    res.json({ data: records.flatMap((record) => [...new Set([...record.models, ...record.discoveredModels])].map((model) => modelDto(record, model))) });
  });

  router.post('/', async (req, res) => {
    const { provider, model } = validateBody(addBody, req.body);
    const record = providerNamed(context, provider);
    if (record.models.includes(model)) throw new GatewayError({ code: 'conflict', status: 409, param: 'model', message: `Provider '${provider}' already has the model '${model}'.` });
    const updated = await change(context, record, { models: [...record.models, model] });
    res.status(201).json(modelDto(updated, model));
  });

  router.patch('/', async (req, res) => {
    const { provider, model, hidden } = validateBody(patchBody, req.body);
    const record = providerNamed(context, provider);
    knownModel(record, model);
    const others = record.hiddenModels.filter((name) => name !== model);
    const updated = await change(context, record, { hiddenModels: hidden ? [...others, model] : others });
    res.json(modelDto(updated, model));
  });

  router.delete('/', async (req, res) => {
    const { provider, model } = validateQuery(deleteQuery, req.query);
    const record = providerNamed(context, provider);
    knownModel(record, model);
    if (!record.models.includes(model)) {
      throw new GatewayError({ code: 'conflict', status: 409, param: 'model', message: `'${model}' is in the list provider '${provider}' gives itself, not one you added: hide it instead (PATCH with "hidden": true).` });
    }
    await change(context, record, { models: record.models.filter((name) => name !== model), hiddenModels: record.hiddenModels.filter((name) => name !== model) });
    res.status(204).end();
  });

  return router;
}

function providerNamed(context: RouterContext, name: string): ProviderRecord {
  const record = context.store.providers.getByName(name);
  if (!record) throw new GatewayError({ code: 'not_found', status: 404, param: 'provider', message: `No provider named '${name}'.` });
  return record;
}

function knownModel(record: ProviderRecord, model: string): void {
  if (record.models.includes(model) || record.discoveredModels.includes(model)) return;
  throw new GatewayError({ code: 'not_found', status: 404, param: 'model', message: `Provider '${record.name}' has no model '${model}'.` });
}

/** Saves the change and has the router (lists, routing) follow it before answering. */
async function change(context: RouterContext, record: ProviderRecord, patch: Pick<Partial<ProviderRecord>, 'models' | 'hiddenModels'>): Promise<ProviderRecord> {
  const updated = context.store.providers.update(record.id, patch) ?? record;
  await context.catalog.reload();
  return updated;
}

function modelDto(record: ProviderRecord, model: string): ProviderModelDto {
  return {
    id: `${record.name}/${model}`,
    provider: record.name,
    model,
    source: record.models.includes(model) ? 'configured' : 'discovered',
    hidden: record.hiddenModels.includes(model),
  };
}
