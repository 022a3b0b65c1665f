import pg from 'pg';
import { PG_TYPES } from './pg-sql';

// DATABASE_URL=postgres://… (or postgresql://) as node-postgres reads it: sslmode and the other
// libpq parameters in the URL, and the standard PG* variables (PGHOST, PGUSER, PGPASSWORD,
// PGSSLMODE, …) for whatever the URL leaves out.

export interface PgOptions {
  /** The schema the store lives in (tests use one per file); `public` by default. */
  schema?: string;
  /** Connections in the pool; PACKTRAIL_DB_POOL_SIZE, else 10. */
  poolSize?: number;
  /** The page queries' answers kept until a commit (read-cache.ts): the server's reading thread. */
  cacheReads?: boolean;
}

export const isPostgresUrl = (url: string) => /^postgres(ql)?:\/\//i.test(url);

export function poolSizeFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.PACKTRAIL_DB_POOL_SIZE;
  if (raw === undefined || raw === '') return 10;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 2 || n > 200) throw new Error(`PACKTRAIL_DB_POOL_SIZE is ${JSON.stringify(raw)}; expected a whole number from 2 to 200`);
  return n;
}

export function poolConfig(url: string, options: PgOptions = {}): pg.PoolConfig {
  if (options.schema !== undefined && !/^[a-z_][a-z0-9_]{0,62}$/.test(options.schema)) throw new Error(`not a schema name: ${options.schema}`);
  return {
    connectionString: url,
    max: options.poolSize ?? poolSizeFromEnv(),
    types: PG_TYPES,
    application_name: 'packtrail',
    connectionTimeoutMillis: 10_000,
    idleTimeoutMillis: 30_000,
    // JIT off: the store's statements are lookups, pages and inserts of staged batches, which a
    // compile never pays back. The staging tables have no statistics, so a batch's insert was
    // estimated at 22 million rows and compiled with every optimisation on each run: 579 ms of a
    // 2.5 s insert of 50,000 events (EXPLAIN ANALYZE, the 1M demo trail).
    options: ['-c jit=off', ...(options.schema ? [`-c search_path=${options.schema}`] : [])].join(' '),
  };
}

/** Where the URL points, for messages: host, port, database and user, never the password. */
export function describeTarget(url: string): string {
  try {
    const u = new URL(url);
    const host = u.hostname || process.env.PGHOST || 'localhost';
    const port = u.port || process.env.PGPORT || '5432';
    const db = decodeURIComponent(u.pathname.slice(1)) || process.env.PGDATABASE || decodeURIComponent(u.username) || process.env.PGUSER || '(default)';
    const user = decodeURIComponent(u.username) || process.env.PGUSER || '(default)';
    return `database "${db}" on ${host}:${port} as user "${user}"`;
  } catch {
    return 'the PostgreSQL server in DATABASE_URL';
  }
}

/**
 * A sentence for why the store could not be reached, instead of a driver's stack trace. The
 * message never carries the URL itself, which may hold a password.
 */
export function explainPgError(err: unknown, url: string): Error {
  const e = err as { code?: string; message?: string };
  const where = describeTarget(url);
  const reason = (() => {
    switch (e.code) {
      case 'ECONNREFUSED':
        return `nothing answers at ${where}: is PostgreSQL running and listening there?`;
      case 'ENOTFOUND':
      case 'EAI_AGAIN':
        return `the host of ${where} does not resolve`;
      case 'ETIMEDOUT':
        return `${where} did not answer in time (a firewall or security group?)`;
      case '28P01':
        return `password authentication failed for ${where}`;
      case '28000':
        // "role … does not exist", "no pg_hba.conf entry …": the server's own words hold no secret.
        return `the server refused ${where}: ${(e.message ?? '').slice(0, 200)} (a user it does not know, pg_hba.conf, or TLS required: add ?sslmode=require)`;
      case '3D000':
        return `${where}: the database does not exist; create it (createdb) or fix DATABASE_URL`;
      case '42501':
        return `${where}: permission denied (${(e.message ?? '').slice(0, 200)}); the user needs to create tables in its schema`;
      default:
        if (/self[- ]signed|certificate/i.test(e.message ?? '')) return `TLS to ${where} failed: ${e.message}; check sslmode and the server's certificate`;
        if (/does not support SSL|SSL off/i.test(e.message ?? '')) return `${where} does not accept TLS; drop sslmode from DATABASE_URL`;
        return null;
    }
  })();
  if (reason === null) return err instanceof Error ? err : new Error(String(err));
  const out = new Error(`PostgreSQL store: ${reason}`) as Error & { code?: string };
  out.code = e.code;
  return out;
}
