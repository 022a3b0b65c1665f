// What the shared queries need of a database: SQL with `?` placeholders, run asynchronously.
// SQLite (better-sqlite3, synchronous, on its own thread) and PostgreSQL (node-postgres) each
// implement it; the queries, their filters, cursors and rollup plans are written once against it.

export type Params = readonly unknown[];

/** What differs between the two engines' SQL where a shared query needs it. */
export interface Dialect {
  readonly name: 'sqlite' | 'postgres';
  /**
   * A table reference with a planner hint: `events e INDEXED BY x` on SQLite, whose planner is
   * steered per query where it chose badly (see the callers); PostgreSQL plans from statistics
   * and takes no hints.
   */
  table(name: string, alias: string, index?: string): string;
  /** A column kept out of index selection (SQLite's unary +); PostgreSQL has no such operator. */
  unindexed(column: string): string;
  /** A join whose order SQLite must keep (CROSS JOIN … ON); an inner join on PostgreSQL. */
  readonly orderedJoin: string;
  /** `column` matches a LIKE pattern (one parameter, `\\` escaping), ASCII case folded: SQLite's LIKE, PostgreSQL's ILIKE. */
  likeText(column: string): string;
  /** The sum of a rollup's counts (`n`, or an expression of it), as a whole number. */
  sumCounts(expr: string): string;
  /** The smaller and the larger of two values: SQLite's two-argument min() and max(), PostgreSQL's least() and greatest(). */
  least(a: string, b: string): string;
  greatest(a: string, b: string): string;
}

export interface Sql {
  readonly dialect: Dialect;
  /** Rows as objects keyed by column name. */
  all<T>(sql: string, params?: Params): Promise<T[]>;
  get<T>(sql: string, params?: Params): Promise<T | undefined>;
  /** The first column of the first row. */
  value<T>(sql: string, params?: Params): Promise<T | undefined>;
  /** The first column of every row. */
  column<T>(sql: string, params?: Params): Promise<T[]>;
  /** Rows as arrays, in column order: cheaper than objects for thousands of rows. Read, never modify them: a connection may hand the same rows to the next caller (read-cache.ts). */
  arrays<T extends unknown[]>(sql: string, params?: Params): Promise<T[]>;
  /** Runs `work` in one transaction (one connection), committed when it resolves, rolled back when it throws. */
  transaction<T>(work: (tx: Sql) => Promise<T>): Promise<T>;
  /** A statement that returns no rows; how many rows it changed. */
  run(sql: string, params?: Params): Promise<number>;
  /** Rows as arrays, handed over one by one without holding them all (a principal's 600k events). */
  each<T extends unknown[]>(sql: string, params: Params, row: (row: T) => void): Promise<void>;
  /**
   * What `compute` made of the store as it is, kept under `key` until the next commit (only on a
   * connection that keeps answers: read-cache.ts). For a query's own sums of many rows, too many to
   * keep as the rows themselves. `rows`: what the value holds, against the connection's budget.
   * Read the value, never modify it: the next caller is handed the same one.
   */
  remember?<T>(key: string, compute: () => Promise<T>, rows: (value: T) => number): Promise<T>;
}

/** `db.remember`'s answer where the connection keeps one, `compute`'s own otherwise. */
export const remembered = <T>(db: Sql, key: string, compute: () => Promise<T>, rows: (value: T) => number): Promise<T> =>
  db.remember ? db.remember(key, compute, rows) : compute();

export const placeholders = (n: number): string => Array.from({ length: n }, () => '?').join(', ');

const preparedNames = new Map<string, string>();
/**
 * Marks a statement that looks a row up by a unique key, whose one plan serves every parameter:
 * PostgreSQL then parses and plans it once per connection (a named statement) instead of on every
 * call. Planning was most of what event by id's two statements cost there: 0.75 → 0.33 ms median on
 * the 1M demo store (SQLite keeps every statement prepared anyway). Not for filtered lists, whose
 * best plan depends on the values (a week or 90 days).
 */
export function prepared(sql: string): string {
  if (!preparedNames.has(sql)) preparedNames.set(sql, `packtrail_${preparedNames.size + 1}`);
  return sql;
}

/** The name `prepared` gave a statement, if it did. */
export const preparedName = (sql: string): string | undefined => preparedNames.get(sql);
