import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '@/lib/testing/sync-harness';
import { STORE_BACKENDS, openTempStore, type TempStore } from '@/lib/testing/temp-store';
import { unionPer } from './union-per';

describe.each(STORE_BACKENDS)('unionPer on the %s store', (backend) => {
  let dir: string;
  let store: TempStore;
  beforeAll(async () => {
    dir = tempDir();
    store = await openTempStore(backend, dir);
  });
  afterAll(async () => {
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("hands each item its own rows, ordered and limited per item, across statements of 200 items", async () => {
    const items = Array.from({ length: 450 }, (_, i) => `item-${i}`);
    // Three rows per item, newest first, two kept; the 450 items take three statements.
    const select = 'SELECT v FROM (SELECT CAST(? AS text) AS v UNION ALL SELECT CAST(? AS text) UNION ALL SELECT CAST(? AS text)) t ORDER BY v DESC LIMIT 2';
    const rows = await unionPer<string, [string]>(store.sql, items, select, (item) => [`${item}/a`, `${item}/c`, `${item}/b`]);
    expect(rows).toHaveLength(450);
    expect(rows[0]).toEqual([['item-0/c'], ['item-0/b']]);
    expect(rows[449]).toEqual([['item-449/c'], ['item-449/b']]);
    expect(rows.every((r, i) => r.length === 2 && r[0][0] === `item-${i}/c`)).toBe(true);
  });

  it('passes numbers and nulls as each item has them: a limit of its own, a value it may lack', async () => {
    const items = [0, 1, 2, 3, 4, 5];
    const select = "SELECT v FROM (SELECT CAST(? AS text) AS v UNION ALL SELECT CAST(? AS text)) t WHERE v <> coalesce(?, '') ORDER BY v LIMIT ?";
    const rows = await unionPer<number, [string]>(store.sql, items, select, (i) => [`${i}/a`, `${i}/b`, i % 2 ? `${i}/a` : null, i % 3]);
    expect(rows).toEqual([[], [['1/b']], [['2/a'], ['2/b']], [], [['4/a']], [['5/b']]]);
  });

  it('asks nothing for no items', async () => {
    expect(await unionPer(store.sql, [], 'SELECT 1', () => [])).toEqual([]);
  });
});
