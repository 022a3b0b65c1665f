// `npm run bench`: a deterministic history of ≥ 1,000,000 MediaPackage events (92 days, the demo's
// mix of operations, principals, IPs and regions) written as trail log files, imported, then served
// by the production build and measured over HTTP. Prints every figure and exits 1 if a target is missed.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEFAULT_EVENT_SOURCES } from '@/lib/config';
import { emptyFilter } from '@/lib/filters/schema';
import { importLogFiles } from '@/lib/import/import-records';
import { walkLocal } from '@/lib/import/walk-files';
import pg from 'pg';
import { isPostgresUrl } from '@/lib/store/postgres/connection';
import { openStore } from '@/lib/store/open-store';
import { tempDir } from '@/lib/testing/sync-harness';
import { ROOT, USER, pidListeningOn, rssMb, signIn, waitFor } from './stress/app-server';
import { firstLoadJsKb, runConcurrent, timeRequests } from './bench-http';
import { writeTrail } from './bench-trail';

const NOT_OFFICE = 'notIp=203.0.113.0%2F24&notIp=198.51.100.0%2F24&notIp=AWS%20Internal';
const PER_DAY = Number(process.env.BENCH_PER_DAY ?? 11_500);
const PORT = Number(process.env.BENCH_PORT ?? 3970);

