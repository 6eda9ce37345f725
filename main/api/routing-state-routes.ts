import { Router } from 'express';
import { z } from '../../shared/zod.js';
import { validateBody } from '../formats/decode-json.js';
import type { RuntimeAccount, RuntimeProvider } from '../gateway/provider-catalog.js';
import type { AccountHealth } from '../gateway/routing/account-health.js';
import type { RouterContext } from '../server/router-context.js';

const availabilitySchema = z.strictObject({ model: z.string().check(z.trim(), z.minLength(1), z.maxLength(256)) });
const startedAt = Date.now();

/**
 * Live routing state: `/api/rate-limits` (every account's cooldown, breaker and flags),
 * `/api/monitoring/health`, `/api/models/availability`, `/api/sessions`.
 */
export function routingStateRoutes(context: RouterContext): Router {
  const router = Router();
  const { engine, catalog } = context;

  const accountView = (provider: RuntimeProvider, account: RuntimeAccount, now: number) => {
    const health = engine.health.get(account.id, provider.record.name);
    const availability = engine.health.availability(health, now);
    return {
      provider: provider.record.name,
      accountId: account.id,
      label: account.label,
      state: stateOf(health, availability.available, now),
      available: availability.available,
      ...(availability.available ? {} : { reason: availability.reason, availableAt: new Date(availability.until).toISOString() }),
      breaker: health.breaker,
      consecutiveFailures: health.consecutiveFailures,
      requests: health.requests,
      failures: health.failures,
      ...(health.authFailure ? { authFailure: { ...health.authFailure, at: new Date(health.authFailure.at).toISOString() } } : {}),
      ...(health.lastError ? { lastError: { ...health.lastError, at: new Date(health.lastError.at).toISOString() } } : {}),
    };
  };

  router.get('/rate-limits', (_req, res) => {
    const now = Date.now();
    res.json({ accounts: catalog.list().flatMap((provider) => provider.accounts.map((account) => accountView(provider, account, now))) });
  });

  router.get('/monitoring/health', (_req, res) => {
    const now = Date.now();
    res.json({
      status: engine.status(),
      uptimeSeconds: Math.round((now - startedAt) / 1000),
      inFlight: context.inFlight.size,
      providers: catalog.list().map((provider) => {
        const accounts = provider.accounts.map((account) => accountView(provider, account, now));
        return {
          name: provider.record.name,
          enabled: provider.record.enabled,
          accounts: accounts.length,
          availableAccounts: accounts.filter((account) => account.available).length,
          openBreakers: accounts.filter((account) => account.breaker !== 'closed').length,
        };
      }),
    });
  });

  const availabilityOf = (model: string, apiKey: undefined) => {
    const now = Date.now();
    const plan = engine.plan({ model, apiKey });
    const targets = plan.candidates.flatMap((candidate) =>
      candidate.provider.accounts.map((account) => {
        const view = accountView(candidate.provider, account, now);
        return { target: candidate.publicModel, account: account.label, accountId: account.id, available: view.available, state: view.state, ...(view.reason ? { reason: view.reason, availableAt: view.availableAt } : {}) };
      }),
    );
    return {
      model,
      available: targets.some((target) => target.available),
      targets,
      ...(plan.unusable.length > 0 ? { unusable: plan.unusable } : {}),
    };
  };

  router.get('/models/availability', (_req, res) => {
    const models = [
      ...catalog.list().flatMap((provider) => provider.models.map((model) => `${provider.record.name}/${model}`)),
      ...context.routing.combos().map((combo) => combo.name),
    ];
    res.json({ models: models.map((model) => availabilityOf(model, undefined)) });
  });
  router.post('/models/availability', (req, res) => {
    res.json(availabilityOf(validateBody(availabilitySchema, req.body).model, undefined));
  });

  router.get('/sessions', (_req, res) => {
    const now = Date.now();
    res.json({
      data: engine.sessions.list(now).map((session) => ({
        sessionId: session.sessionId,
        apiKeyId: session.apiKeyId,
        requestedModel: session.requestedModel,
        target: session.target,
        accountId: session.accountId,
        requests: session.requests,
        createdAt: new Date(session.createdAt).toISOString(),
        lastUsedAt: new Date(session.lastUsedAt).toISOString(),
        expiresAt: new Date(session.lastUsedAt + context.settings.current.resilience.stickySessionTtlMs).toISOString(),
      })),
    });
  });
  router.delete('/sessions', (_req, res) => {
    engine.sessions.clear();
    res.status(204).end();
  });
  return router;
}

function stateOf(health: AccountHealth, available: boolean, now: number): string {
  if (health.cooldownUntil > now) return 'cooling-down';
  if (health.breaker === 'open') return available ? 'half-open' : 'breaker-open';
  if (health.breaker === 'half-open') return 'half-open';
  if (health.authFailure) return 'auth-failed';
  return 'available';
}
