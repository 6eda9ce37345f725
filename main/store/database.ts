import type BetterSqlite3 from 'better-sqlite3';

/** The connection type every repo takes; named here so callers need not know the driver's namespaces. */
export type Database = BetterSqlite3.Database;
