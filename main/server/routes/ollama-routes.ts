import { Router } from 'express';
import { z } from '../../../shared/zod.js';
import { invalidRequest } from '../../errors/gateway-error.js';
import { validateBody } from '../../formats/decode-json.js';
import { encodeOllamaShow, encodeOllamaTags, encodeOllamaVersion } from '../../formats/ollama/encode-ollama-models.js';
import { resolveTarget } from '../../gateway/resolve-target.js';
import { routableModels } from '../../gateway/routable-models.js';
import { jsonBody } from '../../api/json-body.js';
import { locals } from '../request-context.js';
import type { RouterContext } from '../router-context.js';

const showSchema = z.looseObject({ model: z.optional(z.string().check(z.minLength(1))), name: z.optional(z.string().check(z.minLength(1))) });

/**
 * Ollama's model endpoints, so Ollama clients list and inspect the router's real models:
 * `GET /api/tags`, `POST /api/show`, `GET /api/version`.
 * @see https://github.com/ollama/ollama/blob/main/docs/api.md
 */
export function ollamaModelRoutes(context: RouterContext): Router {
  const router = Router();
  router.get('/tags', (_req, res) => {
    const models = routableModels(context.catalog, locals(res).apiKey, { chatOnly: true });
    res.json(encodeOllamaTags(models.map((model) => ({ name: model.id, modifiedAt: model.createdAt, family: model.provider }))));
  });
  router.post('/show', jsonBody, (req, res) => {
    const body = validateBody(showSchema, req.body);
    const name = body.model ?? body.name;
    if (name === undefined) throw invalidRequest('model is required', 'model');
    // Unknown models get Ollama's own 404, through the error handler.
    const target = resolveTarget(context.engine, name, locals(res).apiKey);
    res.json(encodeOllamaShow({ model: { name: target.publicModel, modifiedAt: target.provider.record.createdAt, family: target.provider.record.name } }));
  });
  router.get('/version', (_req, res) => {
    res.json(encodeOllamaVersion());
  });
  return router;
}
