import type { IncomingMessage, ServerResponse } from 'node:http';
import { invalidRequest } from '../../errors/gateway-error.js';
import { estimateInputTokens } from '../../gateway/estimate-input-tokens.js';
import { resolveTarget } from '../../gateway/resolve-target.js';
import { parseJsonBody } from '../../formats/decode-json.js';
import { pathOf, type Next } from '../middleware.js';
import { readRawBody } from '../read-raw-body.js';
import { locals } from '../request-context.js';
import type { RouterContext } from '../router-context.js';
import { answerTokenCount } from './answer-token-count.js';

const megabyte = 1024 * 1024;
export const countTokensPath = /^\/v1beta\/models\/(.+):countTokens$/;

/**
 * `POST /v1beta/models/{model}:countTokens`. A Gemini account counts exactly (passthrough); other
 * upstreams cannot count, so the answer is an estimate and says so in
 * `x-omniroute-token-count: estimated`, as `/v1/messages/count_tokens` does.
 * @see https://ai.google.dev/api/tokens#method:-models.counttokens
 */
export function geminiCountTokensRoute(context: RouterContext) {
  return async (req: IncomingMessage, res: ServerResponse, next: Next): Promise<void> => {
    try {
      const settings = context.settings.current;
      const body = parseJsonBody(await readRawBody(req, settings.maxRequestBodyMb * megabyte));
      if (body === null || typeof body !== 'object' || Array.isArray(body)) throw invalidRequest('The body must be a JSON object with `contents` or `generateContentRequest`.');
      const model = decodeURIComponent((countTokensPath.exec(pathOf(req)) as RegExpExecArray)[1] as string).replace(/^models\//, '');
      const target = resolveTarget(context.engine, model, locals(res).apiKey);
      await answerTokenCount(context, res, {
        target,
        countsNatively: target.provider.adapter.family === 'gemini',
        upstreamRequest: () => ({
          path: `/models/${encodeURIComponent(target.upstreamModel)}:countTokens`,
          body: JSON.stringify(rewriteModel(body as Record<string, unknown>, target.upstreamModel)),
        }),
        estimate: async () => {
          const { geminiFormat } = await import('../../formats/gemini/gemini-format.js');
          const { generateContentRequest } = body as { generateContentRequest?: unknown };
          return { totalTokens: estimateInputTokens(geminiFormat.decodeRequest(generateContentRequest ?? body, { model, stream: false })) };
        },
      });
    } catch (error) {
      next(error);
    }
  };
}

/** A nested `generateContentRequest` names its model too, and must name the upstream's. */
function rewriteModel(body: Record<string, unknown>, upstreamModel: string): Record<string, unknown> {
  const nested = body.generateContentRequest;
  if (nested === null || typeof nested !== 'object') return body;
  return { ...body, generateContentRequest: { ...(nested as Record<string, unknown>), model: `models/${upstreamModel}` } };
}
