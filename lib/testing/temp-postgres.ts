import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { PostgresStore } from '@/lib/store/postgres/pg-store';

// Tests use the machine's PostgreSQL for real: a database of their own, and a fresh schema in it
// per test, dropped afterwards. PACKTRAIL_TEST_PG names another server.

export const TEST_PG_SERVER = process.env.PACKTRAIL_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432';
export const TEST_PG_DATABASE = 'packtrail_test';
export const TEST_PG_URL = `${TEST_PG_SERVER}/${TEST_PG_DATABASE}`;

let created: Promise<void> | null = null;

/** Creates the test database once per process; another test process creating it at once is fine. */
export function ensureTestDatabase(): Promise<void> {
  created ??= (async () => {
    const admin = new pg.Client({ connectionString: `${TEST_PG_SERVER}/postgres` });
    await admin.connect();
    try {
      const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [TEST_PG_DATABASE]);
      if (!rowCount) await admin.query(`CREATE DATABASE ${TEST_PG_DATABASE}`).catch((err: { code?: string }) => {
        if (err.code !== '42P04' && err.code !== '23505') throw err; // created meanwhile by another test process
      });
    } finally {
      await admin.end();
    }
  })();
  return created;
}

/** A new empty schema in the test database; `drop` removes it and all it holds. */
export async function freshSchema(): Promise<{ schema: string; drop(): Promise<void> }> {
  await ensureTestDatabase();
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: TEST_PG_URL });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  await admin.end();
  return {
    schema,
    drop: async () => {
      const c = new pg.Client({ connectionString: TEST_PG_URL });
      await c.connect();
      await c.query(`DROP SCHEMA ${schema} CASCADE`);
      await c.end();
    },
  };
}

/**
 * A database of its own, for a test that needs no other session in its database: VACUUM marks a
 * page all-visible only when no transaction in the same database could still see older rows, and
 * the other test files' schemas share packtrail_test.
 */
export async function freshDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `packtrail_t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: `${TEST_PG_SERVER}/postgres` });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  return {
    url: `${TEST_PG_SERVER}/${name}`,
    drop: async () => {
      const c = new pg.Client({ connectionString: `${TEST_PG_SERVER}/postgres` });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

/** A PostgresStore on a fresh schema, migrated; closing it drops the schema. */
export async function openTempPostgresStore(): Promise<PostgresStore> {
  const { schema, drop } = await freshSchema();
  const store = new PostgresStore(TEST_PG_URL, { schema, poolSize: 4 });
  await store.ready;
  const close = store.close.bind(store);
  store.close = async () => {
    await close();
    await drop();
  };
  return store;
}
