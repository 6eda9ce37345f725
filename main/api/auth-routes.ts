import { Router } from 'express';
import { z } from '../../shared/zod.js';
import { GatewayError } from '../errors/gateway-error.js';
import { validateBody } from '../formats/decode-json.js';
import { sessionCookieName } from '../server/admin-auth.js';
import type { RouterContext } from '../server/router-context.js';

const loginSchema = z.strictObject({ token: z.string().check(z.minLength(1), z.maxLength(512)) });

/** `/api/auth/*`: trade the management token for the UI's HttpOnly session cookie, and back. */
export function authRoutes(context: RouterContext): Router {
  const router = Router();
  const { adminAuth } = context;

  router.post('/login', (req, res) => {
    const { token } = validateBody(loginSchema, req.body);
    if (!adminAuth.isToken(token)) {
      throw new GatewayError({ code: 'unauthorized', status: 401, message: 'That is not the management token.' });
    }
    res.setHeader('set-cookie', adminAuth.sessionCookie());
    res.status(204).end();
  });

  router.post('/logout', (_req, res) => {
    res.setHeader('set-cookie', `${sessionCookieName}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0`);
    res.status(204).end();
  });

  router.get('/session', (req, res) => {
    res.json({ authenticated: adminAuth.hasSession(req) });
  });

  return router;
}
