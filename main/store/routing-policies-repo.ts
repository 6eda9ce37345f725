import { policyActionSchema, policyMatchSchema } from '../../shared/routing.js';
import type { Database } from './database.js';
import { applyPatch } from './apply-patch.js';
import { parseJsonAs, toJson } from './json-columns.js';
import type { PolicyPatch, PolicyRecord } from './routing-types.js';

interface PolicyRow {
  id: string;
  name: string;
  enabled: number;
  priority: number;
  match: string;
  action: string;
  created_at: number;
  updated_at: number;
}

const SELECT = 'SELECT * FROM routing_policies';
/** Evaluation order: lower priority first, then the older policy; id makes ties deterministic. */
const EVALUATION_ORDER = 'ORDER BY priority, created_at, id';

function prepareStatements(database: Database) {
  return {
    list: database.prepare<[], PolicyRow>(`${SELECT} ${EVALUATION_ORDER}`),
    get: database.prepare<[string], PolicyRow>(`${SELECT} WHERE id = ?`),
    insert: database.prepare<PolicyRow>(
      `INSERT INTO routing_policies (id, name, enabled, priority, match, action, created_at, updated_at)
       VALUES (@id, @name, @enabled, @priority, @match, @action, @created_at, @updated_at)`,
    ),
    update: database.prepare<PolicyRow>(
      `UPDATE routing_policies SET name = @name, enabled = @enabled, priority = @priority, match = @match, action = @action,
         updated_at = @updated_at
       WHERE id = @id`,
    ),
    delete: database.prepare<[string]>('DELETE FROM routing_policies WHERE id = ?'),
  };
}

/** The `routing_policies` table. */
export class RoutingPoliciesRepo {
  readonly #statements: ReturnType<typeof prepareStatements>;
  readonly #now: () => number;
  readonly #update: (id: string, patch: PolicyPatch) => PolicyRecord | undefined;

  constructor(database: Database, now: () => number = Date.now) {
    this.#statements = prepareStatements(database);
    this.#now = now;
    this.#update = database.transaction((id: string, patch: PolicyPatch) => {
      const existing = this.get(id);
      if (existing === undefined) return undefined;
      const updated = { ...applyPatch(existing, patch), updatedAt: this.#now() };
      this.#statements.update.run(toRow(updated));
      return updated;
    });
  }

  /** In evaluation order, disabled ones included. */
  list(): PolicyRecord[] {
    return this.#statements.list.all().map(fromRow);
  }

  get(id: string): PolicyRecord | undefined {
    const row = this.#statements.get.get(id);
    return row === undefined ? undefined : fromRow(row);
  }

  /** Throws a SQLite constraint error when the id is taken. */
  insert(record: PolicyRecord): void {
    this.#statements.insert.run(toRow(record));
  }

  /** Applies the patch and bumps `updatedAt`; undefined when there is no such policy. */
  update(id: string, patch: PolicyPatch): PolicyRecord | undefined {
    return this.#update(id, patch);
  }

  delete(id: string): boolean {
    return this.#statements.delete.run(id).changes > 0;
  }
}

function fromRow(row: PolicyRow): PolicyRecord {
  return {
    id: row.id,
    name: row.name,
    enabled: row.enabled !== 0,
    priority: row.priority,
    match: parseJsonAs(policyMatchSchema, row.match, 'routing_policies.match'),
    action: parseJsonAs(policyActionSchema, row.action, 'routing_policies.action'),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function toRow(record: PolicyRecord): PolicyRow {
  return {
    id: record.id,
    name: record.name,
    enabled: record.enabled ? 1 : 0,
    priority: record.priority,
    match: toJson(record.match, 'routing_policies.match'),
    action: toJson(record.action, 'routing_policies.action'),
    created_at: record.createdAt,
    updated_at: record.updatedAt,
  };
}
