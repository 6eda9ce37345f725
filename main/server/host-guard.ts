import type { IncomingMessage, ServerResponse } from 'node:http';
import { GatewayError } from '../errors/gateway-error.js';
import type { Next } from './middleware.js';
import type { SecurityPolicy } from './security-policy.js';

/**
 * Rejects clients the IP filter keeps out, foreign Host headers (DNS rebinding) and foreign
 * Origins (CSRF); answers CORS preflights.
 */
export function hostGuard(policy: SecurityPolicy) {
  return (req: IncomingMessage, res: ServerResponse, next: Next): void => {
    if (!policy.isAllowedAddress(req.socket.remoteAddress)) {
      next(new GatewayError({ code: 'forbidden', status: 403, message: `Address ${req.socket.remoteAddress ?? 'unknown'} is not allowed to use this OmniRoute (its IP filter, ipFilter in settings).` }));
      return;
    }
    if (!policy.isAllowedHost(req.headers.host)) {
      next(new GatewayError({ code: 'forbidden', status: 403, message: `Host '${req.headers.host ?? ''}' is not allowed. Add it to allowedHosts in settings if you expose OmniRoute under that name.` }));
      return;
    }
    const origin = req.headers.origin;
    if (origin === undefined) {
      next();
      return;
    }
    if (!policy.isAllowedOrigin(origin)) {
      next(new GatewayError({ code: 'forbidden', status: 403, message: `Origin '${origin}' is not allowed. Add it to allowedOrigins in settings to call OmniRoute from that page.` }));
      return;
    }
    if (policy.isCorsOrigin(origin)) {
      res.setHeader('access-control-allow-origin', origin);
      res.setHeader('vary', 'Origin');
      res.setHeader('access-control-expose-headers', 'x-request-id, x-omniroute-provider, x-omniroute-model');
      if (req.method === 'OPTIONS') {
        res.setHeader('access-control-allow-methods', 'GET, POST, PUT, PATCH, DELETE, OPTIONS');
        res.setHeader('access-control-allow-headers', req.headers['access-control-request-headers'] ?? 'authorization, content-type');
        res.setHeader('access-control-max-age', '600');
        res.statusCode = 204;
        res.end();
        return;
      }
    }
    next();
  };
}
