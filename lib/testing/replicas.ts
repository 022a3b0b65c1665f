import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

// Production servers (`next start` on the last build) sharing one PostgreSQL database, for the
// replica e2e spec and the stress run.

export const REPLICA_PG_SERVER = process.env.PACKTRAIL_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432';

export interface Replica {
  /** The access key it signs LookupEvents with: the emulator's byAccessKey says which replica called. */
  key: string;
  base: string;
  child: ChildProcess;
  /** Its name as /api/sync reports `replica` and `leader`. */
  name: string;
}

export async function withDatabase<T>(database: string, work: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: `${REPLICA_PG_SERVER}/${database}` });
  await c.connect();
  try {
    return await work(c);
  } finally {
    await c.end();
  }
}

export async function recreateDatabase(name: string): Promise<string> {
  await withDatabase('postgres', async (c) => {
    await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await c.query(`CREATE DATABASE ${name}`);
  });
  return `${REPLICA_PG_SERVER}/${name}`;
}

export const dropDatabase = (name: string) => withDatabase('postgres', (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => {});

async function waitFor(check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (await check().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
}

export async function startReplica(options: { port: number; key: string; databaseUrl: string; emulatorUrl: string; env?: Record<string, string> }): Promise<Replica> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `packtrail-replica-${options.port}-`));
  // A process group of its own, so SIGKILL reaches the server itself and not only npx.
  const child = spawn('npx', ['next', 'start', '--hostname', '127.0.0.1', '--port', String(options.port)], {
    detached: true,
    stdio: 'ignore',
    env: {
      ...process.env,
      NEXT_TELEMETRY_DISABLED: '1',
      DATABASE_URL: options.databaseUrl,
      PACKTRAIL_DATA_DIR: dataDir,
      PACKTRAIL_SOURCE: 'aws',
      PACKTRAIL_AUTH: 'off',
      HOSTNAME: '127.0.0.1',
      AWS_ENDPOINT_URL_CLOUDTRAIL: options.emulatorUrl,
      AWS_ACCESS_KEY_ID: options.key,
      AWS_SECRET_ACCESS_KEY: 'replica-not-a-secret',
      PACKTRAIL_REGIONS: 'us-west-2',
      PACKTRAIL_EVENT_SOURCES: 'mediapackage.amazonaws.com',
      ...options.env,
    },
  });
  const base = `http://127.0.0.1:${options.port}`;
  await waitFor(async () => (await fetch(`${base}/api/health`)).status === 200, 60_000, `${base}/api/health`);
  const sync = (await (await fetch(`${base}/api/sync`)).json()) as { replica: string };
  return { key: options.key, base, child, name: sync.replica };
}

export function killReplica(r: Replica): void {
  try {
    process.kill(-r.child.pid!, 'SIGKILL');
  } catch {
    // already gone
  }
}

/** Every event once, the rollups counting each once, and exactly these ids. */
export async function storeShape(database: string): Promise<{ n: number; distinct: number; rolled: number; ids: string[] }> {
  return withDatabase(database, async (c) => {
    const { rows } = await c.query('SELECT count(*) AS n, count(DISTINCT event_id) AS d, (SELECT coalesce(sum(n), 0) FROM rollup_hour) AS rolled FROM events');
    const ids = (await c.query('SELECT event_id FROM events ORDER BY event_id')).rows.map((r) => r.event_id as string);
    return { n: Number(rows[0].n), distinct: Number(rows[0].d), rolled: Number(rows[0].rolled), ids };
  });
}
