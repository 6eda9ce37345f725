import { existsSync } from 'node:fs';
import { join } from 'node:path';
import express, { Router } from 'express';
import type { RouterContext } from '../router-context.js';

/**
 * The browser entry. `/?token=...` (the sign-in link printed at start) trades the token for the
 * session cookie and redirects to a clean URL, so the token does not linger in history.
 */
export function uiRoutes(context: RouterContext, uiDir: string | undefined): Router {
  const router = Router();
  router.use((_req, res, next) => {
    // The dashboard must not be framed by another page (clickjacking), nor its files sniffed
    // into another type; a meta CSP cannot say `frame-ancestors`, so it goes in the header.
    res.setHeader('content-security-policy', "frame-ancestors 'none'");
    res.setHeader('x-frame-options', 'DENY');
    res.setHeader('x-content-type-options', 'nosniff');
    res.setHeader('referrer-policy', 'no-referrer');
    next();
  });
  router.get('/', (req, res, next) => {
    const token = typeof req.query.token === 'string' ? req.query.token : undefined;
    if (token !== undefined) {
      // A wrong token (often a link from an earlier start) sets nothing; the page says so.
      const valid = context.adminAuth.isToken(token);
      if (valid) res.setHeader('set-cookie', context.adminAuth.sessionCookie());
      res.redirect(303, valid ? '/' : '/?signin=invalid');
      return;
    }
    next();
  });
  if (uiDir && existsSync(join(uiDir, 'index.html'))) {
    router.use(express.static(uiDir, { index: 'index.html', maxAge: 0 }));
  } else {
    router.get('/', (_req, res) => {
      res.type('text/plain').send(
        'OmniRoute is running.\n\nThe dashboard is not part of this build; manage the router through the management API (docs/management-api.md).\nClient endpoint: /v1/chat/completions\n',
      );
    });
  }
  return router;
}
