import { Router } from 'express';
import { z } from 'zod';
import type { ApiKeyDto, CreatedApiKeyDto } from '../../shared/api-types.js';
import { validateBody } from '../formats/decode-json.js';
import { generateApiKey, hashApiKey, previewApiKey } from '../gateway/api-keys.js';
import type { RouterContext } from '../server/router-context.js';
import { newId } from '../store/index.js';
import type { ApiKeyRecord } from '../store/types.js';
import { notFound } from './not-found.js';

const createKeySchema = z.strictObject({
  name: z.string().trim().min(1).max(100),
  models: z.array(z.string().trim().min(1).max(256)).min(1).max(500).nullable().optional(),
});

function toDto(record: ApiKeyRecord): ApiKeyDto {
  return {
    id: record.id,
    name: record.name,
    preview: record.keyPreview,
    models: record.models,
    createdAt: new Date(record.createdAt).toISOString(),
    lastUsedAt: record.lastUsedAt === null ? null : new Date(record.lastUsedAt).toISOString(),
  };
}

/** `/api/keys`: client API keys. The full key is returned once, at creation; only its hash is kept. */
export function keysRoutes(context: RouterContext): Router {
  const router = Router();
  const { store, apiKeys } = context;

  router.get('/', (_req, res) => {
    apiKeys.flushUses();
    res.json({ data: store.apiKeys.list().filter((record) => record.revokedAt === null).map(toDto) });
  });

  router.post('/', (req, res) => {
    const input = validateBody(createKeySchema, req.body);
    const key = generateApiKey();
    const record: ApiKeyRecord = {
      id: newId('key'),
      name: input.name,
      keyHash: hashApiKey(key),
      keyPreview: previewApiKey(key),
      models: input.models ?? null,
      createdAt: Date.now(),
      lastUsedAt: null,
      revokedAt: null,
    };
    store.apiKeys.insert(record);
    apiKeys.reload();
    const created: CreatedApiKeyDto = { ...toDto(record), key };
    res.status(201).json(created);
  });

  router.delete('/:id', (req, res) => {
    const id = String(req.params.id);
    if (!store.apiKeys.delete(id)) throw notFound('API key', id);
    apiKeys.reload();
    res.status(204).end();
  });

  return router;
}
