import { Router } from 'express';
import { z } from '../../shared/zod.js';
import { budgetInputSchema } from '../../shared/usage-types.js';
import { validateBody } from '../formats/decode-json.js';
import type { RouterContext } from '../server/router-context.js';
import { notFound } from './not-found.js';
import { validateQuery } from './usage-query.js';

const deleteQuerySchema = z.strictObject({
  keyId: z.optional(z.string().check(z.minLength(1), z.maxLength(100))),
  period: z.optional(z.enum(['daily', 'weekly', 'monthly'])),
});

/**
 * `/api/usage/budget`: spending limits per client API key (`keyId`) or global (no `keyId`), one per
 * key and period. POST sets or updates one (as in the OmniRoute API reference), GET lists them with
 * the current period's spending, DELETE `/{id}` (or `?keyId&period`) removes one.
 */
export function budgetRoutes(context: RouterContext): Router {
  const router = Router();
  const { budgets, store } = context;

  router.get('/', (_req, res) => {
    context.usage.flush();
    res.json({ data: budgets.list() });
  });

  router.post('/', (req, res) => {
    const input = validateBody(budgetInputSchema, req.body);
    if (input.keyId != null && !store.apiKeys.get(input.keyId)) throw notFound('API key', input.keyId);
    context.usage.flush();
    const existed = budgets.list().some((budget) => budget.keyId === (input.keyId ?? null) && budget.period === input.period);
    res.status(existed ? 200 : 201).json(budgets.set(input));
  });

  router.delete('/', (req, res) => {
    const query = validateQuery(deleteQuerySchema, req.query);
    const keyId = query.keyId ?? null;
    const matching = budgets.list().filter((budget) => budget.keyId === keyId && (query.period === undefined || budget.period === query.period));
    if (matching.length === 0) throw notFound('budget for key', keyId ?? '(global)');
    for (const budget of matching) budgets.delete(budget.id);
    res.status(204).end();
  });

  router.delete('/:id', (req, res) => {
    const id = String(req.params.id);
    if (!budgets.delete(id)) throw notFound('budget', id);
    res.status(204).end();
  });

  return router;
}
