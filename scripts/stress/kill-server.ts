// Part of `npm run test:stress`: SIGKILL the Next.js server while its background sync writes a
// backfill, then check the store: `PRAGMA integrity_check` is clean, and after a restart the sync
// finishes with exactly the source's events.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { startEmulator } from '@/lib/emulator/lookup-events-server';
import { makeRecords } from '@/lib/testing/records';
import { tempDir } from '@/lib/testing/sync-harness';
import { ROOT, pidListeningOn, waitFor } from './app-server';

const EVENTS = 20_000;
const PORT = Number(process.env.KILL_PORT ?? 3980);

function stored(file: string): { n: number; distinct: number; integrity: unknown } {
  const db = new Database(file, { readonly: true });
  const n = db.prepare('SELECT count(*) FROM events').pluck().get() as number;
  const distinct = db.prepare('SELECT count(DISTINCT event_id) FROM events').pluck().get() as number;
  const integrity = db.pragma('integrity_check', { simple: true });
  db.close();
  return { n, distinct, integrity };
}

async function main() {
  const emulator = await startEmulator({ tps: 25 });
  emulator.add(makeRecords(EVENTS, { spanMs: 85 * 86_400_000 }));
  const dataDir = tempDir('packtrail-kill-server-');
  const env = {
    ...process.env,
    PACKTRAIL_SOURCE: 'aws',
    PACKTRAIL_AUTH: 'off',
    HOSTNAME: '127.0.0.1',
    PACKTRAIL_REGIONS: 'us-west-2',
    PACKTRAIL_EVENT_SOURCES: 'mediapackage.amazonaws.com',
    PACKTRAIL_RATE_LIMIT: '25',
    PACKTRAIL_DATA_DIR: dataDir,
    AWS_ENDPOINT_URL_CLOUDTRAIL: emulator.url,
    AWS_ACCESS_KEY_ID: 'AKIASTRESSSTRESSSTRE',
    AWS_SECRET_ACCESS_KEY: 'stress',
    NEXT_TELEMETRY_DISABLED: '1',
  };
  const start = () => spawn('npm', ['run', 'serve'], { cwd: ROOT, env: { ...env, HOSTNAME: '127.0.0.1', PORT: String(PORT) }, stdio: 'ignore' });
  const db = path.join(dataDir, 'packtrail.db');
  const kills: { afterPages: number; stored: number; integrity: unknown }[] = [];
  for (let i = 0; i < 3; i++) {
    emulator.resetStats();
    start();
    await waitFor(`http://127.0.0.1:${PORT}/api/health`, 120_000);
    const at = 20 + Math.floor(Math.random() * 60);
    while (emulator.stats().served < at) await new Promise((r) => setTimeout(r, 20));
    process.kill(pidListeningOn(PORT), 'SIGKILL');
    await new Promise((r) => setTimeout(r, 500));
    const s = stored(db);
    kills.push({ afterPages: at, stored: s.n, integrity: s.integrity });
  }
  start();
  await waitFor(`http://127.0.0.1:${PORT}/api/health`, 120_000);
  let status: { streams: { job: unknown; watermark: string | null }[] } = { streams: [] };
  for (let i = 0; i < 240 && !(status.streams.length && status.streams.every((s) => s.watermark && !s.job)); i++) {
    await new Promise((r) => setTimeout(r, 500));
    status = (await (await fetch(`http://127.0.0.1:${PORT}/api/sync`)).json()) as typeof status;
  }
  process.kill(pidListeningOn(PORT), 'SIGTERM');
  const final = stored(db);
  await emulator.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
  console.log(JSON.stringify({ events: EVENTS, kills, final }));
  const ok = kills.every((k) => k.integrity === 'ok') && final.integrity === 'ok' && final.n === EVENTS && final.distinct === EVENTS;
  console.log(ok ? 'PASS: server killed mid-sync 3 times; store intact, complete after restart' : 'FAIL');
  process.exit(ok ? 0 : 1);
}

void main();
