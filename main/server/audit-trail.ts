import type { NextFunction, Request, Response } from 'express';
import type { AuditActor, AuditLogRepo } from '../store/audit-log-repo.js';
import type { AdminAuth } from './admin-auth.js';

/**
 * Puts the management API's changes in the audit trail once they are over: every request that is
 * not a read (whatever came of it, 499 when its client left before the answer), and every read that
 * was refused for want of sign-in. Reads that succeed are not changes and would drown the rest.
 * Nothing of the body is kept.
 */
export function auditTrail(options: { auth: AdminAuth; log: AuditLogRepo; now?: () => number }) {
  const now = options.now ?? Date.now;
  return (req: Request, res: Response, next: NextFunction): void => {
    const read = req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS';
    const at = now();
    // `close` comes whether the answer was sent or the client left first (then recorded as 499).
    res.once('close', () => {
      const status = res.writableFinished ? res.statusCode : 499;
      if (read && status !== 401 && status !== 403) return;
      options.log.add({
        at,
        actor: actorOf(req, options.auth),
        method: req.method,
        path: req.originalUrl.split('?')[0] ?? req.originalUrl,
        status,
        address: req.socket.remoteAddress ?? 'unknown',
        origin: typeof req.headers.origin === 'string' ? req.headers.origin : null,
      });
    });
    next();
  };
}

function actorOf(req: Request, auth: AdminAuth): AuditActor {
  const authorization = req.headers.authorization;
  if (authorization?.toLowerCase().startsWith('bearer ') && auth.isToken(authorization.slice(7).trim())) return 'token';
  return auth.hasSession(req) ? 'session' : 'none';
}
