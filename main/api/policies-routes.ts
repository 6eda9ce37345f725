import { Router, type Request } from 'express';
import { createPolicySchema, updatePolicySchema, type PolicyDto } from '../../shared/routing.js';
import { validateBody } from '../formats/decode-json.js';
import type { RouterContext } from '../server/router-context.js';
import { newId } from '../store/index.js';
import type { PolicyRecord } from '../store/routing-types.js';
import { notFound } from './not-found.js';
import { assertPolicyAllowed } from './policy-checks.js';

function toDto(record: PolicyRecord): PolicyDto {
  return {
    id: record.id,
    name: record.name,
    enabled: record.enabled,
    priority: record.priority,
    match: record.match,
    action: record.action,
    createdAt: new Date(record.createdAt).toISOString(),
    updatedAt: new Date(record.updatedAt).toISOString(),
  };
}

/** `/api/policies`: routing policies (allow or deny providers, or route elsewhere, by key, model, tag or size). */
export function policiesRoutes(context: RouterContext): Router {
  const router = Router();
  const { store, routing } = context;
  const find = (req: Request): PolicyRecord => {
    const id = String(req.params.id);
    const record = store.routingPolicies.get(id);
    if (!record) throw notFound('policy', id);
    return record;
  };

  /** Every policy in evaluation order, disabled ones included. */
  router.get('/', (_req, res) => {
    res.json({ data: store.routingPolicies.list().map(toDto) });
  });

  router.post('/', (req, res) => {
    const input = validateBody(createPolicySchema, req.body);
    const now = Date.now();
    const record: PolicyRecord = {
      id: newId('pol'),
      name: input.name,
      enabled: input.enabled ?? true,
      priority: input.priority ?? 0,
      match: input.match ?? {},
      action: input.action,
      createdAt: now,
      updatedAt: now,
    };
    assertPolicyAllowed(context, record);
    store.routingPolicies.insert(record);
    routing.reload();
    res.status(201).json(toDto(record));
  });

  router.get('/:id', (req, res) => {
    res.json(toDto(find(req)));
  });

  router.put('/:id', (req, res) => {
    const existing = find(req);
    const patch = validateBody(updatePolicySchema, req.body);
    assertPolicyAllowed(context, patch);
    const updated = store.routingPolicies.update(existing.id, patch);
    if (!updated) throw notFound('policy', existing.id);
    routing.reload();
    res.json(toDto(updated));
  });

  router.delete('/:id', (req, res) => {
    const record = find(req);
    store.routingPolicies.delete(record.id);
    routing.reload();
    res.status(204).end();
  });

  return router;
}
