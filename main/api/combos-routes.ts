import type { Router } from 'express';
import { createComboSchema, updateComboSchema, type ComboDto } from '../../shared/routing.js';
import { validateBody } from '../formats/decode-json.js';
import type { RouterContext } from '../server/router-context.js';
import { newId } from '../store/index.js';
import { applyPatch } from '../store/apply-patch.js';
import type { ComboRecord } from '../store/routing-types.js';
import { assertComboAllowed, comboProblems } from './combo-checks.js';
import { notFound } from './not-found.js';
import { recordRoutes } from './record-routes.js';

/** `/api/combos`: named groups of targets that clients use as a model. */
export function combosRoutes(context: RouterContext): Router {
  const { store, routing } = context;
  const toDto = (record: ComboRecord): ComboDto => ({
    id: record.id,
    name: record.name,
    strategy: record.strategy,
    targets: record.targets,
    enabled: record.enabled,
    createdAt: new Date(record.createdAt).toISOString(),
    updatedAt: new Date(record.updatedAt).toISOString(),
    problems: comboProblems(context, record),
  });
  const { router, find } = recordRoutes({
    what: 'combo',
    list: () => store.combos.list(),
    get: (id) => store.combos.get(id),
    delete: (id) => store.combos.delete(id),
    toDto,
    afterChange: () => routing.reload(),
  });

  router.post('/', (req, res) => {
    const input = validateBody(createComboSchema, req.body);
    const now = Date.now();
    const record: ComboRecord = { id: newId('cmb'), ...input, enabled: input.enabled ?? true, createdAt: now, updatedAt: now };
    assertComboAllowed(context, record, { checkTargets: true });
    store.combos.insert(record);
    routing.reload();
    res.status(201).json(toDto(record));
  });

  router.put('/:id', (req, res) => {
    const existing = find(req);
    const patch = validateBody(updateComboSchema, req.body);
    assertComboAllowed(context, applyPatch(existing, patch), { checkTargets: patch.targets !== undefined });
    const updated = store.combos.update(existing.id, patch);
    if (!updated) throw notFound('combo', existing.id);
    routing.reload();
    res.json(toDto(updated));
  });

  return router;
}
