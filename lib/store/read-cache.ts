import { AsyncLocalStorage } from 'node:async_hooks';
import type Database from 'better-sqlite3';
import type pg from 'pg';
import type { Params, Sql } from './queries/sql';

/**
 * How much a connection keeps: answers, their rows in all, and the largest answer kept; and of the
 * values queries made themselves (`remember`), how many and their rows in all.
 */
export interface ReadCacheLimits {
  entries: number;
  rows: number;
  entryRows: number;
  values: number;
  valueRows: number;
}

// An answer of up to 20k rows: a 24-hour timeline's whole hours are ~280 five-minute buckets of
// up to 60 operations. 400k rows of values: /users' whole days with a source excluded at 1M
// events of the bench's wide shape are 72k principal-source pairs, about 15 MB.
const LIMITS: ReadCacheLimits = { entries: 500, rows: 100_000, entryRows: 20_000, values: 32, valueRows: 400_000 };

/**
 * What changes with every commit to the store: an answer read at one value is the answer while the
 * value is the same. Asked before each question the cache could answer.
 */
export type StoreVersion = () => string | Promise<string>;

/**
 * SQLite says so for free: PRAGMA data_version changes when another connection (the writer
 * thread, a CLI import) has committed, and total_changes() counts this connection's own writes.
 */
export function sqliteVersion(db: Database.Database): StoreVersion {
  const dataVersion = db.prepare('PRAGMA data_version').pluck();
  const ownChanges = db.prepare('SELECT total_changes()').pluck();
  return () => `${dataVersion.get()}:${ownChanges.get()}`;
}

/**
 * PostgreSQL: the server's current snapshot (xmin:xmax:running xids) is the same until a
 * transaction that wrote commits or a new one takes a transaction id, in any database of the
 * server. One round trip (~0.2 ms here) instead of the question. Read-only transactions take no id
 * and leave it as it is; another database's writes move it too, and only cost answers read afresh.
 */
export function postgresVersion(pool: pg.Pool): StoreVersion {
  return async () => (await pool.query<{ s: string }>('SELECT pg_current_snapshot()::text AS s')).rows[0].s;
}

const questions = new AsyncLocalStorage<Map<object, Promise<string>>>();

/**
 * Runs one question of the store (one call of a Store method): every query it makes is answered as
 * of the version read at its first, so the version costs one read a question, not one a query. On
 * PostgreSQL a read is a round trip: an events page made five of its 11 (1M demo events), four of
 * them for its count and span. Its answer is as fresh as the question, as if asked afresh.
 */
export function oneQuestion<T>(ask: () => Promise<T>): Promise<T> {
  return questions.run(new Map(), ask);
}

/**
 * The shared queries' `arrays` and `value` answered again from memory while the store is as it
 * was: until any connection, this one or another, commits (`version`). So an answer can be no
 * older than the last commit, as a query run afresh.
 *
 * What repeats is what the pages ask of the rollups over whole days and hours: an events page's
 * 90-day timeline (4,410 rows of day and operation at 1M wide events, 7–15 ms of the reading
 * thread's ~13 ms a page), its count, /users' operations per day since the window's first whole
 * day. A window's partial edges are read afresh each time (their bounds move with `now`).
 */
export function cachedReads(sql: Sql, version: StoreVersion, limits: ReadCacheLimits = LIMITS): Sql {
  const answers = new Map<string, { value: unknown; rows: number }>();
  // Questions asked once since the last commit. An answer is kept when it is asked a second time:
  // most statements with a window's exact edges in them (a 24-hour timeline's partial hours) are
  // never asked again, and kept, their thousands of rows outlived the young generation for nothing
  // (that timeline at 1M wide events, p95 11 → 25 ms).
  const asked = new Set<string>();
  let rows = 0;
  let seen = '';
  // Values are kept at their first ask: their keys name whole days or hours, which are asked again.
  // Their promises, so that questions asked together (PostgreSQL) compute one.
  const values = new Map<string, { value: Promise<unknown>; rows: number }>();
  let valueRows = 0;

  /** The version now; what was kept under another is dropped. */
  const readVersion = async () => {
    const now = await version();
    if (now !== seen) {
      answers.clear();
      asked.clear();
      values.clear();
      rows = 0;
      valueRows = 0;
      seen = now;
    }
    return now;
  };
  const self = {};
  /** Within a question (`oneQuestion`), the version read at its first query; else the version now. */
  const current = (): Promise<string> => {
    const question = questions.getStore();
    if (!question) return readVersion();
    let at = question.get(self);
    if (!at) question.set(self, (at = readVersion()));
    return at;
  };

  const cached = <T>(run: (text: string, params: Params) => Promise<T>, size: (value: T) => number) =>
    async (text: string, params: Params = []): Promise<T> => {
      const at = await current();
      const key = `${text}\0${JSON.stringify(params)}`;
      const hit = answers.get(key);
      if (hit) {
        answers.delete(key); // the map's order is least recently used first
        answers.set(key, hit);
        return hit.value as T;
      }
      const value = await run(text, params);
      // Asked concurrently (PostgreSQL), another question may have seen a commit meanwhile: an
      // answer read before it is not kept.
      if (at !== seen) return value;
      const n = size(value);
      if (!asked.has(key)) {
        if (asked.size >= limits.entries * 4) asked.clear();
        asked.add(key);
      } else if (n <= limits.entryRows) {
        asked.delete(key);
        answers.set(key, { value, rows: n });
        rows += n;
        while (answers.size > limits.entries || rows > limits.rows) {
          const [oldest, entry] = answers.entries().next().value!;
          answers.delete(oldest);
          rows -= entry.rows;
        }
      }
      return value;
    };

  const remember = async <T>(key: string, compute: () => Promise<T>, size: (value: T) => number): Promise<T> => {
    const at = await current();
    const kept = values.get(key);
    if (kept) {
      values.delete(key);
      values.set(key, kept);
      return kept.value as Promise<T>;
    }
    const value = compute();
    const entry = { value: value as Promise<unknown>, rows: 0 };
    values.set(key, entry);
    const drop = () => {
      if (values.get(key) !== entry) return;
      values.delete(key);
      valueRows -= entry.rows;
    };
    let result: T;
    try {
      result = await value;
    } catch (err) {
      drop();
      throw err;
    }
    // Made from the store as it was at `at`: not kept where a question has since found a commit, nor
    // where another value has pushed it out meanwhile. A commit no question has found yet clears it
    // at the next question's version read, before anything could be answered from it.
    if (seen !== at || values.get(key) !== entry) return result;
    entry.rows = size(result);
    valueRows += entry.rows;
    if (entry.rows > limits.valueRows) drop();
    while (values.size > limits.values || valueRows > limits.valueRows) {
      const [oldest, e] = values.entries().next().value!;
      values.delete(oldest);
      valueRows -= e.rows;
    }
    return result;
  };

  return {
    ...sql,
    remember,
    arrays: cached(sql.arrays, (value) => value.length) as Sql['arrays'],
    value: cached(sql.value, () => 1) as Sql['value'],
  };
}
