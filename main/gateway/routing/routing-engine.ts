import type { ResilienceSettings } from '../../../shared/resilience.js';
import { GatewayError } from '../../errors/gateway-error.js';
import type { AppEvents } from '../../util/app-events.js';
import type { ApiKeyEntry } from '../api-key-index.js';
import type { ProviderCatalog, RuntimeAccount } from '../provider-catalog.js';
import { AccountHealthRegistry } from './account-health.js';
import { LatencyTelemetry } from './latency-telemetry.js';
import { matchesPolicy } from './match-policy.js';
import { orderAccounts } from './order-accounts.js';
import { orderTargets } from './order-targets.js';
import type { CandidateGroup, RouteCandidate, UnusableTarget } from './route-candidate.js';
import { RoutePlan, type Attempt } from './route-plan.js';
import { resolveRoute, type RoutingConfigView } from './resolve-route.js';
import { StickySessions } from './sticky-sessions.js';

/** What routing knows about a request before any upstream is called. */
export interface RouteRequest {
  model: string;
  apiKey: ApiKeyEntry | undefined;
  /** `X-Session-Id` / `x_session_id`: keeps the conversation on one account. */
  sessionId?: string | undefined;
  /** `X-OmniRoute-Tag`, for routing policies. */
  tags?: readonly string[];
  /** A rough size of the request, for routing policies. */
  inputTokens?: number;
  /**
   * Set on `/v1/providers/{provider}/...`, where `model` is already `provider/model`: it is taken
   * as it is, since aliases, wildcard routes, combos and route policies could send it elsewhere.
   */
  pinned?: boolean;
  /** Why a candidate cannot serve this request (an endpoint only some families have), or undefined when it can. */
  unsupported?: (candidate: RouteCandidate) => string | undefined;
}

export interface RoutingEngineOptions {
  catalog: ProviderCatalog;
  routing?: RoutingConfigView | undefined;
  resilience: () => ResilienceSettings;
  events: AppEvents;
  /** Price per million tokens (input + output) of a `provider/model`, for the cost-optimized strategy. */
  priceOf?: (publicModel: string) => number | undefined;
  now?: () => number;
  random?: () => number;
}

export type HealthStatus = 'healthy' | 'degraded' | 'down';

/**
 * Turns a requested model into a plan of attempts: policies, aliases and combos, strategies,
 * account order, stickiness, and the live state (cooldowns, breakers, latency) they read.
 */
export class RoutingEngine {
  readonly health: AccountHealthRegistry;
  readonly telemetry = new LatencyTelemetry();
  readonly sessions: StickySessions;
  readonly #targetCursors = new Map<string, number>();
  readonly #accountCursors = new Map<string, number>();
  readonly #now: () => number;
  readonly #random: () => number;
  #status: HealthStatus = 'healthy';

  constructor(private readonly options: RoutingEngineOptions) {
    this.health = new AccountHealthRegistry(options.resilience);
    this.sessions = new StickySessions(() => options.resilience().stickySessionTtlMs);
    this.#now = options.now ?? Date.now;
    this.#random = options.random ?? Math.random;
  }

