import type { ApiKeyDto, AuditLogDto, CreatedApiKeyDto, ProviderDto, ProviderModelDto, ProviderModelsDto, ProviderTestResultDto } from '../../../shared/api-types.js';
import type { BackupDto, BackupsListDto, RestoreAcceptedDto } from '../../../shared/backups-types.js';
import type { CliToolApplyResultDto, CliToolRestoreResultDto, CliToolSettingsDto, CliToolStatusDto } from '../../../shared/cli-tools-types.js';
import type { ProxyTestResultDto, UpstreamProxyViewDto } from '../../../shared/proxy-settings.js';
import type { ComboDto, CreateComboInput, ModelAliasDto, UpdateComboInput } from '../../../shared/routing.js';
import type { Settings, SettingsPatch } from '../../../shared/settings.js';
import type { ResiliencePatch } from '../../../shared/resilience.js';
import type { AccountStateDto, HealthDto, RequestLogDto, ResilienceViewDto, StickySessionDto, TelemetrySummaryDto } from '../../../shared/routing-state-types.js';
import type { BudgetInput, BudgetStatusDto, PriceDto, PriceInput, UsageHistoryPointDto, UsageLogDto, UsageTotalsDto } from '../../../shared/usage-types.js';
import type { TunnelAction, TunnelActionResultDto, TunnelKindId, TunnelStatusDto } from '../../../shared/tunnels.js';
import { request } from './client.js';

/** The management API, one function per endpoint the dashboard uses. */

export interface NewProvider {
  name: string;
  kind: string;
  baseUrl?: string;
  apiKey?: string;
  models?: string[];
}

export interface ProviderChange {
  enabled?: boolean;
  /** A new key for the provider's first account (the server keeps it in the OS keychain). */
  apiKey?: string;
}

export interface NewApiKey {
  name: string;
  models?: string[];
}

export const auth = {
  session: () => request<{ authenticated: boolean }>('GET', '/api/auth/session'),
  login: (token: string) => request<void>('POST', '/api/auth/login', { token }),
  logout: () => request<void>('POST', '/api/auth/logout'),
};

export const providers = {
  list: async () => (await request<{ data: ProviderDto[] }>('GET', '/api/providers')).data,
  create: (input: NewProvider) => request<ProviderDto>('POST', '/api/providers', input),
  update: (id: string, change: ProviderChange) => request<ProviderDto>('PUT', `/api/providers/${encodeURIComponent(id)}`, change),
  remove: (id: string) => request<void>('DELETE', `/api/providers/${encodeURIComponent(id)}`),
  test: (id: string) => request<ProviderTestResultDto>('POST', `/api/providers/${encodeURIComponent(id)}/test`, {}),
  models: (id: string) => request<ProviderModelsDto>('GET', `/api/providers/${encodeURIComponent(id)}/models`),
};

export const apiKeys = {
  list: async () => (await request<{ data: ApiKeyDto[] }>('GET', '/api/keys')).data,
  create: (input: NewApiKey) => request<CreatedApiKeyDto>('POST', '/api/keys', input),
  remove: (id: string) => request<void>('DELETE', `/api/keys/${encodeURIComponent(id)}`),
};

export const settings = {
  get: () => request<Settings>('GET', '/api/settings'),
  update: (patch: SettingsPatch) => request<Settings>('PUT', '/api/settings', patch),
};

/** One model of a provider: hidden from the lists clients read, or shown again. */
export const providerModels = {
  setHidden: (provider: string, model: string, hidden: boolean) => request<ProviderModelDto>('PATCH', '/api/provider-models', { provider, model, hidden }),
};

/** The management audit trail, newest first; `before` an entry id, for the next page. */
export const auditLog = {
  list: (limit: number, before?: number) => request<AuditLogDto>('GET', `/api/compliance/audit-log?limit=${limit}${before === undefined ? '' : `&before=${before}`}`),
};

/** The upstream proxy: the setting with what is in effect (saved with the other settings), and a test call. */
export const proxySettings = {
  get: () => request<UpstreamProxyViewDto>('GET', '/api/settings/proxy'),
  /** One request through `url` (else the proxy in effect) to the first provider's base URL; always answered. */
  test: (input: { url?: string }) => request<ProxyTestResultDto>('POST', '/api/settings/proxy/test', input),
};

export const tunnels = {
  list: async () => (await request<{ data: TunnelStatusDto[] }>('GET', '/api/tunnels')).data,
  act: (kind: TunnelKindId, action: TunnelAction) => request<TunnelActionResultDto>('POST', `/api/tunnels/${kind}`, { action }),
};

export const cliTools = {
  list: async () => (await request<{ tools: CliToolStatusDto[] }>('GET', '/api/cli-tools')).tools,
  /** Looks again: the login shell's PATH and every version are read anew. */
  refreshed: async () => (await request<{ tools: CliToolStatusDto[] }>('GET', '/api/cli-tools?refresh=true')).tools,
  settings: (id: string) => request<CliToolSettingsDto>('GET', `/api/cli-tools/${encodeURIComponent(id)}-settings`),
  apply: (id: string, input: { model?: string; preview: boolean }) => request<CliToolApplyResultDto>('POST', `/api/cli-tools/${encodeURIComponent(id)}-settings`, { action: 'apply', ...input }),
  restore: (id: string) => request<CliToolRestoreResultDto>('POST', `/api/cli-tools/${encodeURIComponent(id)}-settings`, { action: 'restore' }),
};

