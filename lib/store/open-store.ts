import { SqliteStore } from './sqlite/sqlite-store';
import { ThreadedSqliteStore } from './sqlite/threaded-store';
import type { Store } from './types';

/**
 * Opens the store named by a DATABASE_URL (`file:./data/packtrail.db`, or a plain path).
 * `threaded`: SQLite on a worker thread, for the web server (see threaded-store.ts).
 */
export function openStore(databaseUrl: string, options: { threaded?: boolean } = {}): Store {
  if (/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new Error('DATABASE_URL points at PostgreSQL, which this version does not support yet; use file:./data/packtrail.db');
  }
  const file = databaseUrl.startsWith('file:') ? databaseUrl.slice('file:'.length) : databaseUrl;
  if (!file) throw new Error('DATABASE_URL is empty; expected file:./data/packtrail.db');
  return options.threaded ? new ThreadedSqliteStore(file) : new SqliteStore(file);
}
