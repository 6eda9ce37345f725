import type { ServerResponse } from 'node:http';
import { GatewayError } from '../../errors/gateway-error.js';
import type { Target } from '../../gateway/resolve-target.js';
import { classifyFailure } from '../../gateway/routing/failure-rules.js';
import type { UpstreamRequest } from '../../providers/provider-adapter.js';
import { cancelOnClose } from '../cancel-on-close.js';
import { sendJson } from '../middleware.js';
import type { RouterContext } from '../router-context.js';
import { sendUpstreamJson } from '../send-upstream-json.js';

/** One token-count request (Anthropic `count_tokens`, Gemini `countTokens`), in its client format. */
export interface TokenCount {
  target: Target;
  /** Whether the target's family counts in this format itself (then the request passes through). */
  countsNatively: boolean;
  /** The request that asks the upstream to count. */
  upstreamRequest: () => UpstreamRequest;
  /** The estimate's body, in the client format. */
  estimate: () => Promise<unknown>;
}

/**
 * Answers a token count: passed through to an upstream that counts in the client's format, else a
 * labelled estimate (`x-omniroute-token-count: estimated`). Counting is advisory (agents use it to
 * plan their context), so an upstream that cannot count right now (down, rate-limited, timing out)
 * also gets the estimate instead of failing the agent; a request it refuses as malformed is
 * returned as it is.
 */
export async function answerTokenCount(context: RouterContext, res: ServerResponse, count: TokenCount): Promise<void> {
  const { target } = count;
  const provider = target.provider.record.name;
  res.setHeader('x-omniroute-provider', provider);
  res.setHeader('x-omniroute-model', target.publicModel);
  const estimate = async (): Promise<void> => {
    const body = await count.estimate();
    res.setHeader('x-omniroute-token-count', 'estimated');
    sendJson(res, 200, body);
  };
  if (!count.countsNatively) return estimate();
  try {
    const upstream = await target.provider.adapter.send({
      endpoint: target.account.endpoint,
      request: count.upstreamRequest(),
      cancellation: cancelOnClose(res, context.inFlight),
      timeoutMs: context.settings.current.upstreamTimeoutMs,
    });
    await sendUpstreamJson(upstream, res, provider);
  } catch (error) {
    const recoverable = error instanceof GatewayError && error.provider !== undefined && classifyFailure(error).action !== 'fatal';
    if (!recoverable || res.headersSent) throw error;
    context.logger.warn('token count answered with an estimate: the upstream could not count', { provider: error.provider, status: error.status, reason: error.message });
    await estimate();
  }
}
