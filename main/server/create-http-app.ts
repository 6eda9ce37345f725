import express, { Router, type Express } from 'express';
import { authRoutes } from '../api/auth-routes.js';
import { jsonBody } from '../api/json-body.js';
import { keysRoutes } from '../api/keys-routes.js';
import { providersRoutes } from '../api/providers-routes.js';
import { settingsRoutes } from '../api/settings-routes.js';
import { GatewayError } from '../errors/gateway-error.js';
import { clientAuth } from './client-auth.js';
import { errorHandler } from './error-handler.js';
import { hostGuard } from './host-guard.js';
import { requestContext } from './request-context.js';
import type { RouterContext } from './router-context.js';
import { modelsRoute } from './routes/models-route.js';
import { openAiChatRoute } from './routes/openai-chat-route.js';
import { uiRoutes } from './routes/ui-route.js';

/**
 * The express app. Order matters: request id first (every answer carries one), then the Host and
 * Origin guard (before anything reads a body or a credential), then authentication per surface,
 * routes, and last the single error handler.
 */
export function createHttpApp(context: RouterContext, options: { uiDir?: string } = {}): Express {
  const app = express();
  app.disable('x-powered-by');
  app.disable('etag');
  app.set('query parser', 'simple');

  app.use(requestContext);
  app.use(hostGuard(context.policy));

  const client = Router();
  client.use(clientAuth(context.apiKeys, context.settings));
  client.post('/chat/completions', openAiChatRoute(context));
  client.get('/models', modelsRoute(context));
  app.use('/v1', client);

  const management = Router();
  management.use(jsonBody);
  management.use('/auth', authRoutes(context));
  management.use(context.adminAuth.middleware());
  management.use('/providers', providersRoutes(context));
  management.use('/keys', keysRoutes(context));
  management.use('/settings', settingsRoutes(context));
  app.use('/api', management);

  app.use(uiRoutes(context, options.uiDir));

  app.use((req, _res, next) => {
    next(new GatewayError({ code: 'not_found', status: 404, message: `No route for ${req.method} ${req.path}.` }));
  });
  app.use(errorHandler(context.logger));
  return app;
}
