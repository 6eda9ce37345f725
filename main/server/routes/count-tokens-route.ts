import type { IncomingMessage, ServerResponse } from 'node:http';
import { anthropicRoutingSchema } from '../../formats/anthropic-messages/routing-schema.js';
import { encodeCountTokensResult } from '../../formats/anthropic-messages/count-tokens.js';
import { parseJsonBody, validateBody } from '../../formats/decode-json.js';
import { estimateInputTokens } from '../../gateway/estimate-input-tokens.js';
import { resolveTarget } from '../../gateway/resolve-target.js';
import type { Next } from '../middleware.js';
import { readRawBody } from '../read-raw-body.js';
import { locals } from '../request-context.js';
import type { RouterContext } from '../router-context.js';
import { answerTokenCount } from './answer-token-count.js';

const megabyte = 1024 * 1024;

/**
 * `POST /v1/messages/count_tokens`. An Anthropic account counts exactly (passthrough); for other
 * upstreams, which cannot count, the answer is an estimate and says so in
 * `x-omniroute-token-count: estimated`.
 * @see https://docs.anthropic.com/en/api/messages-count-tokens
 */
export function countTokensRoute(context: RouterContext) {
  return async (req: IncomingMessage, res: ServerResponse, next: Next): Promise<void> => {
    try {
      const settings = context.settings.current;
      const body = parseJsonBody(await readRawBody(req, settings.maxRequestBodyMb * megabyte)) as Record<string, unknown>;
      const { model } = validateBody(anthropicRoutingSchema, body);
      const target = resolveTarget(context.engine, model, locals(res).apiKey);
      const beta = req.headers['anthropic-beta'];
      await answerTokenCount(context, res, {
        target,
        countsNatively: target.provider.adapter.chat && target.provider.adapter.nativeFormat === 'anthropic-messages',
        upstreamRequest: () => ({
          path: '/messages/count_tokens',
          body: JSON.stringify({ ...body, model: target.upstreamModel }),
          ...(typeof beta === 'string' ? { headers: { 'anthropic-beta': beta } } : {}),
        }),
        estimate: async () => {
          const { decodeCountTokensRequest } = await import('../../formats/anthropic-messages/decode-anthropic-request.js');
          return encodeCountTokensResult(estimateInputTokens(decodeCountTokensRequest(body)));
        },
      });
    } catch (error) {
      next(error);
    }
  };
}
