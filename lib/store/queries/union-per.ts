import type { Sql } from './sql';

/** Items per statement: a few hundred subqueries plan quickly on both engines and stay far below their parameter limits. */
const CHUNK = 200;

/**
 * Runs `select` once per item as branches of one UNION ALL, and hands back each item's rows (as
 * arrays, in the select's column order). One round trip instead of one per item: /users on
 * PostgreSQL asked three small questions of each of 49 principals, and the 147 round trips were
 * most of its time. `select` may order and limit its own rows; each branch is a derived table.
 */
export async function unionPer<I, R extends unknown[]>(db: Sql, items: readonly I[], select: string, params: (item: I) => unknown[]): Promise<R[][]> {
  const out: R[][] = items.map(() => []);
  for (let start = 0; start < items.length; start += CHUNK) {
    const chunk = items.slice(start, start + CHUNK);
    const sql = chunk.map((_, i) => `SELECT ${start + i} AS item, b${i}.* FROM (${select}) b${i}`).join('\nUNION ALL\n');
    const rows = await db.arrays<[number, ...R]>(sql, chunk.flatMap(params));
    for (const [item, ...row] of rows) out[item].push(row as unknown as R);
  }
  return out;
}
