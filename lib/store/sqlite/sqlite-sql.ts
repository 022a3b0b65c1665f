import type Database from 'better-sqlite3';
import type { Dialect, Params, Sql } from '../queries/sql';

export const SQLITE: Dialect = {
  name: 'sqlite',
  table: (name, alias, index) => `${name} ${alias}${index ? ` INDEXED BY ${index}` : ''}`,
  unindexed: (column) => `+${column}`,
  orderedJoin: 'CROSS JOIN',
  likeText: (column) => `${column} LIKE ? ESCAPE '\\'`,
  sumCounts: (expr) => `sum(${expr})`,
  least: (a, b) => `min(${a}, ${b})`,
  greatest: (a, b) => `max(${a}, ${b})`,
};

/**
 * The shared queries on a better-sqlite3 connection. Each call runs synchronously and returns a
 * settled promise, so a store thread still answers one call whole before it takes the next message.
 */
export function sqliteSql(db: Database.Database): Sql {
  const sql: Sql = {
    dialect: SQLITE,
    all: async <T>(text: string, params: Params = []) => hinted(text, (t) => db.prepare(t).all(...params) as T[]),
    get: async <T>(text: string, params: Params = []) => hinted(text, (t) => db.prepare(t).get(...params) as T | undefined),
    value: async <T>(text: string, params: Params = []) => hinted(text, (t) => db.prepare(t).pluck().get(...params) as T | undefined),
    column: async <T>(text: string, params: Params = []) => hinted(text, (t) => db.prepare(t).pluck().all(...params) as T[]),
    run: async (text: string, params: Params = []) => hinted(text, (t) => db.prepare(t).run(...params).changes),
    // The work's awaits are settled promises, so nothing else runs on this connection meanwhile.
    transaction: async <T>(work: (tx: Sql) => Promise<T>) => {
      db.exec('BEGIN IMMEDIATE');
      try {
        const result = await work(sql);
        db.exec('COMMIT');
        return result;
      } catch (err) {
        if (db.inTransaction) db.exec('ROLLBACK');
        throw err;
      }
    },
    arrays: async <T extends unknown[]>(text: string, params: Params = []) => hinted(text, (t) => db.prepare(t).raw().all(...params) as T[]),
    each: async <T extends unknown[]>(text: string, params: Params, row: (row: T) => void) =>
      // SQLite reports a missing index when the statement is prepared or first stepped: before any row.
      hinted(text, (t) => {
        for (const r of db.prepare(t).raw().iterate(...params) as IterableIterator<T>) row(r);
      }),
  };
  return sql;
}

/**
 * Runs `ask` on the query, and where it names an index that is not there (an import into an empty
 * store builds its filter indexes once it ends: deferred-indexes.ts) on the query without that hint.
 */
function hinted<T>(text: string, ask: (text: string) => T): T {
  try {
    return ask(text);
  } catch (err) {
    const missing = /^no such index: (\S+)$/.exec((err as Error).message)?.[1];
    const hint = ` INDEXED BY ${missing}`;
    if (!missing || !text.includes(hint)) throw err;
    return hinted(text.replaceAll(hint, ''), ask);
  }
}
