import { Router } from 'express';
import { cacheRoutes } from '../api/cache-routes.js';
import { ipFilterRoutes } from '../api/ip-filter-routes.js';
import { keysRoutes } from '../api/keys-routes.js';
import { modelsCatalogRoute } from '../api/models-catalog-route.js';
import { providersRoutes } from '../api/providers-routes.js';
import { proxySettingsRoutes } from '../api/proxy-settings-routes.js';
import { requestSettingsRoutes } from '../api/request-settings-routes.js';
import { routingStateRoutes } from '../api/routing-state-routes.js';
import { settingsRoutes } from '../api/settings-routes.js';
import { systemRoutes } from '../api/system-routes.js';
import type { Caches } from '../cache/create-caches.js';
import { lazyRouter } from './lazy-router.js';
import type { RouterContext } from './router-context.js';

/**
 * The management API's domain routers, behind sign-in; mounted under `/api` on first use (see
 * lazy-router.ts). The domains the dashboard opens on its own pages load on their first call too,
 * so configuring a provider and a key (what a headless setup does) loads only what that needs.
 */
export function managementRoutes(context: RouterContext, caches: Caches): Router {
  const router = Router();
  router.use('/providers', providersRoutes(context));
  router.use('/provider-models', lazyRouter(() => import('../api/provider-models-routes.js').then((module) => module.providerModelsRoutes(context))));
  router.use('/keys', keysRoutes(context));
  router.use('/usage', lazyRouter(() => import('../api/usage-routes.js').then((module) => module.usageRoutes(context))));
  router.use('/pricing', lazyRouter(() => import('../api/pricing-routes.js').then((module) => module.pricingRoutes(context))));
  router.use('/telemetry', lazyRouter(() => import('../api/telemetry-routes.js').then((module) => module.telemetryRoutes(context))));
  router.use('/tunnels', lazyRouter(() => import('../api/tunnels-routes.js').then((module) => module.tunnelsRoutes(context))));
  router.use('/cli-tools', lazyRouter(() => import('../api/cli-tools-routes.js').then((module) => module.cliToolsRoutes(context))));
  router.use('/acp', lazyRouter(() => import('../api/acp-routes.js').then((module) => module.acpRoutes(context))));
  router.use('/combos', lazyRouter(() => import('../api/combos-routes.js').then((module) => module.combosRoutes(context))));
  router.get('/models/catalog', modelsCatalogRoute(context));
  router.use('/models/alias', lazyRouter(() => import('../api/model-aliases-routes.js').then((module) => module.modelAliasesRoutes(context))));
  router.use('/policies', lazyRouter(() => import('../api/policies-routes.js').then((module) => module.policiesRoutes(context))));
  router.use('/db-backups', lazyRouter(() => import('../api/backups-routes.js').then((module) => module.backupsRoutes(context))));
  router.use('/compliance', lazyRouter(() => import('../api/audit-routes.js').then((module) => module.auditRoutes(context))));
  router.use('/resilience', lazyRouter(() => import('../api/resilience-routes.js').then((module) => module.resilienceRoutes(context))));
  router.use(routingStateRoutes(context));
  // Sub-paths of the settings document first; everything else under /settings is the document itself.
  router.use('/settings/proxy', proxySettingsRoutes(context));
  router.use('/settings/ip-filter', ipFilterRoutes(context));
  router.use('/settings', requestSettingsRoutes(context));
  router.use('/settings', settingsRoutes(context));
  router.use('/cache', cacheRoutes(caches));
  router.use(systemRoutes(context));
  return router;
}
