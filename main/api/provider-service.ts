import type { ProviderFamily, ProviderValidationDto } from '../../shared/api-types.js';
import { GatewayError, invalidRequest } from '../errors/gateway-error.js';
import { secretNames } from '../gateway/secret-names.js';
import { hasAdapter, loadAdapter } from '../providers/adapters.js';
import { createEndpoint } from '../providers/upstream-endpoint.js';
import { proxyFor } from '../providers/upstream-proxy.js';
import { familyDefaults, findPreset, presets } from '../providers/presets.js';
import type { RouterContext } from '../server/router-context.js';
import { newId } from '../store/index.js';
import { Cancellation } from '../util/cancellation.js';
import type { ProviderRecord } from '../store/types.js';
import { probeModels } from './probe-models.js';
import type { createProviderSchema, updateProviderSchema, createAccountSchema, validateProviderSchema } from './provider-schemas.js';
import type { z } from '../../shared/zod.js';

/**
 * Provider changes that span the keychain and SQLite. The secret is written first and removed
 * again if the database write fails, so SQLite never references a secret that does not exist.
 */
export class ProviderService {
  constructor(private readonly context: RouterContext) {}

  async create(input: z.infer<typeof createProviderSchema>): Promise<ProviderRecord> {
    const { store, catalog } = this.context;
    const { family, baseUrl } = this.resolveNew(input);
    const now = Date.now();
    const record: ProviderRecord = {
      id: newId('prv'),
      name: input.name,
      kind: input.kind,
      family,
      baseUrl,
      models: input.models ?? [],
      discoveredModels: [],
      hiddenModels: [],
      enabled: input.enabled ?? true,
      createdAt: now,
      updatedAt: now,
    };
    const accountId = newId('acc');
    const secretRef = input.apiKey ? secretNames.accountKey(accountId) : null;
    await this.withSecret(secretRef, input.apiKey, () => {
      store.db.transaction(() => {
        // Again, synchronously with the insert: a concurrent create may have taken the name while
        // the keychain write was awaited.
        this.assertNameFree(input.name);
        store.providers.insert(record);
        store.accounts.insert({ id: accountId, providerId: record.id, label: 'default', secretRef, priority: 0, enabled: true, createdAt: now });
      })();
    });
    await catalog.reload();
    return record;
  }

  async update(id: string, input: z.infer<typeof updateProviderSchema>): Promise<ProviderRecord | undefined> {
    const { store, secrets, catalog } = this.context;
    const existing = store.providers.get(id);
    if (!existing) return undefined;
    if (input.name !== undefined && input.name !== existing.name) this.assertNameFree(input.name);
    if (input.apiKey !== undefined) {
      const account = store.accounts.listByProvider(id)[0];
      if (!account) throw invalidRequest('This provider has no account to hold a key; add one first.', 'apiKey');
      const secretRef = secretNames.accountKey(account.id);
      if (input.apiKey === null) {
        await secrets.delete(secretRef);
        store.accounts.update(account.id, { secretRef: null });
      } else {
        await secrets.set(secretRef, input.apiKey);
        store.accounts.update(account.id, { secretRef });
      }
    }
    const { apiKey: _apiKey, ...patch } = input;
    if (patch.baseUrl) patch.baseUrl = patch.baseUrl.replace(/\/+$/, '');
    // Checked again after the keychain awaits, synchronously with the write (see create).
    if (input.name !== undefined && input.name !== existing.name) this.assertNameFree(input.name);
    const updated = store.providers.update(id, patch);
    await catalog.reload();
    // A new key or URL deserves a fresh start: the old one's cooldowns and breakers say nothing about it.
    if (input.apiKey !== undefined || input.baseUrl !== undefined) this.context.engine.reset({ provider: updated?.name ?? existing.name });
    return updated;
  }

  async delete(id: string): Promise<boolean> {
    const { store, secrets, catalog } = this.context;
    const accounts = store.accounts.listByProvider(id);
    if (!store.providers.delete(id)) return false;
    for (const account of accounts) {
      if (account.secretRef) await secrets.delete(account.secretRef);
    }
    await catalog.reload();
    return true;
  }