  /** Throws a GatewayError when the model routes nowhere or the key may not use it. */
  plan(request: RouteRequest): RoutePlan {
    const now = this.#now();
    let model = request.model;
    const policies = this.options.routing?.policies() ?? [];
    const notes: string[] = [];
    const allowed: Set<string>[] = [];
    const denied = new Map<string, string>();
    if (policies.length > 0) {
      const subject = { model: request.model, apiKeyId: request.apiKey?.id, tags: request.tags ?? [], inputTokens: request.inputTokens ?? 0 };
      let routed = false;
      for (const policy of policies) {
        if (!matchesPolicy(policy.match, subject)) continue;
        const { action } = policy;
        if (action.type === 'route') {
          if (routed || request.pinned) continue;
          routed = true;
          model = action.model;
          notes.push(`policy '${policy.name}' routed '${request.model}' to '${model}'`);
        } else if (action.type === 'allow-providers') {
          allowed.push(new Set(action.providers));
          notes.push(`policy '${policy.name}' allows only ${action.providers.join(', ')}`);
        } else {
          for (const provider of action.providers) denied.set(provider, policy.name);
          notes.push(`policy '${policy.name}' denies ${action.providers.join(', ')}`);
        }
      }
    }
    // Fill-first combos stay where the last answer came from: remembered when a candidate answers.
    const fillFirst: { combo: string; groups: CandidateGroup[] }[] = [];
    const resolution = resolveRoute(model, {
      catalog: this.options.catalog,
      routing: request.pinned ? undefined : this.options.routing,
      orderGroups: (combo, groups) => {
        if (combo.strategy === 'fill-first') fillFirst.push({ combo: combo.name, groups });
        return orderTargets(
          combo,
          groups,
          {
            firstByteMs: (target) => this.telemetry.firstByteMs(target),
            price: (target) => this.options.priceOf?.(target),
            available: (group) => group.candidates.some((candidate) => this.#hasAvailableAccount(candidate, now)),
            random: this.#random,
          },
          this.#targetCursors,
        );
      },
    });
    // resolveRoute made these arrays for this request alone; without policies or endpoint limits
    // (the everyday request) nothing is filtered out.
    const unusable: UnusableTarget[] = resolution.unusable;
    const filtered = policies.length > 0 || request.unsupported !== undefined;
    let candidates = !filtered
      ? resolution.candidates
      : resolution.candidates.filter((candidate) => {
          const unsupported = request.unsupported?.(candidate);
          if (unsupported !== undefined) {
            unusable.push({ target: candidate.publicModel, reason: unsupported });
            return false;
          }
          const name = candidate.provider.record.name;
          const denier = denied.get(name) ?? (allowed.some((set) => !set.has(name)) ? 'an allow-providers policy' : undefined);
          if (denier) unusable.push({ target: candidate.publicModel, reason: `excluded by ${denied.has(name) ? `policy '${denier}'` : denier}` });
          return denier === undefined;
        });
    if (resolution.candidates.length === 0 && !resolution.viaCombo && model === request.model) {
      const first = resolution.unusable[0];
      if (first && first.target === model && resolution.unusable.length === 1) {
        if (first.reason.startsWith('provider ')) throw new GatewayError({ code: 'unavailable', status: 503, message: `Cannot route '${model}': ${first.reason}.` });
        throw modelNotFound(this.options.catalog, model);
      }
    }
    const { apiKey } = request;
    if (apiKey && !apiKey.allowsModel(request.model)) {
      const permitted = candidates.filter((candidate) => apiKey.allowsModel(candidate.publicModel));
      if (permitted.length === 0 && candidates.length > 0) {
        const publicModel = candidates.length === 1 ? (candidates[0] as RouteCandidate).publicModel : request.model;
        throw new GatewayError({ code: 'forbidden', status: 403, param: 'model', message: `The API key '${apiKey.name}' is not allowed to use the model '${publicModel}'.` });
      }
      candidates = permitted;
    }
    const sticky = request.sessionId ? this.sessions.get(request.sessionId, apiKey?.id ?? null, request.model, now) : undefined;
    const preferredAccount = sticky ? this.#stickyAccount(sticky.target, sticky.accountId, candidates, now) : undefined;
    if (preferredAccount) {
      const index = candidates.findIndex((candidate) => candidate.publicModel === sticky?.target);
      candidates = [candidates[index] as RouteCandidate, ...candidates.slice(0, index), ...candidates.slice(index + 1)];
    }
    const resilience = this.options.resilience();
    return new RoutePlan(
      {
        health: this.health,
        orderAccounts: (candidate) => {
          const accounts = this.#orderAccounts(candidate, resilience);
          if (!preferredAccount || candidate.publicModel !== sticky?.target) return accounts;
          return [preferredAccount, ...accounts.filter((account) => account !== preferredAccount)];
        },
        onAuthFailure: (attempt, error) =>
          this.options.events.emit('account-auth-failed', {
            provider: attempt.candidate.provider.record.name,
            accountId: attempt.account.id,
            status: error.status,
            message: error.message.slice(0, 300),
          }),
        onHealthChange: () => this.#updateStatus(),
        onSuccess: (candidate) => {
          for (const entry of fillFirst) {
            const index = entry.groups.findIndex((group) => group.candidates.includes(candidate));
            if (index !== -1) this.#targetCursors.set(entry.combo, index);
          }
        },
        now: this.#now,
        maxAttempts: resilience.maxAttempts,
      },
      request.model,
      candidates,
      unusable,
      notes,
    );
  }

  /** After a successful answer: its time to first byte for least-latency, its account for the session. */
  completed(attempt: Attempt, request: RouteRequest, timing: { firstByteMs: number }): void {
    this.telemetry.record(attempt.candidate.publicModel, timing.firstByteMs);
    if (request.sessionId) {
      this.sessions.remember(
        { sessionId: request.sessionId, apiKeyId: request.apiKey?.id ?? null, requestedModel: request.model, target: attempt.candidate.publicModel, accountId: attempt.account.id },
        this.#now(),
      );
    }
  }

  /** The first-token timeout for a provider (0: none). */
  firstTokenTimeoutMs(provider: string): number {
    const resilience = this.options.resilience();
    return resilience.providers[provider]?.firstTokenTimeoutMs ?? resilience.firstTokenTimeoutMs;
  }

  /** healthy: every account usable; degraded: some cooling down, open or refused; down: none usable. */
  status(): HealthStatus {
    const now = this.#now();
    let total = 0;
    let usable = 0;
    let troubled = false;
    for (const provider of this.options.catalog.list()) {
      if (!provider.record.enabled) continue;
      for (const account of provider.accounts) {
        total += 1;
        const health = this.health.get(account.id, provider.record.name);
        if (this.health.availability(health, now).available) usable += 1;
        else troubled = true;
        if (health.authFailure) troubled = true;
      }
    }
    if (total > 0 && usable === 0) return 'down';
    return troubled ? 'degraded' : 'healthy';
  }

  /** Clears cooldowns and breakers (all, one provider's, or one account's). */
  reset(filter: { accountId?: string; provider?: string } = {}): number {
    const count = this.health.reset(filter);
    this.#updateStatus();
    return count;
  }

  #updateStatus(): void {
    const status = this.status();
    if (status === this.#status) return;
    this.#status = status;
    this.options.events.emit('health-changed', { status });
  }

  #orderAccounts(candidate: RouteCandidate, resilience: ResilienceSettings): RuntimeAccount[] {
    const provider = candidate.provider.record.name;
    const ordered = orderAccounts({
      strategy: resilience.providers[provider]?.accountStrategy ?? resilience.accountStrategy,
      provider,
      accounts: candidate.provider.accounts,
      health: (account) => this.health.get(account.id, provider),
      cursors: this.#accountCursors,
      random: this.#random,
    });
    // Accounts whose credentials were refused go last: still tried, in case the key was fixed.
    const flagged = ordered.filter((account) => this.health.get(account.id, provider).authFailure !== undefined);
    return flagged.length === 0 ? ordered : [...ordered.filter((account) => !flagged.includes(account)), ...flagged];
  }

  #hasAvailableAccount(candidate: RouteCandidate, now: number): boolean {
    const provider = candidate.provider.record.name;
    return candidate.provider.accounts.some((account) => this.health.availability(this.health.get(account.id, provider), now).available);
  }

  /** The session's account, while it is still a candidate and usable. */
  #stickyAccount(target: string, accountId: string, candidates: RouteCandidate[], now: number): RuntimeAccount | undefined {
    const candidate = candidates.find((entry) => entry.publicModel === target);
    const account = candidate?.provider.accounts.find((entry) => entry.id === accountId);
    if (!candidate || !account) return undefined;
    const health = this.health.get(account.id, candidate.provider.record.name);
    return this.health.availability(health, now).available ? account : undefined;
  }
}

function modelNotFound(catalog: ProviderCatalog, model: string): GatewayError {
  const names = catalog.list().map((provider) => provider.record.name);
  const hint = names.length
    ? `Use 'provider/model' with one of the configured providers: ${names.join(', ')}, or an alias or combo name.`
    : 'No provider is configured yet: add one in OmniRoute (Providers page or POST /api/providers).';
  return new GatewayError({ code: 'model_not_found', status: 404, param: 'model', message: `The model '${model}' does not exist or is not routed. ${hint}` });
}