export const combos = {
  list: async () => (await request<{ data: ComboDto[] }>('GET', '/api/combos')).data,
  create: (input: CreateComboInput) => request<ComboDto>('POST', '/api/combos', input),
  update: (id: string, change: UpdateComboInput) => request<ComboDto>('PUT', `/api/combos/${encodeURIComponent(id)}`, change),
  remove: (id: string) => request<void>('DELETE', `/api/combos/${encodeURIComponent(id)}`),
};

export const modelAliases = {
  list: async () => (await request<{ data: ModelAliasDto[] }>('GET', '/api/models/alias')).data,
  /** Creates the alias or points an existing one elsewhere. */
  save: (input: ModelAliasDto) => request<ModelAliasDto>('POST', '/api/models/alias', input),
  // Aliases contain '/', so the alias travels in the query string.
  remove: (alias: string) => request<void>('DELETE', `/api/models/alias?alias=${encodeURIComponent(alias)}`),
};

/** Query of `GET /api/usage/logs`; `status` is `error`, `success` or one HTTP status. */
export interface UsageLogQuery {
  provider?: string;
  model?: string;
  status?: string;
  limit: number;
  offset: number;
}

function queryString(query: Record<string, string | number | undefined>): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) if (value !== undefined && value !== '') params.set(name, String(value));
  return params.toString();
}

export const usage = {
  history: (query: { granularity: 'hour' | 'day'; from: string; to?: string }) =>
    request<{ granularity: string; data: UsageHistoryPointDto[]; totals: UsageTotalsDto }>('GET', `/api/usage/history?${queryString(query)}`),
  logs: (query: UsageLogQuery) => request<{ data: UsageLogDto[]; nextCursor: string | null; total: number }>('GET', `/api/usage/logs?${queryString({ ...query })}`),
  requestLogs: (query: { limit: number; offset: number }) => request<{ enabled: boolean; data: RequestLogDto[]; total: number }>('GET', `/api/usage/request-logs?${queryString(query)}`),
};

export const budgets = {
  list: async () => (await request<{ data: BudgetStatusDto[] }>('GET', '/api/usage/budget')).data,
  save: (input: BudgetInput) => request<BudgetStatusDto>('POST', '/api/usage/budget', input),
  remove: (id: string) => request<void>('DELETE', `/api/usage/budget/${encodeURIComponent(id)}`),
};

// Model names may contain '/', which the pricing routes take as part of the name: encode each segment only.
const pricePath = (model: string): string => `/api/pricing/${model.split('/').map(encodeURIComponent).join('/')}`;

export const pricing = {
  list: async () => (await request<{ data: PriceDto[] }>('GET', '/api/pricing')).data,
  set: (model: string, price: PriceInput) => request<PriceDto>('PUT', pricePath(model), price),
  reset: (model: string) => request<void>('DELETE', pricePath(model)),
};

export const routingState = {
  health: () => request<HealthDto>('GET', '/api/monitoring/health'),
  accounts: async () => (await request<{ accounts: AccountStateDto[] }>('GET', '/api/rate-limits')).accounts,
  /** Ends cooldowns and closes breakers: of one account, one provider, or (empty) all. */
  reset: (scope: { provider?: string; accountId?: string }) => request<{ ok: true; reset: number }>('POST', '/api/resilience/reset', scope),
  resilience: () => request<ResilienceViewDto>('GET', '/api/resilience'),
  updateResilience: (patch: ResiliencePatch) => request<ResilienceViewDto>('PATCH', '/api/resilience', patch),
  sessions: async () => (await request<{ data: StickySessionDto[] }>('GET', '/api/sessions')).data,
  clearSessions: () => request<void>('DELETE', '/api/sessions'),
  latency: () => request<TelemetrySummaryDto>('GET', '/api/telemetry/summary'),
};

export const dbBackups = {
  list: () => request<BackupsListDto>('GET', '/api/db-backups'),
  create: () => request<BackupDto>('PUT', '/api/db-backups'),
  /** Stages the restore; the router answers, then restarts to apply it. */
  restore: (id: string) => request<RestoreAcceptedDto>('POST', '/api/db-backups', { id }),
  remove: (id: string) => request<void>('DELETE', `/api/db-backups/${encodeURIComponent(id)}`),
  /** Uploads a database file to restore (kept as an `import` backup); the router then restarts like a restore. */
  importFile: (file: Blob) => request<RestoreAcceptedDto>('POST', '/api/db-backups/import', file),
  /** Plain links: the session cookie goes with them, and the server names the file. */
  downloadUrl: (id: string) => `/api/db-backups/${encodeURIComponent(id)}`,
  exportUrl: '/api/db-backups/export',
  exportAllUrl: '/api/db-backups/exportAll',
};
