import type { Database } from './database.js';
import { applyPatch } from './apply-patch.js';
import type { ProviderAccountPatch, ProviderAccountRecord } from './types.js';

interface ProviderAccountRow {
  id: string;
  provider_id: string;
  label: string;
  secret_ref: string | null;
  priority: number;
  enabled: number;
  created_at: number;
}

const SELECT = 'SELECT * FROM provider_accounts';
/** Attempt order: lower priority first, then the older account; id makes ties deterministic. */
const ATTEMPT_ORDER = 'ORDER BY priority, created_at, id';

function prepareStatements(database: Database) {
  return {
    listByProvider: database.prepare<[string], ProviderAccountRow>(`${SELECT} WHERE provider_id = ? ${ATTEMPT_ORDER}`),
    listAll: database.prepare<[], ProviderAccountRow>(`${SELECT} ORDER BY provider_id, priority, created_at, id`),
    get: database.prepare<[string], ProviderAccountRow>(`${SELECT} WHERE id = ?`),
    insert: database.prepare<ProviderAccountRow>(
      `INSERT INTO provider_accounts (id, provider_id, label, secret_ref, priority, enabled, created_at)
       VALUES (@id, @provider_id, @label, @secret_ref, @priority, @enabled, @created_at)`,
    ),
    update: database.prepare<ProviderAccountRow>(
      `UPDATE provider_accounts SET label = @label, secret_ref = @secret_ref, priority = @priority, enabled = @enabled
       WHERE id = @id`,
    ),
    delete: database.prepare<[string]>('DELETE FROM provider_accounts WHERE id = ?'),
  };
}

/**
 * The `provider_accounts` table. Rows hold only the secret's name; whoever deletes an account also
 * deletes its secret from the SecretStore (the store cannot, the keychain is async and elsewhere).
 */
export class ProviderAccountsRepo {
  readonly #statements: ReturnType<typeof prepareStatements>;
  readonly #update: (id: string, patch: ProviderAccountPatch) => ProviderAccountRecord | undefined;

  constructor(database: Database) {
    this.#statements = prepareStatements(database);
    this.#update = database.transaction((id: string, patch: ProviderAccountPatch) => {
      const existing = this.get(id);
      if (existing === undefined) return undefined;
      const updated = applyPatch(existing, patch);
      this.#statements.update.run(toRow(updated));
      return updated;
    });
  }

  /** In the order the gateway attempts them. */
  listByProvider(providerId: string): ProviderAccountRecord[] {
    return this.#statements.listByProvider.all(providerId).map(fromRow);
  }

  /** Grouped by provider, each group in attempt order. */
  listAll(): ProviderAccountRecord[] {
    return this.#statements.listAll.all().map(fromRow);
  }

  get(id: string): ProviderAccountRecord | undefined {
    const row = this.#statements.get.get(id);
    return row === undefined ? undefined : fromRow(row);
  }

  /** Throws a SQLite constraint error when the provider does not exist or the id is taken. */
  insert(record: ProviderAccountRecord): void {
    this.#statements.insert.run(toRow(record));
  }

  /** Undefined when there is no such account. An explicit `secretRef: null` makes it keyless. */
  update(id: string, patch: ProviderAccountPatch): ProviderAccountRecord | undefined {
    return this.#update(id, patch);
  }

  delete(id: string): boolean {
    return this.#statements.delete.run(id).changes > 0;
  }
}

function fromRow(row: ProviderAccountRow): ProviderAccountRecord {
  return {
    id: row.id,
    providerId: row.provider_id,
    label: row.label,
    secretRef: row.secret_ref,
    priority: row.priority,
    enabled: row.enabled !== 0,
    createdAt: row.created_at,
  };
}

function toRow(record: ProviderAccountRecord): ProviderAccountRow {
  return {
    id: record.id,
    provider_id: record.providerId,
    label: record.label,
    secret_ref: record.secretRef,
    priority: record.priority,
    enabled: record.enabled ? 1 : 0,
    created_at: record.createdAt,
  };
}
