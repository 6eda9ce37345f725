import { hasAdapter, loadAdapter } from '../providers/adapters.js';
import { findPreset } from '../providers/presets.js';
import type { ProviderAdapter } from '../providers/provider-adapter.js';
import { createEndpoint, type UpstreamEndpoint } from '../providers/upstream-endpoint.js';
import { proxyFor, type ProxyConfig } from '../providers/upstream-proxy.js';
import type { SecretStore } from '../secrets/secret-store.js';
import type { ProviderAccountRecord, ProviderRecord } from '../store/types.js';
import type { Store } from '../store/index.js';
import type { Logger } from '../util/logger.js';

export interface RuntimeAccount {
  id: string;
  label: string;
  endpoint: UpstreamEndpoint;
}

export interface RuntimeProvider {
  record: ProviderRecord;
  adapter: ProviderAdapter;
  /** Enabled accounts in priority order. */
  accounts: RuntimeAccount[];
  /** Configured and discovered models, for routing bare model names and `/v1/models`. */
  models: string[];
}

/**
 * The providers as the request path sees them: adapters resolved, URLs parsed and account keys
 * read from the keychain once per reload, so routing never touches SQLite or the keychain.
 * Keys stay inside this process; nothing here is ever serialized.
 */
export class ProviderCatalog {
  private byName = new Map<string, RuntimeProvider>();
  /** Accounts whose stored key reference finds nothing in the secret store (as of the last reload). */
  private keysMissing = new Set<string>();
  private reloading: Promise<void> = Promise.resolve();

  constructor(
    private readonly store: Store,
    private readonly secrets: SecretStore,
    private readonly logger: Logger,
    /** The proxies in effect (settings, else environment), read at each reload. */
    private readonly proxies: () => ProxyConfig = () => ({ https: undefined, http: undefined, noProxy: [] }),
  ) {}

  /** Rebuilds the view; concurrent calls run one after another, and the swap is atomic. */
  reload(): Promise<void> {
    this.reloading = this.reloading.then(() => this.build()).catch((error: unknown) => {
      this.logger.error('could not load providers', { error });
      throw error;
    });
    return this.reloading;
  }

  /** Resolves once the reloads asked for so far are done (failed ones included: they are logged). */
  settled(): Promise<void> {
    return this.reloading.catch(() => undefined);
  }

  get(name: string): RuntimeProvider | undefined {
    return this.byName.get(name);
  }

  list(): RuntimeProvider[] {
    return [...this.byName.values()];
  }

  /** The proxies in effect now (what the last reload used, unless settings changed since). */
  proxyConfig(): ProxyConfig {
    return this.proxies();
  }

  /** The first enabled provider (in creation order) that lists a bare model name. */
  findByModel(model: string): RuntimeProvider | undefined {
    for (const provider of this.byName.values()) {
      if (provider.record.enabled && provider.models.includes(model)) return provider;
    }
    return undefined;
  }

  /**
   * Whether an account names a key the secret store does not have: deleted with its provider before
   * a backup that still names it was restored, or a data directory moved to another machine.
   */
  keyMissing(accountId: string): boolean {
    return this.keysMissing.has(accountId);
  }

  private async build(): Promise<void> {
    const byName = new Map<string, RuntimeProvider>();
    const keysMissing = new Set<string>();
    const proxies = this.proxies();
    for (const record of this.store.providers.list()) {
      if (!hasAdapter(record.family)) {
        this.logger.warn('provider of an unsupported family skipped', { provider: record.name, family: record.family });
        continue;
      }
      const adapter = await loadAdapter(record.family);
      const accounts: RuntimeAccount[] = [];
      for (const account of this.store.accounts.listByProvider(record.id)) {
        if (!account.enabled) continue;
        accounts.push(await this.runtimeAccount(record, account, adapter, keysMissing, proxies));
      }
      const models = [...new Set([...record.models, ...record.discoveredModels])];
      byName.set(record.name, { record, adapter, accounts, models });
    }
    this.byName = byName;
    this.keysMissing = keysMissing;
  }

  private async runtimeAccount(
    record: ProviderRecord,
    account: ProviderAccountRecord,
    adapter: ProviderAdapter,
    keysMissing: Set<string>,
    proxies: ProxyConfig,
  ): Promise<RuntimeAccount> {
    const apiKey = account.secretRef ? await this.secrets.get(account.secretRef) : undefined;
    if (account.secretRef && apiKey === undefined) {
      keysMissing.add(account.id);
      this.logger.warn('account key missing from the secret store', { provider: record.name, account: account.id });
    }
    const headers = { ...findPreset(record.kind)?.headers, ...(apiKey ? adapter.authHeaders(apiKey) : {}) };
    return {
      id: account.id,
      label: account.label,
      endpoint: createEndpoint({ provider: record.name, baseUrl: record.baseUrl, headers, credential: apiKey, proxy: proxyFor(new URL(record.baseUrl), proxies) }),
    };
  }
}
