import type { NextFunction, Request, Response } from 'express';
import { GatewayError } from '../errors/gateway-error.js';
import type { SecurityPolicy } from './security-policy.js';

// Set by the tunnel daemons on what they forward (Cloudflare, Tailscale Funnel, ngrok and any
// reverse proxy); a browser or script talking to 127.0.0.1 directly sends none of them.
const forwardedHeaders = ['cf-connecting-ip', 'cf-ray', 'tailscale-funnel-request', 'x-forwarded-for', 'x-forwarded-host', 'forwarded'];

/**
 * Keeps the management API and the dashboard off the internet. A request through a tunnel comes
 * from the daemon on 127.0.0.1, so the peer address tells nothing; what gives it away is the
 * tunnel's public Host, or, while a tunnel runs, the forwarding headers the daemon adds. Such a
 * request is refused before authentication: a leaked token or a sign-in link is useless there.
 */
export function tunnelGuard(policy: SecurityPolicy) {
  return (req: Request, _res: Response, next: NextFunction): void => {
    const throughTunnel = policy.isTunnelHost(req.headers.host) || (policy.hasTunnels && forwardedHeaders.some((name) => req.headers[name] !== undefined));
    if (throughTunnel) {
      next(
        new GatewayError({
          code: 'forbidden',
          status: 403,
          message: 'The management API and the dashboard are not available through a tunnel; a tunnel serves the client API (/v1/...) only. Manage OmniRoute on this machine at http://127.0.0.1 on its port.',
        }),
      );
      return;
    }
    next();
  };
}
