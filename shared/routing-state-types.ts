import type { ResilienceSettings } from './resilience.js';

/** Where an account stands for routing right now. */
export type AccountStateName = 'available' | 'cooling-down' | 'breaker-open' | 'half-open' | 'auth-failed';

/** An account of `GET /api/rate-limits` (the live, in-memory routing state; rebuilt from traffic). */
export interface AccountStateDto {
  provider: string;
  accountId: string;
  label: string;
  state: AccountStateName;
  available: boolean;
  /** Why the account is skipped, e.g. `cooling down (rate-limited)`; only while unavailable. */
  reason?: string;
  /** When the account takes requests again (ISO 8601); only while unavailable. */
  availableAt?: string;
  breaker: 'closed' | 'open' | 'half-open';
  consecutiveFailures: number;
  requests: number;
  failures: number;
  /** The upstream refused the credentials; cleared by a success. */
  authFailure?: { status: number; message: string; at: string };
  lastError?: { status: number; rule: string; message: string; at: string };
}

/** `GET /api/monitoring/health`. */
export interface HealthDto {
  status: 'healthy' | 'degraded' | 'down';
  uptimeSeconds: number;
  inFlight: number;
  providers: { name: string; enabled: boolean; accounts: number; availableAccounts: number; openBreakers: number }[];
}

/** A read-only row of the failure rule table in `GET /api/resilience`. */
export interface FailureRuleDto {
  name: string;
  statuses?: number[];
  statusRange?: [number, number];
  codes?: string[];
  /** The regular expression's source, matched against the error message and code. */
  match?: string;
  action: 'retry-same' | 'next-account' | 'next-target' | 'fatal';
  /** How long the account sits out, in words. */
  cooldown: string;
  flagsAccount: boolean;
  tripsBreaker: boolean;
}

/** `GET|PATCH /api/resilience`. */
export interface ResilienceViewDto {
  settings: ResilienceSettings;
  rules: FailureRuleDto[];
}

/** A sticky session of `GET /api/sessions`: which account a client's conversation is pinned to. */
export interface StickySessionDto {
  sessionId: string;
  apiKeyId: string | null;
  requestedModel: string;
  target: string;
  accountId: string;
  requests: number;
  createdAt: string;
  lastUsedAt: string;
  expiresAt: string;
}

/** `GET /api/telemetry/summary`: latency percentiles (ms) of successful requests per provider. */
export interface TelemetrySummaryDto {
  providers: Record<string, { p50: number; p95: number; p99: number; count: number }>;
  from: string;
  to: string;
}

/** A captured request of `GET /api/usage/request-logs` (redacted and capped when stored). */
export interface RequestLogDto {
  requestId: string;
  createdAt: string;
  requestHeaders: Record<string, string>;
  requestBody: string;
  responseBody: string;
  requestBytes: number;
  responseBytes: number;
  truncated: boolean;
}
