import type { Database } from './database.js';
import type { AliasRecord } from './routing-types.js';

interface AliasRow {
  alias: string;
  model: string;
  created_at: number;
}

function prepareStatements(database: Database) {
  return {
    list: database.prepare<[], AliasRow>('SELECT * FROM model_aliases ORDER BY alias'),
    get: database.prepare<[string], AliasRow>('SELECT * FROM model_aliases WHERE alias = ?'),
    // A replaced alias keeps its creation time: it is the same name, pointed elsewhere.
    upsert: database.prepare<AliasRow>(
      `INSERT INTO model_aliases (alias, model, created_at) VALUES (@alias, @model, @created_at)
       ON CONFLICT (alias) DO UPDATE SET model = excluded.model`,
    ),
    delete: database.prepare<[string]>('DELETE FROM model_aliases WHERE alias = ?'),
  };
}

/** The `model_aliases` table: plain aliases and `prefix/*` wildcard routes, keyed by alias. */
export class ModelAliasesRepo {
  readonly #statements: ReturnType<typeof prepareStatements>;

  constructor(database: Database) {
    this.#statements = prepareStatements(database);
  }

  /** Ordered by alias. */
  list(): AliasRecord[] {
    return this.#statements.list.all().map(fromRow);
  }

  get(alias: string): AliasRecord | undefined {
    const row = this.#statements.get.get(alias);
    return row === undefined ? undefined : fromRow(row);
  }

  /** Creates the alias or points an existing one at `record.model`; true when it was created. */
  upsert(record: AliasRecord): boolean {
    const created = this.get(record.alias) === undefined;
    this.#statements.upsert.run({ alias: record.alias, model: record.model, created_at: record.createdAt });
    return created;
  }

  delete(alias: string): boolean {
    return this.#statements.delete.run(alias).changes > 0;
  }
}

function fromRow(row: AliasRow): AliasRecord {
  return { alias: row.alias, model: row.model, createdAt: row.created_at };
}
