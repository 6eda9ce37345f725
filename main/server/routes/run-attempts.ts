import type { IncomingMessage } from 'node:http';
import { GatewayError } from '../../errors/gateway-error.js';
import type { Attempt, RoutePlan } from '../../gateway/routing/route-plan.js';
import { UpstreamCallAborted } from '../../providers/call-upstream.js';
import type { Cancellation } from '../../util/cancellation.js';

/**
 * Runs a plan's attempts until one upstream answers; throws the plan's failure otherwise. A failed
 * attempt moves on as the failure rules say; our own refusals (a request that cannot be
 * translated, a bug) are not the target's fault and end the request at once.
 */
export async function runAttempts<Answer extends { upstream: IncomingMessage }>(
  plan: RoutePlan,
  cancellation: Cancellation,
  call: (attempt: Attempt) => Promise<Answer>,
): Promise<Answer> {
  for (;;) {
    const attempt = plan.next();
    if (!attempt) throw plan.failure();
    try {
      const answer = await call(attempt);
      plan.succeeded(attempt, answer.upstream.headers);
      return answer;
    } catch (error) {
      if (!(error instanceof GatewayError) || error.provider === undefined || cancellation.cancelled) throw error;
      const { action, retryDelayMs } = plan.failed(attempt, error);
      if (action === 'fatal') throw plan.failure();
      if (retryDelayMs > 0) await pause(retryDelayMs, cancellation);
    }
  }
}

function pause(ms: number, cancellation: Cancellation): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      stop();
      resolve();
    }, ms);
    const stop = cancellation.onCancel(() => {
      clearTimeout(timer);
      reject(new UpstreamCallAborted());
    });
  });
}
