import { GatewayError } from '../errors/gateway-error.js';

/**
 * A tunnel puts the router on the public internet, so it may only run while every client request
 * must carry one of our API keys, and at least one key exists. Throws a 409 that says what to do.
 */
export function assertTunnelAllowed(input: { requireApiKey: boolean; apiKeyCount: number }): void {
  if (input.requireApiKey !== true) {
    throw new GatewayError({
      code: 'conflict',
      status: 409,
      message:
        'A tunnel would put the router on the internet while client API keys are not required. Turn on "Require API key" first (Settings in the dashboard, or PUT /api/settings {"requireApiKey": true}), then enable the tunnel.',
    });
  }
  if (input.apiKeyCount === 0) {
    throw new GatewayError({
      code: 'conflict',
      status: 409,
      message: 'A tunnel needs at least one client API key, since every request through it must carry one. Create a key first (Keys in the dashboard, or POST /api/keys), then enable the tunnel.',
    });
  }
}
