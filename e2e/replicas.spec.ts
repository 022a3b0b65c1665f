import { expect, test } from '@playwright/test';
import { startEmulator } from '../lib/emulator/lookup-events-server';
import { makeRecords } from '../lib/testing/records';
import { dropDatabase, killReplica, recreateDatabase, startReplica, storeShape, type Replica } from '../lib/testing/replicas';

// Two production servers on one PostgreSQL database, reading one LookupEvents emulator: both serve,
// one syncs, and when that one is killed with SIGKILL in the middle of its backfill the other takes
// the sync over and completes an exact store. A third started afterwards (a rolling deploy) gives
// the same answers as the survivor.

const PORT = Number(process.env.E2E_PORT ?? 3100) + 300;
const DB = `packtrail_e2e_replicas_${PORT}`;
const EVENTS = 2400;
const INTERVAL_S = 3;
const KEYS = ['AKIAREPLICAAAAAAAAAA', 'AKIAREPLICABBBBBBBBB', 'AKIAREPLICACCCCCCCCC'];

const get = async (r: Replica, url: string) => {
  const res = await fetch(`${r.base}${url}`);
  expect(res.status, url).toBe(200);
  return res.json();
};

test('two replicas on one PostgreSQL database: one syncs, the other takes over after SIGKILL and completes an exact store', async () => {
  test.setTimeout(240_000);
  const databaseUrl = await recreateDatabase(DB);
  const emulator = await startEmulator({ tps: 50 });
  const records = makeRecords(EVENTS, { spanMs: 80 * 86_400_000 });
  emulator.add(records);
  const env = { PACKTRAIL_SYNC_INTERVAL: `${INTERVAL_S}s`, PACKTRAIL_RATE_LIMIT: '4' };
  const replica = (i: number) => startReplica({ port: PORT + i, key: KEYS[i], databaseUrl, emulatorUrl: emulator.url, env });
  const replicas: Replica[] = [];
  try {
    replicas.push(...(await Promise.all([replica(0), replica(1)])));
    const [a, b] = replicas;

    // Both serve; one leads, and both name the same leader.
    await expect.poll(async () => (await get(a, '/api/sync')).leader, { timeout: 30_000 }).not.toBeNull();
    const leaderName = (await get(a, '/api/sync')).leader;
    expect((await get(b, '/api/sync')).leader).toBe(leaderName);
    const leader = replicas.find((r) => r.name === leaderName)!;
    const follower = replicas.find((r) => r !== leader)!;
    expect(leader).toBeTruthy();

    // Mid-backfill: some pages stored, most still to read.
    await expect.poll(async () => (await storeShape(DB)).n, { timeout: 60_000, intervals: [100] }).toBeGreaterThan(300);
    expect((await storeShape(DB)).n).toBeLessThan(EVENTS - 300);
    // The emulator has seen one sync only: every call so far is the leader's.
    expect(Object.keys(emulator.stats().byAccessKey)).toEqual([leader.key]);
    // A sync asked of the follower does not start a second one beside the leader's.
    expect((await fetch(`${follower.base}/api/sync`, { method: 'POST' })).status).toBe(202);
    await new Promise((r) => setTimeout(r, 1000));
    expect(Object.keys(emulator.stats().byAccessKey)).toEqual([leader.key]);

    killReplica(leader);
    const killedAt = Date.now();
    await expect.poll(async () => (await get(follower, '/api/sync')).leader, { timeout: 4 * INTERVAL_S * 1000, intervals: [100] }).toBe(follower.name);
    const takeoverMs = Date.now() - killedAt;
    expect(takeoverMs).toBeLessThan(2 * INTERVAL_S * 1000);
    console.log(`replicas: the follower leads ${takeoverMs} ms after the leader's SIGKILL (sync interval ${INTERVAL_S} s)`);

    // The survivor resumes from the checkpoint and completes: every event once, rollups exact.
    await expect
      .poll(async () => (await get(follower, '/api/sync')).streams.every((s: { watermark: string | null; job: unknown }) => s.watermark && !s.job), {
        timeout: 120_000,
        intervals: [500],
      })
      .toBe(true);
    expect(await storeShape(DB)).toEqual({ n: EVENTS, distinct: EVENTS, rolled: EVENTS, ids: records.map((r) => r.eventID as string).sort() });
    expect(emulator.stats().byAccessKey[follower.key]).toBeGreaterThan(0);

    // A replica started now (a rolling deploy) answers exactly as the survivor does.
    const c = await replica(2);
    replicas.push(c);
    // One fixed window for both: `range=90d` would end at each request's own now.
    const window = `from=${new Date(Date.now() - 90 * 86_400_000).toISOString()}&to=${new Date().toISOString()}`;
    for (const url of [`/api/events?${window}&limit=200`, `/api/users?${window}`, `/api/timeline?${window}`, `/api/events/${encodeURIComponent(records[7].eventID as string)}`]) {
      expect(await get(c, url), url).toEqual(await get(follower, url));
    }
    expect((await get(c, '/api/sync')).leader).toBe(follower.name);
  } finally {
    replicas.forEach(killReplica);
    await emulator.close();
    await dropDatabase(DB).catch(() => {});
  }
});
