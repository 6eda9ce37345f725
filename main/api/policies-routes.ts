import type { Router } from 'express';
import { createPolicySchema, updatePolicySchema, type PolicyDto } from '../../shared/routing.js';
import { validateBody } from '../formats/decode-json.js';
import type { RouterContext } from '../server/router-context.js';
import { newId } from '../store/index.js';
import type { PolicyRecord } from '../store/routing-types.js';
import { notFound } from './not-found.js';
import { assertPolicyAllowed } from './policy-checks.js';
import { recordRoutes } from './record-routes.js';

function toDto(record: PolicyRecord): PolicyDto {
  const { createdAt, updatedAt, ...fields } = record;
  return { ...fields, createdAt: new Date(createdAt).toISOString(), updatedAt: new Date(updatedAt).toISOString() };
}

/**
 * `/api/policies`: routing policies (allow or deny providers, or route elsewhere, by key, model,
 * tag or size). The list shows every policy in evaluation order, disabled ones included.
 */
export function policiesRoutes(context: RouterContext): Router {
  const { store, routing } = context;
  const { router, find } = recordRoutes({
    what: 'policy',
    list: () => store.routingPolicies.list(),
    get: (id) => store.routingPolicies.get(id),
    delete: (id) => store.routingPolicies.delete(id),
    toDto,
    afterChange: () => routing.reload(),
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

  router.put('/:id', (req, res) => {
    const existing = find(req);
    const patch = validateBody(updatePolicySchema, req.body);
    assertPolicyAllowed(context, patch);
    const updated = store.routingPolicies.update(existing.id, patch);
    if (!updated) throw notFound('policy', existing.id);
    routing.reload();
    res.json(toDto(updated));
  });

  return router;
}
