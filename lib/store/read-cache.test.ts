import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from '@/lib/testing/sync-harness';
import { freshSchema, TEST_PG_URL } from '@/lib/testing/temp-postgres';
import { pgSql } from './postgres/pg-sql';
import { cachedReads, oneQuestion, postgresVersion, sqliteVersion } from './read-cache';
import { sqliteSql } from './sqlite/sqlite-sql';

let dir: string;
let reader: Database.Database;
let writer: Database.Database;
let ran: string[];
beforeEach(() => {
  dir = tempDir();
  const file = path.join(dir, 'cache.db');
  writer = new Database(file);
  writer.pragma('journal_mode = WAL');
  writer.exec('CREATE TABLE t (k INTEGER PRIMARY KEY, v TEXT NOT NULL); INSERT INTO t VALUES (1, \'a\'), (2, \'b\')');
  reader = new Database(file);
  ran = [];
  const prepare = reader.prepare.bind(reader);
  // Counts the statements the cache lets through to SQLite.
  reader.prepare = ((text: string) => (ran.push(text), prepare(text))) as typeof reader.prepare;
});
afterEach(() => {
  reader.close();
  writer.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const rowsOf = (text: string) => text.startsWith('SELECT k, v');

describe('answers kept until a commit', () => {
  it('keeps an answer asked twice, and answers it from memory from then on; a different question afresh', async () => {
    const sql = cachedReads(sqliteSql(reader), sqliteVersion(reader));
    const ask = (k: number) => sql.arrays('SELECT k, v FROM t WHERE k >= ? ORDER BY k', [k]);
    for (let i = 0; i < 4; i++) expect(await ask(1)).toEqual([[1, 'a'], [2, 'b']]);
    expect(ran.filter(rowsOf)).toHaveLength(2);
    expect(await ask(2)).toEqual([[2, 'b']]);
    expect(ran.filter(rowsOf)).toHaveLength(3);
  });

  it("never answers from before another connection's commit", async () => {
    const sql = cachedReads(sqliteSql(reader), sqliteVersion(reader));
    const count = () => sql.value<number>('SELECT count(*) FROM t');
    expect(await count()).toBe(2);
    expect(await count()).toBe(2); // kept now
    writer.prepare('INSERT INTO t VALUES (3, ?)').run('c');
    expect(await count()).toBe(3);
    const third = () => sql.arrays('SELECT k, v FROM t WHERE k >= ? ORDER BY k', [3]);
    expect(await third()).toEqual([[3, 'c']]);
    expect(await third()).toEqual([[3, 'c']]);
    writer.prepare('UPDATE t SET v = ? WHERE k = 3').run('changed');
    expect(await third()).toEqual([[3, 'changed']]);
  });

  it("never answers from before this connection's own write", async () => {
    const sql = cachedReads(sqliteSql(reader), sqliteVersion(reader));
    expect(await sql.value('SELECT v FROM t WHERE k = ?', [2])).toBe('b');
    expect(await sql.value('SELECT v FROM t WHERE k = ?', [2])).toBe('b'); // kept now
    await sql.run('UPDATE t SET v = ? WHERE k = ?', ['own', 2]);
    expect(await sql.value('SELECT v FROM t WHERE k = ?', [2])).toBe('own');
    expect(await sql.value('SELECT v FROM t WHERE k = ?', [2])).toBe('own');
    reader.prepare('UPDATE t SET v = ? WHERE k = ?').run('direct', 2);
    expect(await sql.value('SELECT v FROM t WHERE k = ?', [2])).toBe('direct');
  });

  it('keeps within its limits: the least recently used answer goes first, a large one is not kept', async () => {
    const sql = cachedReads(sqliteSql(reader), sqliteVersion(reader), { entries: 2, rows: 100, entryRows: 1, values: 2, valueRows: 100 });
    const ask = async (k: number) => {
      await sql.arrays('SELECT k, v FROM t WHERE k = ?', [k]);
      return ran.filter(rowsOf).length;
    };
    for (const k of [1, 1, 2, 2]) await ask(k); // each kept at its second ask
    expect(await ask(1)).toBe(4); // 1 is now the most recently used
    for (const k of [3, 3]) await ask(k); // no row: kept, and 2 goes
    expect(await ask(1)).toBe(6);
    expect(await ask(2)).toBe(7);
    const all = () => sql.arrays('SELECT k, v FROM t ORDER BY k');
    for (let i = 0; i < 3; i++) await all();
    expect(ran.filter(rowsOf)).toHaveLength(10);
  });
});

describe('values a query made of its rows, kept until a commit', () => {
  it('makes a value once while nothing commits, again after a commit, and keeps none made across one', async () => {
    const sql = cachedReads(sqliteSql(reader), sqliteVersion(reader));
    let made = 0;
    const total = () => sql.remember!('total', async () => (made++, (await sql.all('SELECT k FROM t')).length), () => 1);
    expect([await total(), await total(), made]).toEqual([2, 2, 1]);
    writer.prepare('INSERT INTO t VALUES (3, ?)').run('c');
    expect([await total(), await total(), made]).toEqual([3, 3, 2]);
    // A commit while the value is made: it may hold rows from before, and is made afresh next time.
    const across = () =>
      sql.remember!('across', async () => {
        made++;
        const n = (await sql.all('SELECT k FROM t')).length;
        writer.prepare('INSERT INTO t (v) VALUES (?)').run('d');
        return n;
      }, () => 1);
    expect(await across()).toBe(3);
    expect(await across()).toBe(4);
    expect(made).toBe(4);
  });

  it('keeps within its budget: a value larger than all of it is not kept, the least recently used goes first', async () => {
    const sql = cachedReads(sqliteSql(reader), sqliteVersion(reader), { entries: 2, rows: 100, entryRows: 1, values: 2, valueRows: 10 });
    const made: string[] = [];
    const value = (key: string, rows: number) => sql.remember!(key, async () => (made.push(key), rows), (n) => n);
    for (const key of ['big', 'big']) await value(key, 11);
    for (const [key, rows] of [['a', 4], ['b', 4], ['a', 4], ['c', 4], ['a', 4], ['b', 4]] as const) await value(key, rows);
    expect(made).toEqual(['big', 'big', 'a', 'b', 'c', 'b']);
  });

  it('does not count against its budget a value pushed out while it was being made', async () => {
    const sql = cachedReads(sqliteSql(reader), sqliteVersion(reader), { entries: 2, rows: 100, entryRows: 1, values: 1, valueRows: 5 });
    const made: string[] = [];
    let finish = () => {};
    const slow = sql.remember!('slow', () => new Promise<number>((resolve) => (made.push('slow'), (finish = () => resolve(4)))), (n) => n);
    const fast = () => sql.remember!('fast', async () => (made.push('fast'), 4), (n) => n);
    await fast(); // kept, and pushes `slow` out while it is being made
    finish();
    expect(await slow).toBe(4);
    await fast();
    expect(made).toEqual(['slow', 'fast']);
  });
});

describe('answers kept until a commit, on PostgreSQL', () => {
  let schema: Awaited<ReturnType<typeof freshSchema>>;
  let pool: pg.Pool;
  let other: pg.Client;
  let asked: string[];
  let snapshots: number;
  beforeEach(async () => {
    schema = await freshSchema();
    pool = new pg.Pool({ connectionString: TEST_PG_URL, options: `-c search_path=${schema.schema}`, max: 3 });
    other = new pg.Client({ connectionString: TEST_PG_URL, options: `-c search_path=${schema.schema}` });
    await other.connect();
    await other.query("CREATE TABLE t (k integer PRIMARY KEY, v text NOT NULL); INSERT INTO t VALUES (1, 'a'), (2, 'b')");
    asked = [];
    snapshots = 0;
    const query = pool.query.bind(pool) as (...args: unknown[]) => unknown;
    // Counts the questions the cache lets through to the server (its own snapshot reads aside).
    pool.query = ((...args: unknown[]) => {
      const text = typeof args[0] === 'string' ? args[0] : (args[0] as { text: string }).text;
      if (!text.includes('pg_current_snapshot')) asked.push(text);
      else snapshots++;
      return query(...args);
    }) as typeof pool.query;
  });
  afterEach(async () => {
    await other.end();
    await pool.end();
    await schema.drop();
  });

  it('never answers from before a commit on another connection', async () => {
    const sql = cachedReads(pgSql(pool), postgresVersion(pool));
    const count = () => sql.value<number>('SELECT count(*)::int FROM t');
    for (let k = 3; k < 8; k++) {
      expect(await count()).toBe(k - 1);
      expect(await count()).toBe(k - 1);
      await other.query('INSERT INTO t VALUES ($1, $2)', [k, 'x']);
      expect(await count()).toBe(k);
    }
    const second = () => sql.arrays('SELECT k, v FROM t WHERE k = $1', [2]);
    await second();
    await second();
    await other.query('UPDATE t SET v = $1 WHERE k = 2', ['changed']);
    expect(await second()).toEqual([[2, 'changed']]);
  });

  it('answers a question asked again from memory while nothing commits', async () => {
    // Other test files write to this server meanwhile, and any commit on it moves the snapshot:
    // it is enough that some round of three asks in a row found it still.
    const sql = cachedReads(pgSql(pool), postgresVersion(pool));
    let fromMemory = 0;
    for (let round = 0; round < 50 && !fromMemory; round++) {
      const text = `SELECT k, v FROM t WHERE k >= $1 ORDER BY k /* ${round} */`;
      for (let i = 0; i < 3; i++) expect(await sql.arrays(text, [1])).toEqual([[1, 'a'], [2, 'b']]);
      if (asked.filter((t) => t === text).length === 2) fromMemory++;
    }
    expect(fromMemory).toBe(1);
  });

  it('reads the version once a question, whatever the queries it makes; the next question reads it again and sees a commit', async () => {
    const sql = cachedReads(pgSql(pool), postgresVersion(pool));
    const count = () => sql.value<number>('SELECT count(*)::int FROM t');
    await Promise.all([count(), count()]);
    expect(snapshots).toBe(2);
    expect(await oneQuestion(async () => [await count(), await count(), await count()])).toEqual([2, 2, 2]);
    expect(snapshots).toBe(3);
    await other.query("INSERT INTO t VALUES (3, 'c')");
    expect(await oneQuestion(count)).toBe(3);
    expect(snapshots).toBe(4);
  });
});
