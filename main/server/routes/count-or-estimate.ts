import type { ServerResponse } from 'node:http';
import { GatewayError } from '../../errors/gateway-error.js';
import { classifyFailure } from '../../gateway/routing/failure-rules.js';
import type { Logger } from '../../util/logger.js';

/**
 * Token counting is advisory (agents use it to plan their context), so an upstream that cannot
 * count right now (down, rate-limited, timing out) gets the labelled estimate instead of failing
 * the agent. A request the upstream refuses as malformed is still returned as it is.
 */
export async function countOrEstimate(count: () => Promise<void>, options: { res: ServerResponse; estimate: () => Promise<void>; logger: Logger }): Promise<void> {
  try {
    await count();
  } catch (error) {
    const recoverable = error instanceof GatewayError && error.provider !== undefined && classifyFailure(error).action !== 'fatal';
    if (!recoverable || options.res.headersSent) throw error;
    options.logger.warn('token count answered with an estimate: the upstream could not count', { provider: error.provider, status: error.status, reason: error.message });
    await options.estimate();
  }
}
