import type { IncomingMessage } from 'node:http';
import { Router, type RequestHandler } from 'express';
import { loadClientFormat } from '../../formats/client-formats.js';
import { acceptsGeminiRequest, geminiRoutingSchema } from '../../formats/gemini/routing-schema.js';
import { routableModels } from '../../gateway/routable-models.js';
import { geminiPath } from '../../providers/gemini/gemini-path.js';
import { pathOf } from '../middleware.js';
import { locals } from '../request-context.js';
import type { RouterContext } from '../router-context.js';
import { chatRoute, type UrlRequest } from './chat-route.js';
import { countTokensPath, geminiCountTokensRoute } from './gemini-count-tokens-route.js';

const generatePath = /^\/v1beta\/models\/(.+):(generateContent|streamGenerateContent)$/;

/**
 * The Gemini API (v1beta): `POST /v1beta/models/{model}:generateContent` and
 * `:streamGenerateContent` (SSE with `?alt=sse`, a JSON array without), `:countTokens`,
 * `GET /v1beta/models`.
 * Model names may hold slashes (`provider/model`), so the whole path is matched.
 * `answerLayers` run between authentication and generation (the response cache and idempotency).
 * @see https://ai.google.dev/api/generate-content
 */
export function geminiRoutes(context: RouterContext, authenticateClient: RequestHandler, ...answerLayers: RequestHandler[]): Router {
  const router = Router();
  const generate = chatRoute(context, { loadFormat: () => loadClientFormat('gemini'), routingSchema: geminiRoutingSchema, quickAccept: acceptsGeminiRequest, fromUrl: fromGeminiUrl });
  router.post(generatePath, authenticateClient, ...answerLayers, generate);
  router.post(countTokensPath, authenticateClient, geminiCountTokensRoute(context));
  router.get('/v1beta/models', authenticateClient, async (_req, res) => {
    const { encodeGeminiModelList } = await import('../../formats/gemini/gemini-format.js');
    res.json(encodeGeminiModelList(routableModels(context.catalog, locals(res).apiKey, { chatOnly: true }).map((model) => ({ name: model.id }))));
  });
  return router;
}

async function fromGeminiUrl(req: IncomingMessage): Promise<UrlRequest> {
  const { createGeminiStreamEncoder } = await import('../../formats/gemini/gemini-format.js');
  const match = generatePath.exec(pathOf(req)) as RegExpExecArray;
  const model = decodeURIComponent(match[1] as string).replace(/^models\//, '');
  const stream = match[2] === 'streamGenerateContent';
  const query = req.url?.indexOf('?') ?? -1;
  const sse = query !== -1 && new URLSearchParams(req.url?.slice(query + 1)).get('alt') === 'sse';
  return {
    model,
    stream,
    encoder: (context) => createGeminiStreamEncoder(context, { framing: sse ? 'sse' : 'json-array' }),
    // Gemini upstreams are always asked for SSE: a client that wants a JSON array goes through the hub.
    nativePath: (upstreamModel) => (!stream || sse ? geminiPath(upstreamModel, stream) : undefined),
  };
}
