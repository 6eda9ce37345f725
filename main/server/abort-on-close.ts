import type { ServerResponse } from 'node:http';
import type { InFlight } from './in-flight.js';

/**
 * One AbortController per request, fired when the client goes away before the answer is complete
 * (or by shutdown), and registered as in flight until the response closes.
 */
export function abortOnClose(response: ServerResponse, inFlight: InFlight): AbortController {
  const controller = new AbortController();
  inFlight.add(controller);
  response.once('close', () => {
    inFlight.delete(controller);
    if (!response.writableFinished) controller.abort('client-closed');
  });
  return controller;
}
