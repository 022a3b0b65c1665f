import { isPostgresUrl } from './postgres/connection';
import { PostgresStore } from './postgres/pg-store';
import { ThreadedPostgresStore } from './postgres/threaded-pg-store';
import { SqliteStore } from './sqlite/sqlite-store';
import { ThreadedSqliteStore } from './sqlite/threaded-store';
import type { Store } from './types';

/**
 * Opens the store named by a DATABASE_URL: `postgres://…` or `postgresql://…` for PostgreSQL,
 * `file:./data/packtrail.db` (or a plain path) for SQLite.
 * `threaded`: for the web server, the queries on worker threads, off the event loop (SQLite:
 * sqlite/threaded-store.ts; PostgreSQL, whose rows are parsed by the thread that asks:
 * postgres/threaded-pg-store.ts).
 */
export function openStore(databaseUrl: string, options: { threaded?: boolean } = {}): Store {
  if (isPostgresUrl(databaseUrl)) return options.threaded ? new ThreadedPostgresStore(databaseUrl) : new PostgresStore(databaseUrl);
  const file = sqliteFile(databaseUrl);
  if (!file) throw new Error('DATABASE_URL is empty; expected file:./data/packtrail.db or postgres://user@host:5432/db');
  return options.threaded ? new ThreadedSqliteStore(file) : new SqliteStore(file);
}

/** The SQLite file a DATABASE_URL names: `file:PATH`, or the path itself. */
export const sqliteFile = (databaseUrl: string): string => (databaseUrl.startsWith('file:') ? databaseUrl.slice('file:'.length) : databaseUrl);
