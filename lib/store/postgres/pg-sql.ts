import pg from 'pg';
import Cursor from 'pg-cursor';
import { preparedName, type Dialect, type Params, type Sql } from '../queries/sql';

export const POSTGRES: Dialect = {
  name: 'postgres',
  table: (name, alias) => `${name} ${alias}`,
  unindexed: (column) => column,
  orderedJoin: 'JOIN',
  likeText: (column) => `${column} ILIKE ? ESCAPE '\\'`,
  // sum(bigint) adds up in numeric, made and printed for every group: /users' all-time totals
  // (4,745 rows of rollup_principal_op in 2,401 groups, the bench's wide shape) took 12.2-15.5 ms
  // so, and 3.5-4.5 ms as sum(integer), which adds up in bigint. One rollup cell counts one
  // principal's calls of one operation, or one hour's: never near 2^31.
  sumCounts: (expr) => `sum((${expr})::integer)`,
  least: (a, b) => `least(${a}, ${b})`,
  greatest: (a, b) => `greatest(${a}, ${b})`,
};

// Counts and sums come back as int8 and numeric, which node-postgres hands over as strings to keep
// precision; every one of ours (epoch ms, event counts) is far inside 2^53.
const INT8 = 20;
const NUMERIC = 1700;
export const PG_TYPES = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8 || oid === NUMERIC ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

const numbered = new Map<string, string>();
/** The shared queries' `?` placeholders as PostgreSQL's $1, $2, …; none of our SQL has a ? in a literal. */
export function toPg(sql: string): string {
  let text = numbered.get(sql);
  if (text === undefined) {
    let n = 0;
    text = sql.replace(/\?/g, () => `$${++n}`);
    if (numbered.size > 1000) numbered.clear();
    numbered.set(sql, text);
  }
  return text;
}

/** Rows read per round trip when `each` streams a large result through a cursor. */
const CURSOR_ROWS = 5000;

/** Runs `work` in one transaction on one connection: the pool's next, or the client given. */
export async function inTransaction<T>(db: pg.Pool | pg.PoolClient, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const pooled = db instanceof pg.Pool;
  const client = pooled ? await db.connect() : (db as pg.PoolClient);
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => {});
    throw err;
  } finally {
    if (pooled) client.release();
  }
}

/** The shared queries on a pool, or on one client (inside a transaction). */
export function pgSql(db: pg.Pool | pg.PoolClient): Sql {
  const query = async <T>(sql: string, params: Params, rowMode?: 'array'): Promise<T[]> => {
    const name = preparedName(sql);
    const config = { text: toPg(sql), values: params as unknown[], ...(name ? { name } : {}), ...(rowMode ? { rowMode } : {}) } as pg.QueryConfig;
    return (await db.query(config)).rows as T[];
  };
  return {
    dialect: POSTGRES,
    all: <T>(sql: string, params: Params = []) => query<T>(sql, params),
    get: async <T>(sql: string, params: Params = []) => (await query<T>(sql, params))[0],
    value: async <T>(sql: string, params: Params = []) => ((await query<unknown[]>(sql, params, 'array'))[0] as T[] | undefined)?.[0],
    column: async <T>(sql: string, params: Params = []) => (await query<unknown[]>(sql, params, 'array')).map((r) => r[0] as T),
    run: async (sql: string, params: Params = []) => (await db.query({ text: toPg(sql), values: params as unknown[] })).rowCount ?? 0,
    transaction: <T>(work: (tx: Sql) => Promise<T>) => inTransaction(db, (client) => work(pgSql(client))),
    arrays: <T extends unknown[]>(sql: string, params: Params = []) => query<T>(sql, params, 'array'),
    each: async <T extends unknown[]>(sql: string, params: Params, row: (row: T) => void) => {
      const pooled = db instanceof pg.Pool;
      const client = pooled ? await db.connect() : (db as pg.PoolClient);
      try {
        const cursor = client.query(new Cursor<T>(toPg(sql), params as unknown[], { rowMode: 'array' }));
        try {
          for (;;) {
            const rows = await cursor.read(CURSOR_ROWS);
            for (const r of rows) row(r);
            if (rows.length < CURSOR_ROWS) break;
          }
        } finally {
          await cursor.close();
        }
      } finally {
        if (pooled) client.release();
      }
    },
  };
}
