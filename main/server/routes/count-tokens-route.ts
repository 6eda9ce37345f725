import type { IncomingMessage, ServerResponse } from 'node:http';
import { anthropicRoutingSchema } from '../../formats/anthropic-messages/routing-schema.js';
import { encodeCountTokensResult } from '../../formats/anthropic-messages/count-tokens.js';
import { parseJsonBody, validateBody } from '../../formats/decode-json.js';
import { estimateInputTokens } from '../../gateway/estimate-input-tokens.js';
import { resolveTarget } from '../../gateway/resolve-target.js';
import { cancelOnClose } from '../cancel-on-close.js';
import { sendJson, type Next } from '../middleware.js';
import { readRawBody } from '../read-raw-body.js';
import { locals } from '../request-context.js';
import type { RouterContext } from '../router-context.js';
import { sendUpstreamJson } from '../send-upstream-json.js';
import { countOrEstimate } from './count-or-estimate.js';

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
      res.setHeader('x-omniroute-provider', target.provider.record.name);
      res.setHeader('x-omniroute-model', target.publicModel);
      const estimate = async (): Promise<void> => {
        const { decodeCountTokensRequest } = await import('../../formats/anthropic-messages/decode-anthropic-request.js');
        const request = decodeCountTokensRequest(body);
        res.setHeader('x-omniroute-token-count', 'estimated');
        sendJson(res, 200, encodeCountTokensResult(estimateInputTokens(request)));
      };
      if (target.provider.adapter.nativeFormat !== 'anthropic-messages') return await estimate();
      const counted = { ...body, model: target.upstreamModel };
      const beta = req.headers['anthropic-beta'];
      await countOrEstimate(
        async () => {
          const upstream = await target.provider.adapter.send({
            endpoint: target.account.endpoint,
            request: { path: '/messages/count_tokens', body: Buffer.from(JSON.stringify(counted)), ...(typeof beta === 'string' ? { headers: { 'anthropic-beta': beta } } : {}) },
            cancellation: cancelOnClose(res, context.inFlight),
            timeoutMs: settings.upstreamTimeoutMs,
          });
          await sendUpstreamJson(upstream, res, target.provider.record.name);
        },
        { res, estimate, logger: context.logger },
      );
    } catch (error) {
      next(error);
    }
  };
}
