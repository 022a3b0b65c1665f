import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import pg from 'pg';
import { startEmulator, type LookupEventsEmulator } from '../lib/emulator/lookup-events-server';
import { makeRecords } from '../lib/testing/records';

// Two production servers on one PostgreSQL database, reading one LookupEvents emulator: both serve,
// one syncs, and when that one is killed with SIGKILL in the middle of its backfill the other takes
// the sync over and completes an exact store. A third started afterwards (a rolling deploy) gives
// the same answers as the survivor.

const PORT = Number(process.env.E2E_PORT ?? 3100) + 300;
const PG_SERVER = process.env.PACKTRAIL_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432';
const DB = `packtrail_e2e_replicas_${PORT}`;
const DATABASE_URL = `${PG_SERVER}/${DB}`;
const EVENTS = 2400;
const INTERVAL_S = 3;
const KEYS = ['AKIAREPLICAAAAAAAAAA', 'AKIAREPLICABBBBBBBBB', 'AKIAREPLICACCCCCCCCC'];

interface Replica {
  key: string;
  base: string;
  child: ChildProcess;
  name: string;
}

async function admin<T>(database: string, work: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: `${PG_SERVER}/${database}` });
  await c.connect();
  try {
    return await work(c);
  } finally {
    await c.end();
  }
}

async function startReplica(i: number, emulator: LookupEventsEmulator): Promise<Replica> {
  const port = PORT + i;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `packtrail-replica-${i}-`));
  // A process group of its own, so SIGKILL reaches the server itself and not only npx.
  const child = spawn('npx', ['next', 'start', '--hostname', '127.0.0.1', '--port', String(port)], {
    detached: true,
    stdio: 'ignore',
    env: {
      ...process.env,
      NEXT_TELEMETRY_DISABLED: '1',
      DATABASE_URL,
      PACKTRAIL_DATA_DIR: dataDir,
      PACKTRAIL_SOURCE: 'aws',
      PACKTRAIL_AUTH: 'off',
      HOSTNAME: '127.0.0.1',
      AWS_ENDPOINT_URL_CLOUDTRAIL: emulator.url,
      AWS_ACCESS_KEY_ID: KEYS[i],
      AWS_SECRET_ACCESS_KEY: 'replica-not-a-secret',
      PACKTRAIL_REGIONS: 'us-west-2',
      PACKTRAIL_EVENT_SOURCES: 'mediapackage.amazonaws.com',
      PACKTRAIL_SYNC_INTERVAL: `${INTERVAL_S}s`,
      PACKTRAIL_RATE_LIMIT: '4',
    },
  });
  const base = `http://127.0.0.1:${port}`;
  await expect.poll(async () => (await fetch(`${base}/api/health`).catch(() => null))?.status ?? 0, { timeout: 60_000, intervals: [250] }).toBe(200);
  const sync = await (await fetch(`${base}/api/sync`)).json();
  return { key: KEYS[i], base, child, name: sync.replica };
}

function kill(r: Replica): void {
  try {
    process.kill(-r.child.pid!, 'SIGKILL');
  } catch {
    // already gone
  }
}

const get = async (r: Replica, url: string) => {
  const res = await fetch(`${r.base}${url}`);
  expect(res.status, url).toBe(200);
  return res.json();
};

test('two replicas on one PostgreSQL database: one syncs, the other takes over after SIGKILL and completes an exact store', async () => {
  test.setTimeout(240_000);
  await admin('postgres', async (c) => {
    await c.query(`DROP DATABASE IF EXISTS ${DB} WITH (FORCE)`);
    await c.query(`CREATE DATABASE ${DB}`);
  });
  const emulator = await startEmulator({ tps: 50 });
  const records = makeRecords(EVENTS, { spanMs: 80 * 86_400_000 });
  emulator.add(records);
  const replicas: Replica[] = [];
  try {
    replicas.push(...(await Promise.all([startReplica(0, emulator), startReplica(1, emulator)])));
    const [a, b] = replicas;

    // Both serve; one leads, and both name the same leader.
    await expect.poll(async () => (await get(a, '/api/sync')).leader, { timeout: 30_000 }).not.toBeNull();
    const leaderName = (await get(a, '/api/sync')).leader;
    expect((await get(b, '/api/sync')).leader).toBe(leaderName);
    const leader = replicas.find((r) => r.name === leaderName)!;
    const follower = replicas.find((r) => r !== leader)!;
    expect(leader).toBeTruthy();

    // Mid-backfill: some pages stored, most still to read.
    const stored = () => admin(DB, async (c) => Number((await c.query('SELECT count(*) AS n FROM events')).rows[0].n));
    await expect.poll(stored, { timeout: 60_000, intervals: [100] }).toBeGreaterThan(300);
    expect(await stored()).toBeLessThan(EVENTS - 300);
    // The emulator has seen one sync only: every call so far is the leader's.
    expect(Object.keys(emulator.stats().byAccessKey)).toEqual([leader.key]);
    // A sync asked of the follower does not start a second one beside the leader's.
    const asked = await fetch(`${follower.base}/api/sync`, { method: 'POST' });
    expect(asked.status).toBe(202);
    await new Promise((r) => setTimeout(r, 1000));
    expect(Object.keys(emulator.stats().byAccessKey)).toEqual([leader.key]);

    kill(leader);
    const killedAt = Date.now();
    await expect.poll(async () => (await get(follower, '/api/sync')).leader, { timeout: 4 * INTERVAL_S * 1000, intervals: [100] }).toBe(follower.name);
    const takeoverMs = Date.now() - killedAt;
    expect(takeoverMs).toBeLessThan(2 * INTERVAL_S * 1000);
    console.log(`replicas: takeover ${takeoverMs} ms after SIGKILL (sync interval ${INTERVAL_S} s)`);

    // The survivor resumes from the checkpoint and completes: every event once, rollups exact.
    await expect
      .poll(
        async () => {
          const body = await get(follower, '/api/sync');
          return body.streams.every((s: { watermark: string | null; job: unknown }) => s.watermark && !s.job);
        },
        { timeout: 120_000, intervals: [500] },
      )
      .toBe(true);
    const exact = await admin(DB, async (c) => {
      const { rows } = await c.query('SELECT count(*) AS n, count(DISTINCT event_id) AS d, (SELECT sum(n) FROM rollup_hour) AS rolled FROM events');
      const ids = (await c.query('SELECT event_id FROM events ORDER BY event_id')).rows.map((r) => r.event_id);
      return { n: Number(rows[0].n), d: Number(rows[0].d), rolled: Number(rows[0].rolled), ids };
    });
    expect(exact).toEqual({ n: EVENTS, d: EVENTS, rolled: EVENTS, ids: records.map((r) => r.eventID as string).sort() });
    expect(emulator.stats().byAccessKey[follower.key]).toBeGreaterThan(0);

    // A replica started now (a rolling deploy) answers exactly as the survivor does.
    const c = await startReplica(2, emulator);
    replicas.push(c);
    for (const url of ['/api/events?range=90d&limit=200', '/api/users?range=90d', '/api/timeline?range=90d', `/api/events/${encodeURIComponent(records[7].eventID as string)}`]) {
      expect(await get(c, url), url).toEqual(await get(follower, url));
    }
    expect((await get(c, '/api/sync')).leader).toBe(follower.name);
  } finally {
    replicas.forEach(kill);
    await emulator.close();
    await admin('postgres', (c) => c.query(`DROP DATABASE IF EXISTS ${DB} WITH (FORCE)`)).catch(() => {});
  }
});
