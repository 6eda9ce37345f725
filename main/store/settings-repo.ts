import type { Database } from './database.js';
import { parseJson, toJson } from './json-columns.js';

interface SettingRow {
  key: string;
  value: string;
}

function prepareStatements(database: Database) {
  return {
    getAll: database.prepare<[], SettingRow>('SELECT key, value FROM settings ORDER BY key'),
    get: database.prepare<[string], SettingRow>('SELECT key, value FROM settings WHERE key = ?'),
    upsert: database.prepare<[string, string, number]>(
      `INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)
       ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
    ),
  };
}

/**
 * The `settings` table: a key-value store of JSON values. Which keys exist and their defaults belong
 * to the settings API; this repo only persists them.
 */
export class SettingsRepo {
  readonly #statements: ReturnType<typeof prepareStatements>;
  readonly #now: () => number;
  readonly #setMany: (entries: Record<string, unknown>) => void;

  constructor(database: Database, now: () => number = Date.now) {
    this.#statements = prepareStatements(database);
    this.#now = now;
    // All or nothing, so a settings form saved at once is never half applied.
    this.#setMany = database.transaction((entries: Record<string, unknown>) => {
      for (const [key, value] of Object.entries(entries)) this.set(key, value);
    });
  }

  /** Every stored setting. `Object.fromEntries` defines own properties, so a `__proto__` key is inert. */
  getAll(): Record<string, unknown> {
    return Object.fromEntries(
      this.#statements.getAll.all().map((row) => [row.key, parseJson(row.value, `settings.${row.key}`)]),
    );
  }

  /** Undefined when the setting was never stored. */
  get(key: string): unknown {
    const row = this.#statements.get.get(key);
    return row === undefined ? undefined : parseJson(row.value, `settings.${key}`);
  }

  /** Throws a TypeError for values JSON cannot represent, such as undefined. */
  set(key: string, value: unknown): void {
    this.#statements.upsert.run(key, toJson(value, `settings.${key}`), this.#now());
  }

  setMany(entries: Record<string, unknown>): void {
    this.#setMany(entries);
  }
}
