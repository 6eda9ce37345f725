import type { Database } from './database.js';
import { applyPatch } from './apply-patch.js';
import { parseStringArray, toJson } from './json-columns.js';
import type { ProviderPatch, ProviderRecord } from './types.js';

interface ProviderRow {
  id: string;
  name: string;
  kind: string;
  family: string;
  base_url: string;
  models: string;
  discovered_models: string;
  hidden_models: string;
  enabled: number;
  created_at: number;
  updated_at: number;
}

const SELECT = 'SELECT * FROM providers';

function prepareStatements(database: Database) {
  return {
    list: database.prepare<[], ProviderRow>(`${SELECT} ORDER BY name`),
    get: database.prepare<[string], ProviderRow>(`${SELECT} WHERE id = ?`),
    getByName: database.prepare<[string], ProviderRow>(`${SELECT} WHERE name = ?`),
    insert: database.prepare<ProviderRow>(
      `INSERT INTO providers (id, name, kind, family, base_url, models, discovered_models, hidden_models, enabled, created_at, updated_at)
       VALUES (@id, @name, @kind, @family, @base_url, @models, @discovered_models, @hidden_models, @enabled, @created_at, @updated_at)`,
    ),
    update: database.prepare<ProviderRow>(
      `UPDATE providers SET name = @name, kind = @kind, family = @family, base_url = @base_url,
         models = @models, discovered_models = @discovered_models, hidden_models = @hidden_models, enabled = @enabled, updated_at = @updated_at
       WHERE id = @id`,
    ),
    delete: database.prepare<[string]>('DELETE FROM providers WHERE id = ?'),
    setDiscoveredModels: database.prepare<[string, string]>('UPDATE providers SET discovered_models = ? WHERE id = ?'),
  };
}

/** The `providers` table. Deleting a provider deletes its accounts (ON DELETE CASCADE). */
export class ProvidersRepo {
  readonly #statements: ReturnType<typeof prepareStatements>;
  readonly #now: () => number;
  readonly #update: (id: string, patch: ProviderPatch) => ProviderRecord | undefined;

  constructor(database: Database, now: () => number = Date.now) {
    this.#statements = prepareStatements(database);
    this.#now = now;
    // Read-modify-write in one transaction so a concurrent writer in another process cannot interleave.
    this.#update = database.transaction((id: string, patch: ProviderPatch) => {
      const existing = this.get(id);
      if (existing === undefined) return undefined;
      const updated = { ...applyPatch(existing, patch), updatedAt: this.#now() };
      this.#statements.update.run(toRow(updated));
      return updated;
    });
  }

  /** Ordered by name, the order the UI and `/v1/models` show them in. */
  list(): ProviderRecord[] {
    return this.#statements.list.all().map(fromRow);
  }

  get(id: string): ProviderRecord | undefined {
    const row = this.#statements.get.get(id);
    return row === undefined ? undefined : fromRow(row);
  }

  getByName(name: string): ProviderRecord | undefined {
    const row = this.#statements.getByName.get(name);
    return row === undefined ? undefined : fromRow(row);
  }

  /** Throws a SQLite constraint error when the id or the name is taken. */
  insert(record: ProviderRecord): void {
    this.#statements.insert.run(toRow(record));
  }

  /** Applies the patch and bumps `updatedAt`; undefined when there is no such provider. */
  update(id: string, patch: ProviderPatch): ProviderRecord | undefined {
    return this.#update(id, patch);
  }

  delete(id: string): boolean {
    return this.#statements.delete.run(id).changes > 0;
  }

  /** Replaces the discovery cache without bumping `updatedAt`: the user changed nothing. */
  setDiscoveredModels(id: string, models: readonly string[]): boolean {
    return this.#statements.setDiscoveredModels.run(toJson(models, 'providers.discovered_models'), id).changes > 0;
  }
}

function fromRow(row: ProviderRow): ProviderRecord {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    family: row.family,
    baseUrl: row.base_url,
    models: parseStringArray(row.models, 'providers.models'),
    discoveredModels: parseStringArray(row.discovered_models, 'providers.discovered_models'),
    hiddenModels: parseStringArray(row.hidden_models, 'providers.hidden_models'),
    enabled: row.enabled !== 0,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function toRow(record: ProviderRecord): ProviderRow {
  return {
    id: record.id,
    name: record.name,
    kind: record.kind,
    family: record.family,
    base_url: record.baseUrl,
    models: toJson(record.models, 'providers.models'),
    discovered_models: toJson(record.discoveredModels, 'providers.discovered_models'),
    hidden_models: toJson(record.hiddenModels, 'providers.hidden_models'),
    enabled: record.enabled ? 1 : 0,
    created_at: record.createdAt,
    updated_at: record.updatedAt,
  };
}
