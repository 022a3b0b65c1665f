import type { Sql } from './sql';

/** Items per statement: a few hundred subqueries plan quickly on SQLite and stay far below its parameter limit. */
const CHUNK = 200;

/**
 * Runs `select` once per item and hands back each item's rows (as arrays, in the select's column
 * order), in one round trip instead of one per item: /users on PostgreSQL asked three small
 * questions of each of 49 principals, and the 147 round trips were most of its time. `select` may
 * order and limit its own rows.
 *
 * SQLite runs the branches of one UNION ALL. PostgreSQL plans every branch of such a union anew
 * (~0.2 ms each: 8–10 ms of a 40 ms /users on the bench's wide shape), so there the items are rows
 * of unnest()ed arrays, one per parameter, and `select` runs LATERAL, planned once.
 */
export async function unionPer<I, R extends unknown[]>(db: Sql, items: readonly I[], select: string, params: (item: I) => unknown[]): Promise<R[][]> {
  const out: R[][] = items.map(() => []);
  if (!items.length) return out;
  if (db.dialect.name === 'postgres') {
    const columns = transpose(items.map(params));
    let k = 0;
    const lateral = select.replace(/\?/g, () => `p.c${k++}`);
    const sql = `SELECT p.item, b.* FROM unnest(?::int4[]${columns.map((c) => `, ?::${arrayType(c)}`).join('')})
      AS p(item${columns.map((_, i) => `, c${i}`).join('')}) CROSS JOIN LATERAL (${lateral}) b`;
    // A LATERAL subquery is run per outer row, in the order of the arrays: each item's rows come
    // out together and in the select's own order.
    const rows = await db.arrays<[number, ...R]>(sql, [items.map((_, i) => i), ...columns]);
    for (const [item, ...row] of rows) out[item].push(row as unknown as R);
    return out;
  }
  for (let start = 0; start < items.length; start += CHUNK) {
    const chunk = items.slice(start, start + CHUNK);
    const sql = chunk.map((_, i) => `SELECT ${start + i} AS item, b${i}.* FROM (${select}) b${i}`).join('\nUNION ALL\n');
    const rows = await db.arrays<[number, ...R]>(sql, chunk.flatMap(params));
    for (const [item, ...row] of rows) out[item].push(row as unknown as R);
  }
  return out;
}

function transpose(rows: unknown[][]): unknown[][] {
  return (rows[0] ?? []).map((_, i) => rows.map((r) => r[i] ?? null));
}

/** The array type a parameter column is sent as: whole numbers as int8, so that they meet bigint columns' indexes. */
function arrayType(column: unknown[]): string {
  const sample = column.find((v) => v !== null);
  if (typeof sample === 'number') return column.every((v) => v === null || Number.isInteger(v)) ? 'int8[]' : 'float8[]';
  if (typeof sample === 'boolean') return 'bool[]';
  return 'text[]';
}
