import { shuttingDown } from '../../errors/gateway-error.js';
import { UpstreamCallAborted } from '../../providers/call-upstream.js';
import type { Cancellation } from '../../util/cancellation.js';
import type { Next } from '../middleware.js';
import type { RequestOutcome } from './record-outcome.js';

/**
 * Hands a routed request's failure to the error handler and notes it for the usage record. A call
 * aborted because the client left is nobody's to hear; at shutdown, though, the client is still
 * listening and is told.
 */
export function passFailure(error: unknown, input: { outcome: RequestOutcome; cancellation: Cancellation | undefined; next: Next }): void {
  if (error instanceof UpstreamCallAborted) {
    if (input.cancellation?.reason !== 'shutdown') return;
    error = shuttingDown();
  }
  input.outcome.error = error;
  input.next(error);
}
