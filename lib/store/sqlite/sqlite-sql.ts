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
    all: async <T>(sql: string, params: Params = []) => db.prepare(sql).all(...params) as T[],
    get: async <T>(sql: string, params: Params = []) => db.prepare(sql).get(...params) as T | undefined,
    value: async <T>(sql: string, params: Params = []) => db.prepare(sql).pluck().get(...params) as T | undefined,
    column: async <T>(sql: string, params: Params = []) => db.prepare(sql).pluck().all(...params) as T[],
    run: async (text: string, params: Params = []) => db.prepare(text).run(...params).changes,
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
    arrays: async <T extends unknown[]>(sql: string, params: Params = []) => db.prepare(sql).raw().all(...params) as T[],
    each: async <T extends unknown[]>(sql: string, params: Params, row: (row: T) => void) => {
      for (const r of db.prepare(sql).raw().iterate(...params) as IterableIterator<T>) row(r);
    },
  };
  return sql;
}
