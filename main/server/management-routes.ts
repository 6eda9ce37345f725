import { Router } from 'express';
import { acpRoutes } from '../api/acp-routes.js';
import { cacheRoutes } from '../api/cache-routes.js';
import { cliToolsRoutes } from '../api/cli-tools-routes.js';
import { combosRoutes } from '../api/combos-routes.js';
import { keysRoutes } from '../api/keys-routes.js';
import { modelAliasesRoutes } from '../api/model-aliases-routes.js';
import { policiesRoutes } from '../api/policies-routes.js';
import { pricingRoutes } from '../api/pricing-routes.js';
import { providersRoutes } from '../api/providers-routes.js';
import { requestSettingsRoutes } from '../api/request-settings-routes.js';
import { resilienceRoutes } from '../api/resilience-routes.js';
import { routingStateRoutes } from '../api/routing-state-routes.js';
import { settingsRoutes } from '../api/settings-routes.js';
import { systemRoutes } from '../api/system-routes.js';
import { telemetryRoutes } from '../api/telemetry-routes.js';
import { tunnelsRoutes } from '../api/tunnels-routes.js';
import { usageRoutes } from '../api/usage-routes.js';
import type { Caches } from '../cache/create-caches.js';
import type { RouterContext } from './router-context.js';

/** The management API's domain routers, behind sign-in; mounted under `/api` on first use (see lazy-router.ts). */
export function managementRoutes(context: RouterContext, caches: Caches): Router {
  const router = Router();
  router.use('/providers', providersRoutes(context));
  router.use('/keys', keysRoutes(context));
  router.use('/usage', usageRoutes(context));
  router.use('/pricing', pricingRoutes(context));
  router.use('/telemetry', telemetryRoutes(context));
  router.use('/tunnels', tunnelsRoutes(context));
  router.use('/cli-tools', cliToolsRoutes(context));
  router.use('/acp', acpRoutes(context));
  router.use('/combos', combosRoutes(context));
  router.use('/models/alias', modelAliasesRoutes(context));
  router.use('/policies', policiesRoutes(context));
  router.use('/resilience', resilienceRoutes(context));
  router.use(routingStateRoutes(context));
  // Sub-paths of the settings document first; everything else under /settings is the document itself.
  router.use('/settings', requestSettingsRoutes(context));
  router.use('/settings', settingsRoutes(context));
  router.use('/cache', cacheRoutes(caches));
  router.use(systemRoutes(context));
  return router;
}
