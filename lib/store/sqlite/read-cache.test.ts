import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from '@/lib/testing/sync-harness';
import { cachedReads } from './read-cache';
import { sqliteSql } from './sqlite-sql';

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
  it('answers a repeated question from memory, a different one afresh', async () => {
    const sql = cachedReads(reader, sqliteSql(reader));
    expect(await sql.arrays('SELECT k, v FROM t WHERE k >= ? ORDER BY k', [1])).toEqual([[1, 'a'], [2, 'b']]);
    expect(await sql.arrays('SELECT k, v FROM t WHERE k >= ? ORDER BY k', [1])).toEqual([[1, 'a'], [2, 'b']]);
    expect(await sql.arrays('SELECT k, v FROM t WHERE k >= ? ORDER BY k', [2])).toEqual([[2, 'b']]);
    expect(ran.filter(rowsOf)).toHaveLength(2);
  });

  it("never answers from before another connection's commit", async () => {
    const sql = cachedReads(reader, sqliteSql(reader));
    const count = () => sql.value<number>('SELECT count(*) FROM t');
    expect(await count()).toBe(2);
    writer.prepare('INSERT INTO t VALUES (3, ?)').run('c');
    expect(await count()).toBe(3);
    expect(await sql.arrays('SELECT k, v FROM t WHERE k >= ? ORDER BY k', [3])).toEqual([[3, 'c']]);
    writer.prepare('UPDATE t SET v = ? WHERE k = 3').run('changed');
    expect(await sql.arrays('SELECT k, v FROM t WHERE k >= ? ORDER BY k', [3])).toEqual([[3, 'changed']]);
  });

  it("never answers from before this connection's own write", async () => {
    const sql = cachedReads(reader, sqliteSql(reader));
    expect(await sql.value('SELECT v FROM t WHERE k = ?', [2])).toBe('b');
    await sql.run('UPDATE t SET v = ? WHERE k = ?', ['own', 2]);
    expect(await sql.value('SELECT v FROM t WHERE k = ?', [2])).toBe('own');
    reader.prepare('UPDATE t SET v = ? WHERE k = ?').run('direct', 2);
    expect(await sql.value('SELECT v FROM t WHERE k = ?', [2])).toBe('direct');
  });

  it('keeps within its limits: the least recently used answer goes first, a large one is not kept', async () => {
    const sql = cachedReads(reader, sqliteSql(reader), { entries: 2, rows: 100, entryRows: 1 });
    const ask = (k: number) => sql.arrays('SELECT k, v FROM t WHERE k = ?', [k]);
    await ask(1);
    await ask(2);
    await ask(1); // 1 is now the most recently used
    await ask(3); // no row: kept, and 2 goes
    await ask(1);
    expect(ran.filter(rowsOf)).toHaveLength(3);
    await ask(2);
    expect(ran.filter(rowsOf)).toHaveLength(4);
    const all = () => sql.arrays('SELECT k, v FROM t ORDER BY k');
    await all();
    await all();
    expect(ran.filter(rowsOf)).toHaveLength(6);
  });
});