/**
 * A fixed piece of CPU work, median of 7 runs after a warm-up, in ms. The same code on this shared
 * machine ran 1.45× slower in one hour than in the hour before; every figure is printed beside this
 * one, taken before the import and again before the HTTP measurements, to compare runs by.
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

async function main() {
  const dir = process.env.BENCH_DIR ?? tempDir('packtrail-bench-');
  const dataDir = path.join(dir, 'data');
  const now = Date.now();
  const figures: Record<string, unknown> = { machine: `${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}` };
  const yardstick: number[] = [cpuYardstickMs()];
  figures.cpuYardstickMs = yardstick;

  // DATABASE_URL=postgres://… benchmarks the PostgreSQL store: a database of the bench's own on
  // that server (BENCH_PG_DB, default packtrail_bench), recreated unless BENCH_REUSE=1.
  const pgServer = process.env.DATABASE_URL && isPostgresUrl(process.env.DATABASE_URL) ? new URL(process.env.DATABASE_URL) : null;
  const pgDb = process.env.BENCH_PG_DB ?? 'packtrail_bench';
  const databaseUrl = pgServer ? Object.assign(new URL(pgServer.href), { pathname: `/${pgDb}` }).href : `file:${dataDir}/packtrail.db`;
  figures.store = pgServer ? `PostgreSQL (${pgServer.host}/${pgDb})` : 'SQLite';
  // BENCH_REUSE=1 with a BENCH_DIR from an earlier run measures the server again without re-importing.
  const reuse = process.env.BENCH_REUSE === '1' && (pgServer ? true : fs.existsSync(path.join(dataDir, 'packtrail.db')));
  if (pgServer && !reuse) {
    const admin = new pg.Client({ connectionString: Object.assign(new URL(pgServer.href), { pathname: '/postgres' }).href });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${pgDb} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${pgDb}`);
    await admin.end();
  }
  let added = 0;
  if (!reuse) {
    let t = performance.now();
    const files = writeTrail(path.join(dir, 'trail'), now, PER_DAY);
    figures.generate = { files, seconds: Number(((performance.now() - t) / 1000).toFixed(1)) };
    const store = openStore(databaseUrl);
    t = performance.now();
    const summary = await importLogFiles(walkLocal([path.join(dir, 'trail')]), { store, eventSources: DEFAULT_EVENT_SOURCES });
    const importSeconds = (performance.now() - t) / 1000;
    await store.close();
    added = summary.added;
    figures.import = { events: added, seconds: Number(importSeconds.toFixed(1)), eventsPerSecond: Math.round(added / importSeconds) };
  } else {
    const store = openStore(databaseUrl);
    added = await store.countEvents(emptyFilter);
    await store.close();
    figures.import = { events: added, reused: true };
  }

  // The server runs with `npm run serve`'s own V8 flags, not the import's (package.json).
  const { NODE_OPTIONS: _importFlags, ...parentEnv } = process.env;
  const env = { ...parentEnv, DATABASE_URL: databaseUrl, PACKTRAIL_SOURCE: 'aws', PACKTRAIL_DATA_DIR: dataDir, PACKTRAIL_SYNC_INTERVAL: '0', AWS_ACCESS_KEY_ID: 'AKIABENCHBENCHBENCH0', AWS_SECRET_ACCESS_KEY: 'bench', AWS_ENDPOINT_URL_CLOUDTRAIL: 'http://127.0.0.1:9', PACKTRAIL_REGIONS: 'us-west-2,eu-west-1', NEXT_TELEMETRY_DISABLED: '1' };
  spawnSync(process.execPath, ['--conditions=react-server', '--import', 'tsx', 'scripts/user.ts', 'add', USER.name], { cwd: ROOT, env, input: USER.password });
  if (!fs.existsSync(path.join(ROOT, '.next', 'BUILD_ID')) || process.env.BENCH_BUILD === '1') spawnSync('npx', ['next', 'build'], { cwd: ROOT, env, stdio: 'inherit' });
  const server = spawn('npm', ['run', 'serve'], { cwd: ROOT, env: { ...env, HOSTNAME: '127.0.0.1', PORT: String(PORT) }, stdio: 'ignore' });
  const base = `http://127.0.0.1:${PORT}`;
  try {
    await waitFor(`${base}/api/health`, 120_000);
    const cookie = await signIn(base);
    yardstick.push(cpuYardstickMs());
    const pid = pidListeningOn(PORT);
    let peak = 0;
    const sampler = setInterval(() => (peak = Math.max(peak, rssMb(pid))), 200);
    const [sample] = (await (await fetch(`${base}/api/events?limit=1&op=UpdateOriginEndpoint`, { headers: { cookie } })).json()).events;
    const q = (p: string) => timeRequests(`${base}${p}`, cookie);
    const results = {
      'events, no filter': await q('/api/events'),
      'events by operation': await q('/api/events?op=UpdateOriginEndpoint'),
      'events by CIDR': await q('/api/events?ip=203.0.113.0%2F24'),
      'events by principal': await q('/api/events?user=MediaOpsAdmin%2Fops-alice'),
      'events, four filters': await q('/api/events?op=DescribeChannel&region=us-west-2&readOnly=true&range=30d'),
      'events, free text': await q('/api/events?q=sports-hd-hls'),
      // Exclusions (issue 18): most of the demo's calls come from the office ranges and from within
      // AWS, so what is left is the IPv6 and service traffic, the needle the reviewer looks for.
      'events, not office ranges': await q(`/api/events?${NOT_OFFICE}`),
      'events, not the polling': await q('/api/events?notOp=DescribeChannel&notOp=ListOriginEndpoints'),
      'timeline 90 days': await q('/api/timeline?range=90d'),
      'timeline 24 h': await q('/api/timeline?range=24h'),
      'timeline 90 days, not office ranges': await q(`/api/timeline?range=90d&${NOT_OFFICE}`),
      'timeline 24 h, not office ranges': await q(`/api/timeline?range=24h&${NOT_OFFICE}`),
      'users, not office ranges': await q(`/api/users?${NOT_OFFICE}`),
      users: await q('/api/users'),
      // The floor under event by id: a route that does nothing (no session, no store), on the same
      // server in the same run (issue 17: ≤ 5 ms, or within 1 ms of this).
      'empty route (/api/health)': await q('/api/health'),
      'event by id': await q(`/api/events/${sample.eventId}`),
      // No target in the issue; the page an update opens on (what changed, related events) is printed
      // so a slow plan shows here: its previous-snapshot lookup once took 130–300 ms per view.
      'event page of an update': await q(`/events/${sample.eventId}`),
    };
    await runConcurrent(`${base}/events`, cookie, 4, 5_000); // warm-up, not counted
    const page = await runConcurrent(`${base}/events`, cookie, 20, 20_000);
    const js = await firstLoadJsKb(`${base}/events`, cookie);
    clearInterval(sampler);
    figures.queries = results;
    figures.eventsPage20Clients = page;
    figures.serverPeakRssMb = Math.round(peak);
    figures.eventsPageFirstLoadJs = js;
    figures.storeMb = Math.round((await storeBytes(databaseUrl, dataDir)) / 2 ** 20);
    const targets: [string, boolean][] = [
      ...['events, no filter', 'events by operation', 'events by CIDR', 'events by principal', 'events, four filters', 'events, free text', 'events, not office ranges', 'events, not the polling'].map((k): [string, boolean] => [`${k} p95 ≤ 25 ms`, results[k as keyof typeof results].p95 <= 25]),
      ['timeline 90 days p95 ≤ 50 ms', results['timeline 90 days'].p95 <= 50],
      ['timeline 24 h p95 ≤ 50 ms', results['timeline 24 h'].p95 <= 50],
      ['timeline 90 days, not office ranges p95 ≤ 50 ms', results['timeline 90 days, not office ranges'].p95 <= 50],
      ['timeline 24 h, not office ranges p95 ≤ 50 ms', results['timeline 24 h, not office ranges'].p95 <= 50],
      ['users, not office ranges p95 ≤ 50 ms', results['users, not office ranges'].p95 <= 50],
      ['users p95 ≤ 50 ms', results.users.p95 <= 50],
      [
        `event by id p95 ≤ 5 ms, or ≤ 1 ms over the empty route's ${results['empty route (/api/health)'].p95} ms`,
        results['event by id'].p95 <= Math.max(5, results['empty route (/api/health)'].p95 + 1),
      ],
      ['events page p95 ≤ 300 ms at 20 clients', page.p95 <= 300],
      ...(reuse ? [] : [['import ≥ 50,000 events/s', (figures.import as { eventsPerSecond: number }).eventsPerSecond >= 50_000] as [string, boolean]]),
      ['server RSS ≤ 512 MB', peak <= 512],
      ['events page first-load JS ≤ 250 kB gzip', js.gzipBytes <= 250 * 1024],
      ['≥ 1,000,000 events', added >= 1_000_000],
    ];
    console.log(JSON.stringify(figures, null, 2));
    for (const [name, ok] of targets) console.log(`${ok ? 'PASS' : 'MISS'}  ${name}`);
    process.exitCode = targets.every(([, ok]) => ok) ? 0 : 1;
  } finally {
    server.kill('SIGTERM');
    const running = pidListeningOn(PORT);
    if (running) process.kill(running, 'SIGTERM');
    if (!process.env.BENCH_DIR) fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function storeBytes(databaseUrl: string, dataDir: string): Promise<number> {
  if (!isPostgresUrl(databaseUrl)) return fs.readdirSync(dataDir).filter((f) => f.startsWith('packtrail.db')).reduce((n, f) => n + fs.statSync(path.join(dataDir, f)).size, 0);
  const c = new pg.Client({ connectionString: databaseUrl });
  await c.connect();
  const { rows } = await c.query('SELECT pg_database_size(current_database()) AS n');
  await c.end();
  return Number(rows[0].n);
}

void main();
