// `npm run bench -- [--shape demo|wide|noisy|all] [--events 1000000]`: for each shape of trail
// (scripts/bench-shapes.ts), a deterministic history of ≥ 1,000,000 MediaPackage events over about
// 90 days is written as trail log files and imported by Packtrail and, just before and just after
// it, by DuckDB (the peer: scripts/bench-duckdb.ts), in the same run; then the production build
// serves the store and is measured over HTTP. Prints every figure, a table with a column per
// shape, and exits 1 if a target is missed on any shape.
//
// DATABASE_URL=postgres://… benchmarks the PostgreSQL store instead: a database of the bench's own
// per shape on that server (BENCH_PG_DB, default packtrail_bench, suffixed with the shape).
// BENCH_DIR=DIR keeps the stores; with BENCH_REUSE=1 the next run measures them again without
// generating or importing.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { emptyFilter } from '@/lib/filters/schema';
import { importLogFiles } from '@/lib/import/import-records';
import { walkLocal } from '@/lib/import/walk-files';
import { isPostgresUrl } from '@/lib/store/postgres/connection';
import { openStore } from '@/lib/store/open-store';
import { tempDir } from '@/lib/testing/sync-harness';
import { ROOT, pidListeningOn, rssMb, signIn, waitFor } from './stress/app-server';
import { firstLoadJsKb, runConcurrent, timeRequests } from './bench-http';
import { duckdbImport } from './bench-duckdb';
import { settlePostgres } from './bench-cpu';
import { benchServerEnv } from './bench-server-env';
import { ALL_SOURCES, SHAPES, writeShapeTrail, type Shape } from './bench-shapes';

const { values: args } = parseArgs({ options: { shape: { type: 'string', default: 'all' }, events: { type: 'string', default: '1000000' } } });
const PORT = Number(process.env.BENCH_PORT ?? 3970);

/**
 * The filters each shape is asked with. The demo and noisy shapes hold the demo generator's calls
 * (office ranges 203.0.113.0/24 and 198.51.100.0/24, AWS Internal); the wide one's sources are
 * 6,000 addresses, a fiftieth of them within AWS, so its "not the usual" view excludes all of IPv4.
 * The principal is the shape's busiest, read from /api/users.
 */
const ASKED: Record<Shape, { cidr: string; q: string; notUsual: string }> = {
  demo: { cidr: '203.0.113.0/24', q: 'sports-hd-hls', notUsual: 'notIp=203.0.113.0%2F24&notIp=198.51.100.0%2F24&notIp=AWS%20Internal' },
  noisy: { cidr: '203.0.113.0/24', q: 'sports-hd-hls', notUsual: 'notIp=203.0.113.0%2F24&notIp=198.51.100.0%2F24&notIp=AWS%20Internal' },
  wide: { cidr: '10.0.0.0/8', q: 'res-42', notUsual: 'notIp=0.0.0.0%2F0&notIp=AWS%20Internal' },
};

/**
 * A fixed piece of CPU work, median of 7 runs after a warm-up, in ms. The same code on this shared
 * machine ran 1.45× slower in one hour than in the hour before; every figure is printed beside this
 * one, taken before each import and again before the HTTP measurements, to compare runs by.
 */
function cpuYardstickMs(): number {
  const runs = Array.from({ length: 8 }, () => {
    const t = performance.now();
    let x = 0;
    for (let i = 0; i < 2e7; i++) x = (x + i * i) % 1_000_003;
    if (x < 0) console.log(x); // keeps the loop from being optimised away
    return performance.now() - t;
  });
  // The first run is partly unoptimised code.
  return Math.round(runs.slice(1).sort((a, b) => a - b)[3]);
}

interface Target {
  name: string;
  value: string;
  ok: boolean;
}

