import { GatewayError } from '../errors/gateway-error.js';
import type { ApiKeyEntry } from './api-key-index.js';
import type { ProviderCatalog, RuntimeAccount, RuntimeProvider } from './provider-catalog.js';

/** Where one request goes: a provider account and the model name the upstream knows. */
export interface Target {
  provider: RuntimeProvider;
  account: RuntimeAccount;
  upstreamModel: string;
  /** `provider/model`, as reported back to the client. */
  publicModel: string;
}

/**
 * Resolves a client's `model`: `provider/model` routes to that provider (the rest, slashes and
 * all, is the upstream's model name); a bare name routes to the first provider that lists it.
 */
export function resolveTarget(catalog: ProviderCatalog, model: string, apiKey: ApiKeyEntry | undefined): Target {
  const slash = model.indexOf('/');
  let provider = slash > 0 ? catalog.get(model.slice(0, slash)) : undefined;
  let upstreamModel = provider ? model.slice(slash + 1) : model;
  if (!provider) {
    provider = catalog.findByModel(model);
    upstreamModel = model;
  }
  if (!provider || !upstreamModel) throw modelNotFound(catalog, model);
  const publicModel = `${provider.record.name}/${upstreamModel}`;
  if (apiKey && !apiKey.allowsModel(publicModel)) {
    throw new GatewayError({
      code: 'forbidden',
      status: 403,
      param: 'model',
      message: `The API key '${apiKey.name}' is not allowed to use the model '${publicModel}'.`,
    });
  }
  if (!provider.record.enabled) {
    throw new GatewayError({ code: 'unavailable', status: 503, provider: provider.record.name, message: `Provider '${provider.record.name}' is disabled.` });
  }
  const account = provider.accounts[0];
  if (!account) {
    throw new GatewayError({
      code: 'unavailable',
      status: 503,
      provider: provider.record.name,
      message: `Provider '${provider.record.name}' has no enabled account. Add an API key to it in OmniRoute.`,
    });
  }
  return { provider, account, upstreamModel, publicModel };
}

function modelNotFound(catalog: ProviderCatalog, model: string): GatewayError {
  const names = catalog.list().map((provider) => provider.record.name);
  const hint = names.length
    ? `Use 'provider/model' with one of the configured providers: ${names.join(', ')}.`
    : 'No provider is configured yet: add one in OmniRoute (Providers page or POST /api/providers).';
  return new GatewayError({ code: 'model_not_found', status: 404, param: 'model', message: `The model '${model}' does not exist or is not routed. ${hint}` });
}
