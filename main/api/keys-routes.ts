import { Router } from 'express';
import { z } from 'zod';
import { budgetInputSchema } from '../../shared/usage-types.js';
import { validateBody } from '../formats/decode-json.js';
import type { RouterContext } from '../server/router-context.js';
import { apiKeyDto } from './api-key-dto.js';
import { createApiKey } from './create-api-key.js';
import { notFound } from './not-found.js';

const createKeySchema = z.strictObject({
  name: z.string().trim().min(1).max(100),
  models: z.array(z.string().trim().min(1).max(256)).min(1).max(500).nullable().optional(),
  /** A spending limit for the new key, as `POST /api/usage/budget` takes it (without `keyId`). */
  budget: budgetInputSchema.omit({ keyId: true }).optional(),
});

/** `/api/keys`: client API keys. The full key is returned once, at creation; only its hash is kept. */
export function keysRoutes(context: RouterContext): Router {
  const router = Router();
  const { store, apiKeys } = context;

  router.get('/', (_req, res) => {
    apiKeys.flushUses();
    res.json({ data: store.apiKeys.list().filter((record) => record.revokedAt === null).map(apiKeyDto) });
  });

  router.post('/', (req, res) => {
    const input = validateBody(createKeySchema, req.body);
    const created = createApiKey(context, { name: input.name, models: input.models ?? null });
    if (input.budget) context.budgets.set({ ...input.budget, keyId: created.id });
    res.status(201).json(created);
  });

  router.delete('/:id', (req, res) => {
    const id = String(req.params.id);
    if (!store.apiKeys.delete(id)) throw notFound('API key', id);
    apiKeys.reload();
    for (const budget of context.budgets.list()) if (budget.keyId === id) context.budgets.delete(budget.id);
    res.status(204).end();
  });

  return router;
}
