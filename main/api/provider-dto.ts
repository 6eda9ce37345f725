import type { ProviderDto, ProviderFamily } from '../../shared/api-types.js';
import type { ProviderCatalog } from '../gateway/provider-catalog.js';
import type { Store } from '../store/index.js';
import type { ProviderRecord } from '../store/types.js';

/**
 * The API's view of a provider: references to secrets become `hasApiKey`, never values; false also
 * when the reference finds no key in the secret store (see ProviderCatalog.keyMissing).
 */
export function toProviderDto(store: Store, catalog: ProviderCatalog, record: ProviderRecord): ProviderDto {
  return {
    id: record.id,
    name: record.name,
    kind: record.kind,
    family: record.family as ProviderFamily,
    baseUrl: record.baseUrl,
    models: record.models,
    discoveredModels: record.discoveredModels,
    hiddenModels: record.hiddenModels,
    enabled: record.enabled,
    accounts: store.accounts.listByProvider(record.id).map((account) => ({
      id: account.id,
      label: account.label,
      hasApiKey: account.secretRef !== null && !catalog.keyMissing(account.id),
      priority: account.priority,
      enabled: account.enabled,
      createdAt: new Date(account.createdAt).toISOString(),
    })),
    createdAt: new Date(record.createdAt).toISOString(),
    updatedAt: new Date(record.updatedAt).toISOString(),
  };
}
