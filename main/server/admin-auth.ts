import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { GatewayError } from '../errors/gateway-error.js';

export const sessionCookieName = 'omniroute_session';

/**
 * The management token guards `/api/*`: as a Bearer token for scripts, or as an HttpOnly session
 * cookie for the UI. The cookie value is an HMAC of the token, so it survives restarts and dies
 * when the token changes, and the token itself never sits in the browser.
 */
export class AdminAuth {
  private readonly tokenDigest: Buffer;
  readonly sessionValue: string;

  constructor(token: string) {
    this.tokenDigest = digest(token);
    this.sessionValue = createHmac('sha256', token).update('omniroute-ui-session-v1').digest('base64url');
  }

  /** Constant-time, so the token cannot be guessed byte by byte from response timings. */
  isToken(candidate: string | undefined): boolean {
    return candidate !== undefined && timingSafeEqual(digest(candidate), this.tokenDigest);
  }

  hasSession(req: Request): boolean {
    const value = readCookie(req.headers.cookie, sessionCookieName);
    return value !== undefined && timingSafeEqual(digest(value), digest(this.sessionValue));
  }

  sessionCookie(): string {
    return `${sessionCookieName}=${this.sessionValue}; Path=/; HttpOnly; SameSite=Strict; Max-Age=31536000`;
  }

  middleware() {
    return (req: Request, _res: Response, next: NextFunction): void => {
      const authorization = req.headers.authorization;
      if (authorization?.toLowerCase().startsWith('bearer ') && this.isToken(authorization.slice(7).trim())) {
        next();
        return;
      }
      if (this.hasSession(req)) {
        // Cookies ride along on cross-site requests, so a state change must prove it comes from our
        // own page: the host guard already rejected foreign Origins; here we insist on one.
        if (!isSafeMethod(req.method) && req.headers.origin === undefined) {
          next(new GatewayError({ code: 'forbidden', status: 403, message: 'A change made with the session cookie must carry an Origin header.' }));
          return;
        }
        next();
        return;
      }
      next(
        new GatewayError({
          code: 'unauthorized',
          status: 401,
          message: 'The management API needs the management token: Authorization: Bearer <token> (printed at start, or OMNIROUTE_ADMIN_TOKEN).',
        }),
      );
    };
  }
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}

function isSafeMethod(method: string): boolean {
  return method === 'GET' || method === 'HEAD' || method === 'OPTIONS';
}

export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const separator = part.indexOf('=');
    if (separator !== -1 && part.slice(0, separator).trim() === name) return part.slice(separator + 1).trim();
  }
  return undefined;
}
