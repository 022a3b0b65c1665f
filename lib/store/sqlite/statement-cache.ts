import type Database from 'better-sqlite3';

const LIMIT = 256;

/**
 * Makes db.prepare() reuse compiled statements. Each statement holds native SQLite memory that
 * V8 cannot see, so preparing on every request let the server's RSS climb under load until a
 * late GC (measured: 361 → 739 MB in 60 s at 50 clients). Statements are reset to plain mode
 * when handed out again, because pluck() and raw() are sticky.
 */
export function cacheStatements(db: Database.Database): void {
  const cache = new Map<string, Database.Statement>();
  const prepare = db.prepare.bind(db);
  db.prepare = ((sql: string) => {
    let statement = cache.get(sql);
    if (statement && !statement.busy) {
      cache.delete(sql); // re-insert: the map's order is least recently used first
      cache.set(sql, statement);
      if (statement.reader) statement.pluck(false).raw(false).expand(false);
      return statement;
    }
    // A statement still iterating elsewhere (an export in progress) is not shared; a fresh one is.
    statement = prepare(sql);
    if (!cache.has(sql)) {
      cache.set(sql, statement);
      if (cache.size > LIMIT) cache.delete(cache.keys().next().value!);
    }
    return statement;
  }) as typeof db.prepare;
}
