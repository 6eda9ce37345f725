import { Router } from 'express';
import { z } from '../../shared/zod.js';
import { budgetInputSchema } from '../../shared/usage-types.js';
import { validateBody } from '../formats/decode-json.js';
import type { RouterContext } from '../server/router-context.js';
import { apiKeyDto } from './api-key-dto.js';
import { createApiKey } from './create-api-key.js';
import { notFound } from './not-found.js';

const createKeySchema = z.strictObject({
  name: z.string().check(z.trim(), z.minLength(1), z.maxLength(100)),
  models: z.optional(z.nullable(z.array(z.string().check(z.trim(), z.minLength(1), z.maxLength(256))).check(z.minLength(1), z.maxLength(500)))),
  /** A spending limit for the new key, as `POST /api/usage/budget` takes it (without `keyId`). */
  budget: z.optional(z.omit(budgetInputSchema, { keyId: true })),
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
