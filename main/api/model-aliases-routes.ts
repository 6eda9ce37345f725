import { Router, type Request, type Response } from 'express';
import { isWildcardAlias, modelAliasSchema, type ModelAliasDto } from '../../shared/routing.js';
import { GatewayError, invalidRequest } from '../errors/gateway-error.js';
import { validateBody } from '../formats/decode-json.js';
import type { RouterContext } from '../server/router-context.js';
import type { AliasRecord } from '../store/routing-types.js';
import { describeGraphProblem, describeRoutable, findGraphProblem, routeNamesFrom, unresolvedReason } from './route-check.js';
import { proposedEnvironment } from './routing-environment.js';

/**
 * `/api/models/alias`: model aliases and wildcard routes. Aliases contain `/`, so DELETE takes the
 * alias as `?alias=` (or URL-encoded in the path).
 */
export function modelAliasesRoutes(context: RouterContext): Router {
  const router = Router();
  const { store, routing } = context;
  const toDto = (record: AliasRecord): ModelAliasDto => ({ alias: record.alias, model: record.model });

  router.get('/', (_req, res) => {
    res.json({ data: routing.aliases().map(toDto) });
  });

  router.post('/', (req, res) => {
    const input = validateBody(modelAliasSchema, req.body);
    const record: AliasRecord = { ...input, createdAt: Date.now() };
    assertAliasAllowed(context, record);
    const created = store.modelAliases.upsert(record);
    routing.reload();
    res.status(created ? 201 : 200).json(toDto(record));
  });

  const remove = (alias: string, res: Response): void => {
    if (!store.modelAliases.delete(alias)) {
      throw new GatewayError({ code: 'not_found', status: 404, param: 'alias', message: `No model alias '${alias}'.` });
    }
    routing.reload();
    res.status(204).end();
  };
  router.delete('/', (req: Request, res) => {
    const alias = req.query.alias;
    if (typeof alias !== 'string' || alias === '') {
      throw invalidRequest("Name the alias to delete: DELETE /api/models/alias?alias=<alias> (URL-encoded).", 'alias');
    }
    remove(alias, res);
  });
  router.delete('/:alias', (req, res) => {
    remove(String(req.params.alias), res);
  });

  return router;
}

/** Refuses an alias named like a combo (409), pointing at nothing, or closing a loop (400). */
function assertAliasAllowed(context: RouterContext, record: AliasRecord): void {
  if (!isWildcardAlias(record.alias) && context.routing.combo(record.alias)) {
    throw new GatewayError({
      code: 'conflict',
      status: 409,
      param: 'alias',
      message: `'${record.alias}' is already a combo; an alias cannot have the same name (rename or delete the combo first).`,
    });
  }
  const environment = proposedEnvironment(context, { alias: record });
  // Loops first: a loop also resolves to nothing, but naming the loop is the useful answer.
  const problem = findGraphProblem(environment.snapshot, routeNamesFrom(environment.snapshot, record.alias));
  if (problem) throw invalidRequest(describeGraphProblem(problem), 'model');
  const reason = unresolvedReason(environment, record.model);
  if (reason !== undefined) {
    throw invalidRequest(`The model '${record.model}' does not resolve to anything: ${reason}. ${describeRoutable(environment)}`, 'model');
  }
}
