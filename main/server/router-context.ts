import type { AppLifecycle } from '../app-lifecycle.js';
import type { ApiKeyIndex } from '../gateway/api-key-index.js';
import type { ProviderCatalog } from '../gateway/provider-catalog.js';
import type { RoutingTable } from '../gateway/routing-table.js';
import type { SettingsService } from '../gateway/settings-service.js';
import type { SecretStore } from '../secrets/secret-store.js';
import type { Store } from '../store/index.js';
import type { AppEvents } from '../util/app-events.js';
import type { Logger } from '../util/logger.js';
import type { AdminAuth } from './admin-auth.js';
import type { InFlight } from './in-flight.js';
import type { SecurityPolicy } from './security-policy.js';

/** Everything routes and middleware need, built once by the composition root (main/app.ts). */
export interface RouterContext {
  store: Store;
  secrets: SecretStore;
  settings: SettingsService;
  catalog: ProviderCatalog;
  /** Combos, model aliases and routing policies, in memory; reloaded after every change to them. */
  routing: RoutingTable;
  apiKeys: ApiKeyIndex;
  inFlight: InFlight;
  adminAuth: AdminAuth;
  policy: SecurityPolicy;
  logger: Logger;
  /** Notifications for the desktop shell (budget warnings, accounts needing sign-in, tunnels down). */
  events: AppEvents;
  /** How the host restarts or stops the router; absent when nothing hosts it (tests, scripts). */
  lifecycle?: AppLifecycle;
}