  async addAccount(providerId: string, input: z.infer<typeof createAccountSchema>): Promise<string> {
    const { store, catalog } = this.context;
    const accountId = newId('acc');
    const secretRef = input.apiKey ? secretNames.accountKey(accountId) : null;
    const existing = store.accounts.listByProvider(providerId);
    await this.withSecret(secretRef, input.apiKey, () => {
      store.accounts.insert({
        id: accountId,
        providerId,
        label: input.label ?? `account ${existing.length + 1}`,
        secretRef,
        priority: input.priority ?? existing.length,
        enabled: true,
        createdAt: Date.now(),
      });
    });
    await catalog.reload();
    return accountId;
  }

  /**
   * Checks a provider as `create` would (kind, family, name free) and, unless `test` is false, asks
   * the upstream for its models with the given key; saves nothing and stores no key. Throws the
   * same 400/409 as `create` for input it would refuse; an upstream that fails is reported in
   * `test`, not thrown.
   */
  async validate(input: z.infer<typeof validateProviderSchema>): Promise<ProviderValidationDto> {
    const { family, baseUrl, preset } = this.resolveNew(input);
    const checked = { valid: true as const, name: input.name, kind: input.kind, family, baseUrl };
    if (input.test === false) return { ...checked, test: null };
    const adapter = await loadAdapter(family);
    const endpoint = createEndpoint({
      provider: input.name,
      baseUrl,
      headers: { ...preset.headers, ...(input.apiKey ? adapter.authHeaders(input.apiKey) : {}) },
      credential: input.apiKey,
      proxy: proxyFor(new URL(baseUrl), this.context.catalog.proxyConfig()),
    });
    return { ...checked, test: await probeModels(() => adapter.listModels({ endpoint, cancellation: Cancellation.timeout(16_000), timeoutMs: 15_000 })) };
  }

  /** What a new provider resolves to: its preset (kind), family and base URL; refuses an unknown kind, an unsupported family and a taken name. */
  private resolveNew(input: { name: string; kind: string; baseUrl?: string | undefined }): { preset: NonNullable<ReturnType<typeof findPreset>>; family: ProviderFamily; baseUrl: string } {
    const preset = findPreset(input.kind);
    // The tables are object literals, so `constructor` or `__proto__` finds an inherited member.
    if (preset?.id !== input.kind) {
      const kinds = [...Object.keys(familyDefaults), ...Object.keys(presets)].join(', ');
      throw invalidRequest(`Unknown kind '${input.kind}'. Use an upstream family or a preset: ${kinds}.`, 'kind');
    }
    if (!hasAdapter(preset.family)) {
      throw invalidRequest(`The '${preset.family}' upstream family is not supported by this version of OmniRoute yet.`, 'kind');
    }
    this.assertNameFree(input.name);
    return { preset, family: preset.family, baseUrl: (input.baseUrl ?? preset.baseUrl).replace(/\/+$/, '') };
  }

  /** Asks the upstream for its models and remembers them for routing and `/v1/models`. */
  async discoverModels(record: ProviderRecord, timeoutMs = 15_000): Promise<string[]> {
    const runtime = this.context.catalog.get(record.name);
    const account = runtime?.accounts[0];
    if (!runtime || !account) {
      throw new GatewayError({ code: 'unavailable', status: 503, provider: record.name, message: `Provider '${record.name}' has no enabled account to ask for models.` });
    }
    const models = await runtime.adapter.listModels({ endpoint: account.endpoint, cancellation: Cancellation.timeout(timeoutMs + 1000), timeoutMs });
    this.context.store.providers.setDiscoveredModels(record.id, models);
    await this.context.catalog.reload();
    return models;
  }

  private assertNameFree(name: string): void {
    if (this.context.store.providers.getByName(name)) {
      throw new GatewayError({ code: 'conflict', status: 409, param: 'name', message: `A provider named '${name}' already exists; names are model prefixes and must be unique.` });
    }
  }

  private async withSecret(secretRef: string | null, value: string | undefined, write: () => void): Promise<void> {
    if (secretRef && value) await this.context.secrets.set(secretRef, value);
    try {
      write();
    } catch (error) {
      if (secretRef) await this.context.secrets.delete(secretRef);
      throw error;
    }
  }
}
