import type { AppLifecycle } from '../app-lifecycle.js';
import type { Backups } from '../backups/backups.js';
import type { AcpAgents } from '../cli-tools/acp-agents.js';
import type { CliTools } from '../cli-tools/cli-tools.js';
import type { ApiKeyIndex } from '../gateway/api-key-index.js';
import type { ProviderCatalog } from '../gateway/provider-catalog.js';
import type { RoutingTable } from '../gateway/routing-table.js';
import type { RoutingEngine } from '../gateway/routing/routing-engine.js';
import type { SettingsService } from '../gateway/settings-service.js';
import type { SecretStore } from '../secrets/secret-store.js';
import type { Store } from '../store/index.js';
import type { TunnelManager } from '../tunnels/tunnel-manager.js';
import type { AppEvents } from '../util/app-events.js';
import type { Logger } from '../util/logger.js';
import type { BudgetService } from '../usage/budget-service.js';
import type { PricingTable } from '../usage/pricing/pricing-table.js';
import type { RequestLogSink } from '../usage/request-log-sink.js';
import type { UsageRecorder } from '../usage/usage-recorder.js';
import type { AdminAuth } from './admin-auth.js';
import type { InFlight } from './in-flight.js';
import type { SecurityPolicy } from './security-policy.js';

/** Everything routes and middleware need, built once by the composition root (main/app.ts). */
export interface RouterContext {
  /** The data directory (database, backups, logs). */
  dataDir: string;
  store: Store;
  /** The database's backups: made, listed, restored (`/api/db-backups`), and the daily one. */
  backups: Backups;
  secrets: SecretStore;
  settings: SettingsService;
  catalog: ProviderCatalog;
  /** Combos, model aliases and routing policies, in memory; reloaded after every change to them. */
  routing: RoutingTable;
  /** Plans each request's attempts; holds the live cooldowns, breakers, latency and sticky sessions. */
  engine: RoutingEngine;
  apiKeys: ApiKeyIndex;
  inFlight: InFlight;
  adminAuth: AdminAuth;
  policy: SecurityPolicy;
  logger: Logger;
  /** Notifications for the desktop shell (budget warnings, accounts needing sign-in, tunnels down). */
  events: AppEvents;
  /** Usage accounting: the pipeline calls `usage.record(entry)` once per request (queued, never blocks). */
  usage: UsageRecorder;
  /** Prices per upstream model (shipped defaults and user overrides); `priceOf` for cost-aware routing. */
  pricing: PricingTable;
  /** Spending limits; the pipeline calls `budgets.check(apiKeyId)` before routing. */
  budgets: BudgetService;
  /** Optional body capture for debugging; the pipeline calls `capture` when `enabled`. */
  requestLogs: RequestLogSink;
  /** Public tunnels (cloudflared, ngrok, Tailscale Funnel): start/stop, `runtime()` for the tray, `onChange`. */
  tunnels: TunnelManager;
  /** Coding tools (Claude Code, Codex, ...): detection and config setup for `/api/cli-tools`. */
  cliTools: CliTools;
  /** ACP agents (built-in and custom) for `/api/acp/agents`. */
  acpAgents: AcpAgents;
  /** How the host restarts or stops the router; absent when nothing hosts it (tests, scripts). */
  lifecycle?: AppLifecycle;
}