async function benchShape(shape: Shape, dir: string, events: number, pgServer: URL | null): Promise<{ figures: Record<string, unknown>; targets: Target[] }> {
  const dataDir = path.join(dir, 'data');
  const trail = path.join(dir, 'trail');
  const pgDb = `${process.env.BENCH_PG_DB ?? 'packtrail_bench'}_${shape}`;
  const databaseUrl = pgServer ? Object.assign(new URL(pgServer.href), { pathname: `/${pgDb}` }).href : `file:${dataDir}/packtrail.db`;
  const figures: Record<string, unknown> = { store: pgServer ? `PostgreSQL (${pgServer.host}/${pgDb})` : 'SQLite' };
  const yardstick = [cpuYardstickMs()];
  figures.cpuYardstickMs = yardstick;
  const targets: Target[] = [];
  const target = (name: string, value: number | string, ok: boolean) => targets.push({ name, value: String(value), ok });

  const reuse = process.env.BENCH_REUSE === '1' && (pgServer ? true : fs.existsSync(path.join(dataDir, 'packtrail.db')));
  if (pgServer && !reuse) {
    const admin = new pg.Client({ connectionString: Object.assign(new URL(pgServer.href), { pathname: '/postgres' }).href });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${pgDb} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${pgDb}`);
    await admin.end();
  }
  let added: number;
  if (!reuse) {
    // A fresh store: an earlier run's left in BENCH_DIR would make this import add nothing.
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dataDir, { recursive: true });
    let t = performance.now();
    const files = writeShapeTrail(trail, shape, Date.now(), events);
    figures.generate = { files, seconds: Number(((performance.now() - t) / 1000).toFixed(1)) };
    // DuckDB on the same files just before Packtrail and just after: the ratio is to the mean of the
    // two, so a machine that speeds up or slows down during the run moves both sides alike. One
    // DuckDB run after ours was the yardstick before, and it moved by half between stops (demo
    // 21-35 s, noisy 104-183 s) where ours moved by a fifth.
    const duckRun = async () => {
      const duckDir = fs.mkdtempSync(path.join(dir, 'duck-'));
      const run = await duckdbImport(trail, duckDir);
      fs.rmSync(duckDir, { recursive: true, force: true });
      return run;
    };
    const duckBefore = await duckRun();
    const store = openStore(databaseUrl);
    t = performance.now();
    const summary = await importLogFiles(walkLocal([trail]), { store, eventSources: ALL_SOURCES });
    const seconds = (performance.now() - t) / 1000;
    await store.close();
    added = summary.added;
    // On PostgreSQL the server goes on working after the import (at stop 56, DuckDB's run after it
    // took 44.0 s against 34.0 before): it settles first, and how long that took is printed.
    const settle = pgServer ? await settlePostgres(databaseUrl) : null;
    const duckAfter = await duckRun();
    const duck = { events: duckAfter.events, mb: duckAfter.mb, seconds: (duckBefore.seconds + duckAfter.seconds) / 2 };
    fs.rmSync(trail, { recursive: true, force: true });
    const mb = (await storeBytes(databaseUrl, dataDir)) / 2 ** 20;
    figures.import = { events: added, seconds: round(seconds), eventsPerSecond: Math.round(added / seconds), duckdbEvents: duck.events, duckdbSeconds: round(duck.seconds), duckdbRuns: [round(duckBefore.seconds), round(duckAfter.seconds)], ...(settle && { postgresSettled: { checkpointSeconds: settle.checkpointSeconds === null ? null : round(settle.checkpointSeconds), quietSeconds: round(settle.quietSeconds) } }) };
    figures.storeMb = { packtrail: Math.round(mb), duckdb: Math.round(duck.mb) };
    target('import time ×DuckDB ≤ 1.5', `${(seconds / duck.seconds).toFixed(2)} (${round(seconds)} / ${round(duck.seconds)} s; DuckDB ${round(duckBefore.seconds)} before, ${round(duckAfter.seconds)} after${settle ? `, once the server had settled: checkpoint ${settle.checkpointSeconds === null ? 'not allowed' : `${round(settle.checkpointSeconds)} s`}, quiet after ${round(settle.quietSeconds)} s` : ''})`, seconds / duck.seconds <= 1.5);
    target('store size ×DuckDB ≤ 2', `${(mb / duck.mb).toFixed(2)} (${Math.round(mb)} / ${Math.round(duck.mb)} MB)`, mb / duck.mb <= 2);
    target('import ≥ 50,000 events/s', Math.round(added / seconds), added / seconds >= 50_000);
  } else {
    const store = openStore(databaseUrl);
    added = await store.countEvents(emptyFilter);
    await store.close();
    figures.import = { events: added, reused: true };
  }
  target(`≥ ${events.toLocaleString('en')} events`, added, added >= events);

  // The server runs with `npm run serve`'s own V8 flags, not the import's (package.json).
  const { NODE_OPTIONS: _importFlags, ...parentEnv } = process.env;
  const env = benchServerEnv(dataDir, databaseUrl, parentEnv);
  const server = spawn('npm', ['run', 'serve'], { cwd: ROOT, env: { ...env, HOSTNAME: '127.0.0.1', PORT: String(PORT) }, stdio: 'ignore' });
  const base = `http://127.0.0.1:${PORT}`;
  try {
    await waitFor(`${base}/api/health`, 120_000);
    const cookie = await signIn(base);
    yardstick.push(cpuYardstickMs());
    const pid = pidListeningOn(PORT);
    let peak = 0;
    const sampler = setInterval(() => (peak = Math.max(peak, rssMb(pid))), 200);
    const get = async (p: string) => (await fetch(`${base}${p}`, { headers: { cookie } })).json();
    const [sample] = (await get('/api/events?limit=1&op=UpdateOriginEndpoint')).events;
    const [busiest] = (await get('/api/users?range=90d')).users;
    const asked = ASKED[shape];
    const q = (p: string) => timeRequests(`${base}${p}`, cookie);
    const lists = {
      'events, no filter': await q('/api/events'),
      'events by operation': await q('/api/events?op=UpdateOriginEndpoint'),
      'events by CIDR': await q(`/api/events?ip=${encodeURIComponent(asked.cidr)}`),
      'events by principal': await q(`/api/events?user=${encodeURIComponent(busiest.principal)}`),
      'events, four filters': await q('/api/events?op=DescribeChannel&region=us-west-2&readOnly=true&range=30d'),
      'events, free text': await q(`/api/events?q=${encodeURIComponent(asked.q)}`),
      // Exclusions (issue 18): what is left when the usual sources are excluded is the needle a
      // reviewer looks for.
      'events, not the usual sources': await q(`/api/events?${asked.notUsual}`),
      'events, not the polling': await q('/api/events?notOp=DescribeChannel&notOp=ListOriginEndpoints'),
    };
    const charts = {
      'timeline 90 days': await q('/api/timeline?range=90d'),
      'timeline 24 h': await q('/api/timeline?range=24h'),
      'timeline 90 days, not the usual sources': await q(`/api/timeline?range=90d&${asked.notUsual}`),
      'timeline 24 h, not the usual sources': await q(`/api/timeline?range=24h&${asked.notUsual}`),
      'users, 90 days': await q('/api/users?range=90d'),
      // Windows that start in the middle of the history: the 90 days above hold all of it.
      'users, 30 days': await q('/api/users?range=30d'),
      'users, 7 days': await q('/api/users?range=7d'),
      'users, not the usual sources': await q(`/api/users?range=90d&${asked.notUsual}`),
    };
    // The floor under event by id: a route that does nothing (no session, no store), on the same
    // server in the same run (issue 17: ≤ 5 ms, or within 1 ms of this).
    const empty = await q('/api/health');
    const byId = await q(`/api/events/${sample.eventId}`);
    // No target; the page an update opens on (what changed, related events) is printed so a slow
    // plan shows here: its previous-snapshot lookup once took 130–300 ms per view.
    const updatePage = await q(`/events/${sample.eventId}`);
    await runConcurrent(`${base}/events`, cookie, 4, 5_000); // warm-up, not counted
    // The first 20 s of this load are often slower than the next: a server started afresh served
    // fewer pages in its first 10-20 s in two runs of three (1M demo events, SQLite, pages per
    // second in 5-s windows after a 5-s warm-up: 103, 108, 104, then 108-133; 72, 96, 106, then
    // 97-119; once 103, 101, 90, then 96-117). The target is the server as it runs from then on;
    // the first 20 s are printed beside it, which also shows how far this shared machine moves
    // the figure within a minute.
    const firstSeconds = await runConcurrent(`${base}/events`, cookie, 20, 20_000);
    const page = await runConcurrent(`${base}/events`, cookie, 20, 20_000);
    const js = await firstLoadJsKb(`${base}/events`, cookie);
    clearInterval(sampler);
    Object.assign(figures, { queries: { ...lists, ...charts, 'empty route (/api/health)': empty, 'event by id': byId, 'event page of an update': updatePage }, eventsPage20Clients: page, eventsPage20ClientsFirst20s: firstSeconds, serverPeakRssMb: Math.round(peak), eventsPageFirstLoadJs: js });
    for (const [name, r] of Object.entries(lists)) target(`${name} p95 ≤ 25 ms`, r.p95, r.p95 <= 25);
    // Issue 17 asks 25 ms of the users list and the 24-hour timeline; the rest keep issue 1's 50.
    for (const [name, r] of Object.entries(charts)) {
      const limit = name === 'timeline 24 h' || (name.startsWith('users, ') && !name.includes('not the usual')) ? 25 : 50;
      target(`${name} p95 ≤ ${limit} ms`, r.p95, r.p95 <= limit);
    }
    target(`event by id p95 ≤ 5 ms, or ≤ 1 ms over the empty route's`, `${byId.p95} (empty ${empty.p95})`, byId.p95 <= Math.max(5, empty.p95 + 1));
    target('events page p95 ≤ 300 ms at 20 clients', `${page.p95} (p50 ${page.p50}; first 20 s of the load ${firstSeconds.p95})`, page.p95 <= 300 && page.errors === 0);
    target('server RSS ≤ 512 MB', Math.round(peak), peak <= 512);
    target('events page first-load JS ≤ 250 kB gzip', js.gzipKb, js.gzipBytes <= 250 * 1024);
  } finally {
    server.kill('SIGTERM');
    const running = pidListeningOn(PORT);
    if (running) process.kill(running, 'SIGTERM');
  }
  return { figures, targets };
}

const round = (x: number) => Number(x.toFixed(1));

async function storeBytes(databaseUrl: string, dataDir: string): Promise<number> {
  if (!isPostgresUrl(databaseUrl)) return fs.readdirSync(dataDir).filter((f) => f.startsWith('packtrail.db')).reduce((n, f) => n + fs.statSync(path.join(dataDir, f)).size, 0);
  const c = new pg.Client({ connectionString: databaseUrl });
  await c.connect();
  const { rows } = await c.query('SELECT pg_database_size(current_database()) AS n');
  await c.end();
  return Number(rows[0].n);
}

async function main() {
  const shapes: Shape[] = args.shape === 'all' ? [...SHAPES] : [args.shape as Shape];
  if (!shapes.every((s) => SHAPES.includes(s))) throw new Error(`--shape must be one of ${SHAPES.join(', ')} or all`);
  const events = Number(args.events);
  if (!(events > 0)) throw new Error('--events must be a positive number');
  const root = process.env.BENCH_DIR ?? tempDir('packtrail-bench-');
  const pgServer = process.env.DATABASE_URL && isPostgresUrl(process.env.DATABASE_URL) ? new URL(process.env.DATABASE_URL) : null;
  console.log(`${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`);
  if (!fs.existsSync(path.join(ROOT, '.next', 'BUILD_ID')) || process.env.BENCH_BUILD === '1') spawnSync('npx', ['next', 'build'], { cwd: ROOT, env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' }, stdio: 'inherit' });
  const results: { shape: Shape; targets: Target[] }[] = [];
  try {
    for (const shape of shapes) {
      const { figures, targets } = await benchShape(shape, path.join(root, shape), events, pgServer);
      console.log(`\n## ${shape}\n${JSON.stringify(figures, null, 2)}`);
      for (const t of targets) console.log(`${t.ok ? 'PASS' : 'MISS'}  ${t.name}: ${t.value}`);
      results.push({ shape, targets });
    }
  } finally {
    if (!process.env.BENCH_DIR) fs.rmSync(root, { recursive: true, force: true });
  }
  // One row per target, a column per shape.
  const names = [...new Set(results.flatMap((r) => r.targets.map((t) => t.name)))];
  console.log(`\n| target | ${results.map((r) => r.shape).join(' | ')} |\n| --- |${results.map(() => ' --- |').join('')}`);
  for (const name of names) {
    const cells = results.map((r) => {
      const t = r.targets.find((x) => x.name === name);
      return t ? `${t.value} ${t.ok ? 'PASS' : '**MISS**'}` : '—';
    });
    console.log(`| ${name} | ${cells.join(' | ')} |`);
  }
  process.exitCode = results.every((r) => r.targets.every((t) => t.ok)) ? 0 : 1;
}

void main();
