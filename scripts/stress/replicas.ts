// Part of `npm run test:stress`: three production servers on one PostgreSQL database, reading an
// emulator that fails 20 % of calls (server errors and throttling). The leader is killed with
// SIGKILL mid-backfill, then the next one; the last completes. Checks: only the leader ever calls
// LookupEvents while others live, each takeover comes within two sync intervals, the store ends
// exact (every event once, rollups counting each once), and the replicas answer alike meanwhile.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { startEmulator } from '@/lib/emulator/lookup-events-server';
import { makeRecords } from '@/lib/testing/records';
import { dropDatabase, killReplica, recreateDatabase, startReplica, storeShape, type Replica } from '@/lib/testing/replicas';

const EVENTS = Number(process.env.STRESS_EVENTS ?? 6000);
const PORT = Number(process.env.REPLICAS_PORT ?? 3960);
const INTERVAL_S = 3;
const DB = 'packtrail_stress_replicas';
const ROOT = path.resolve(__dirname, '..', '..');

const json = async (r: Replica, url: string) => (await fetch(`${r.base}${url}`)).json();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function leaderAmong(live: Replica[]): Promise<Replica> {
  for (let i = 0; i < 200; i++) {
    const names = await Promise.all(live.map(async (r) => (await json(r, '/api/sync')).leader as string | null));
    const leader = live.find((r) => r.name === names[0]);
    if (leader && names.every((n) => n === leader.name)) return leader;
    await sleep(100);
  }
  throw new Error('no replica leads');
}

async function main() {
  if (!fs.existsSync(path.join(ROOT, process.env.NEXT_DIST_DIR ?? '.next', 'BUILD_ID')) || process.env.STRESS_BUILD === '1') {
    if (spawnSync('npx', ['next', 'build'], { cwd: ROOT, stdio: 'inherit' }).status !== 0) throw new Error('next build failed');
  }
  const databaseUrl = await recreateDatabase(DB);
  const emulator = await startEmulator({ tps: 50, faultRate: 0.1, throttleRate: 0.1 });
  const records = makeRecords(EVENTS, { spanMs: 85 * 86_400_000 });
  emulator.add(records);
  const keys = ['AKIASTRESSREPLICA000', 'AKIASTRESSREPLICA001', 'AKIASTRESSREPLICA002'];
  const env = { PACKTRAIL_SYNC_INTERVAL: `${INTERVAL_S}s`, PACKTRAIL_RATE_LIMIT: '8' };
  let live: Replica[] = await Promise.all(keys.map((key, i) => startReplica({ port: PORT + i, key, databaseUrl, emulatorUrl: emulator.url, env })));
  const all = [...live];
  const takeovers: number[] = [];
  const problems: string[] = [];
  try {
    for (let kill = 0; kill < 2; kill++) {
      const leader = await leaderAmong(live);
      const callers = Object.keys(emulator.stats().byAccessKey).filter((k) => live.some((r) => r.key === k));
      if (callers.some((k) => k !== leader.key)) problems.push(`while ${leader.key} led, live replicas ${callers.join(', ')} called LookupEvents`);
      // Let the leader read a share of the backfill, then kill it.
      const target = Math.floor(((kill + 1) * EVENTS) / 3);
      for (let i = 0; i < 600 && (await storeShape(DB)).n < target; i++) await sleep(100);
      // Stored events read alike on every live replica (the store moves on meanwhile, so by id).
      const stored = (await storeShape(DB)).ids.filter((_, i) => i % 97 === 0).slice(0, 10);
      for (const id of stored) {
        const answers = await Promise.all(live.map((r) => json(r, `/api/events/${encodeURIComponent(id)}`)));
        if (answers.some((a) => JSON.stringify(a) !== JSON.stringify(answers[0]))) problems.push(`replicas answered /api/events/${id} differently`);
      }
      killReplica(leader);
      const killedAt = Date.now();
      live = live.filter((r) => r !== leader);
      const next = await leaderAmong(live);
      takeovers.push(Date.now() - killedAt);
      if (takeovers.at(-1)! > 2 * INTERVAL_S * 1000) problems.push(`takeover by ${next.name} took ${takeovers.at(-1)} ms`);
    }
    const last = live[0];
    for (let i = 0; i < 1200; i++) {
      const body = await json(last, '/api/sync');
      if (body.streams.every((s: { watermark: string | null; job: unknown }) => s.watermark && !s.job)) break;
      await sleep(500);
    }
    const shape = await storeShape(DB);
    const expected = records.map((r) => r.eventID as string).sort();
    const exact = shape.n === EVENTS && shape.distinct === EVENTS && shape.rolled === EVENTS && shape.ids.join() === expected.join();
    if (!exact) problems.push(`store not exact: ${JSON.stringify({ n: shape.n, distinct: shape.distinct, rolled: shape.rolled })}`);
    const stats = emulator.stats();
    console.log(JSON.stringify({ events: EVENTS, replicas: 3, kills: 2, takeoverMs: takeovers, faults: stats.faults, throttled: stats.throttled, callsByReplica: stats.byAccessKey, exact }));
  } finally {
    all.forEach(killReplica);
    await emulator.close();
    await dropDatabase(DB).catch(() => {});
  }
  console.log(problems.length ? `FAIL: ${problems.join('; ')}` : 'PASS: three replicas, two leaders killed mid-backfill through 20 % faults, one exact store');
  process.exit(problems.length ? 1 : 0);
}

void main();
