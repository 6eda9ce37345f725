import type { ServerResponse } from 'node:http';
import { Cancellation } from '../util/cancellation.js';
import type { InFlight } from './in-flight.js';

/**
 * One Cancellation per request, fired when the client goes away before the answer is complete (or
 * by shutdown), and registered as in flight until the response closes.
 */
export function cancelOnClose(response: ServerResponse, inFlight: InFlight): Cancellation {
  const cancellation = new Cancellation();
  inFlight.add(cancellation);
  response.once('close', () => {
    inFlight.delete(cancellation);
    if (!response.writableFinished) cancellation.cancel('client-closed');
  });
  return cancellation;
}
