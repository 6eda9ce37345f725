import { z } from '../../shared/zod.js';
import { comboStrategies, comboTargetSchema, type ComboStrategy } from '../../shared/routing.js';
import type { Database } from './database.js';
import { applyPatch } from './apply-patch.js';
import { parseJsonAs, toJson } from './json-columns.js';
import type { ComboPatch, ComboRecord } from './routing-types.js';

interface ComboRow {
  id: string;
  name: string;
  strategy: string;
  targets: string;
  enabled: number;
  created_at: number;
  updated_at: number;
}

const targetsSchema = z.array(comboTargetSchema);
const SELECT = 'SELECT * FROM combos';

function prepareStatements(database: Database) {
  return {
    list: database.prepare<[], ComboRow>(`${SELECT} ORDER BY name`),
    get: database.prepare<[string], ComboRow>(`${SELECT} WHERE id = ?`),
    getByName: database.prepare<[string], ComboRow>(`${SELECT} WHERE name = ?`),
    insert: database.prepare<ComboRow>(
      `INSERT INTO combos (id, name, strategy, targets, enabled, created_at, updated_at)
       VALUES (@id, @name, @strategy, @targets, @enabled, @created_at, @updated_at)`,
    ),
    update: database.prepare<ComboRow>(
      `UPDATE combos SET name = @name, strategy = @strategy, targets = @targets, enabled = @enabled, updated_at = @updated_at
       WHERE id = @id`,
    ),
    delete: database.prepare<[string]>('DELETE FROM combos WHERE id = ?'),
  };
}

/** The `combos` table. */
export class CombosRepo {
  readonly #statements: ReturnType<typeof prepareStatements>;
  readonly #now: () => number;
  readonly #update: (id: string, patch: ComboPatch) => ComboRecord | undefined;

  constructor(database: Database, now: () => number = Date.now) {
    this.#statements = prepareStatements(database);
    this.#now = now;
    // Read-modify-write in one transaction so a concurrent writer in another process cannot interleave.
    this.#update = database.transaction((id: string, patch: ComboPatch) => {
      const existing = this.get(id);
      if (existing === undefined) return undefined;
      const updated = { ...applyPatch(existing, patch), updatedAt: this.#now() };
      this.#statements.update.run(toRow(updated));
      return updated;
    });
  }

  /** Ordered by name. */
  list(): ComboRecord[] {
    return this.#statements.list.all().map(fromRow);
  }

  get(id: string): ComboRecord | undefined {
    const row = this.#statements.get.get(id);
    return row === undefined ? undefined : fromRow(row);
  }

  getByName(name: string): ComboRecord | undefined {
    const row = this.#statements.getByName.get(name);
    return row === undefined ? undefined : fromRow(row);
  }

  /** Throws a SQLite constraint error when the id or the name is taken. */
  insert(record: ComboRecord): void {
    this.#statements.insert.run(toRow(record));
  }

  /** Applies the patch and bumps `updatedAt`; undefined when there is no such combo. */
  update(id: string, patch: ComboPatch): ComboRecord | undefined {
    return this.#update(id, patch);
  }

  delete(id: string): boolean {
    return this.#statements.delete.run(id).changes > 0;
  }
}

function fromRow(row: ComboRow): ComboRecord {
  return {
    id: row.id,
    name: row.name,
    strategy: parseStrategy(row.strategy),
    targets: parseJsonAs(targetsSchema, row.targets, 'combos.targets'),
    enabled: row.enabled !== 0,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function toRow(record: ComboRecord): ComboRow {
  return {
    id: record.id,
    name: record.name,
    strategy: record.strategy,
    targets: toJson(record.targets, 'combos.targets'),
    enabled: record.enabled ? 1 : 0,
    created_at: record.createdAt,
    updated_at: record.updatedAt,
  };
}

function parseStrategy(value: string): ComboStrategy {
  if (!(comboStrategies as readonly string[]).includes(value)) throw new Error(`Column combos.strategy holds an unknown strategy '${value}'`);
  return value as ComboStrategy;
}
