import type { ApiKeyEntry } from './api-key-index.js';
import type { RuntimeAccount, RuntimeProvider } from './provider-catalog.js';
import type { RoutingEngine } from './routing/routing-engine.js';

/** Where a side request (token counting, model details) goes: one provider account and its model name. */
export interface Target {
  provider: RuntimeProvider;
  account: RuntimeAccount;
  upstreamModel: string;
  /** `provider/model`, as reported back to the client. */
  publicModel: string;
}

/**
 * The first target routing would try for a model (aliases and combos followed), for requests that
 * are not worth a fallback chain. Throws the same errors as a chat request (404, 403, 503).
 */
export function resolveTarget(engine: RoutingEngine, model: string, apiKey: ApiKeyEntry | undefined): Target {
  const plan = engine.plan({ model, apiKey });
  const candidate = plan.candidates[0];
  const account = candidate?.provider.accounts[0];
  if (!candidate || !account) throw plan.failure();
  return { provider: candidate.provider, account, upstreamModel: candidate.upstreamModel, publicModel: candidate.publicModel };
}
