// Kills `npm run sync -- --once` with SIGKILL at random points of a backfill, restarts it until it
// finishes, and compares the store with an uninterrupted run: the same events, byte for byte, none
// twice, and a clean `PRAGMA integrity_check`. Prints figures; exits 1 on any difference.
import { spawn } from 'node:child_process';
import path from 'node:path';
import Database from 'better-sqlite3';
import { decodeRaw } from '@/lib/store/raw-codec';
import { RECORD_COLUMNS, RECORD_JOIN, type RecordColumns } from '@/lib/store/queries/rows';
import { startEmulator } from '@/lib/emulator/lookup-events-server';
import { makeRecords } from '@/lib/testing/records';
import { tempDir } from '@/lib/testing/sync-harness';

const EVENTS = Number(process.env.STRESS_EVENTS ?? 3000);
const KILLS = Number(process.env.STRESS_KILLS ?? 12);
const ROOT = path.resolve(__dirname, '..', '..');

function runSync(env: Record<string, string>) {
  const child = spawn(process.execPath, ['--conditions=react-server', '--import', 'tsx', 'scripts/sync.ts', '--once'], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: 'ignore',
  });
  return { child, exited: new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code))) };
}

function snapshot(file: string) {
  const db = new Database(file, { readonly: true });
  // Records are stored compressed (raw-codec): compare what they decode to, the bytes a reader gets.
  const rows = (db.prepare(`SELECT e.event_id, ${RECORD_COLUMNS} FROM events e ${RECORD_JOIN} ORDER BY e.event_id`).all() as ({ event_id: string } & RecordColumns)[]).map(
    (r) => ({ event_id: r.event_id, raw: decodeRaw(r.raw, r.raw_block) }),
  );
  const integrity = db.pragma('integrity_check', { simple: true });
  const distinct = db.prepare('SELECT count(DISTINCT event_id) FROM events').pluck().get() as number;
  db.close();
  return { rows, integrity, distinct };
}

async function main() {
  const emulator = await startEmulator({ tps: 25 });
  emulator.add(makeRecords(EVENTS, { spanMs: 85 * 86_400_000 }));
  const dir = tempDir('packtrail-sigkill-');
  const base = {
    PACKTRAIL_SOURCE: 'aws',
    PACKTRAIL_REGIONS: 'us-west-2',
    PACKTRAIL_EVENT_SOURCES: 'mediapackage.amazonaws.com',
    PACKTRAIL_RATE_LIMIT: '25',
    AWS_ENDPOINT_URL_CLOUDTRAIL: emulator.url,
    AWS_ACCESS_KEY_ID: 'AKIASTRESSSTRESSSTRE',
    AWS_SECRET_ACCESS_KEY: 'stress',
  };
  const reference = path.join(dir, 'reference.db');
  if ((await runSync({ ...base, DATABASE_URL: `file:${reference}` }).exited) !== 0) throw new Error('the uninterrupted run failed');

  const killed = path.join(dir, 'killed.db');
  const pages = Math.ceil(EVENTS / 50);
  let kills = 0;
  for (let attempt = 0; attempt < KILLS * 3 && kills < KILLS; attempt++) {
    emulator.resetStats();
    const run = runSync({ ...base, DATABASE_URL: `file:${killed}` });
    const at = 1 + Math.floor(Math.random() * Math.max(1, pages / KILLS + 2));
    const timer = setInterval(() => {
      if (emulator.stats().served >= at) run.child.kill('SIGKILL');
    }, 5);
    const code = await run.exited;
    clearInterval(timer);
    if (code === null) kills++;
    else if (code === 0) break;
    else throw new Error(`sync exited with ${code}`);
  }
  const final = await runSync({ ...base, DATABASE_URL: `file:${killed}` }).exited;
  const a = snapshot(reference);
  const b = snapshot(killed);
  const same = a.rows.length === b.rows.length && a.rows.every((r, i) => r.event_id === b.rows[i].event_id && r.raw === b.rows[i].raw);
  console.log(JSON.stringify({ events: EVENTS, kills, finalExit: final, reference: a.rows.length, afterKills: b.rows.length, duplicates: b.rows.length - b.distinct, integrity: b.integrity, identical: same }));
  await emulator.close();
  const ok = same && kills >= Math.min(10, KILLS) && final === 0 && b.integrity === 'ok' && b.rows.length === EVENTS;
  console.log(ok ? `PASS: ${kills} SIGKILLs mid-backfill, store identical to an uninterrupted run` : 'FAIL');
  process.exit(ok ? 0 : 1);
}

void main();
