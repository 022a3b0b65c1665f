// `npm run bench:peer -- [--shape demo|wide|noisy|all] [--events 100000] [--trail DIR] [--rounds 3] [--postgres postgres://…]`:
// the same trail files ingested by Packtrail's import and by DuckDB (the engine Tailpipe and
// TrailWatch build on: two threads, a file database, the filterable fields plus the raw record,
// MediaPackage sources only), in turns, each into a fresh file, for each shape of trail
// (scripts/bench-shapes.ts). Prints each round's times, sizes and scan rate (MB/s of decompressed
// JSON) and Packtrail's ratio to DuckDB's: absolute times drift on a shared machine, ratios from
// the same round hold. --postgres adds Packtrail's PostgreSQL store (a database of its own on that
// server, recreated each round) in the same turns, with its ratio to the SQLite store's import.
// Beside each time, the CPU seconds it took (every thread of this process, and a local PostgreSQL
// server's processes): steadier than wall time on a shared machine, and where an import waits
// rather than works, the difference between the two says so (scripts/bench-cpu.ts).
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { gunzipSync } from 'node:zlib';
import { importLogFiles } from '@/lib/import/import-records';
import { walkLocal } from '@/lib/import/walk-files';
import { openStore } from '@/lib/store/open-store';
import { PostgresStore } from '@/lib/store/postgres/pg-store';
import type { Store } from '@/lib/store/types';
import { tempDir } from '@/lib/testing/sync-harness';
import { ALL_SOURCES, SHAPES, writeShapeTrail, type Shape } from './bench-shapes';
import { duckdbImport, sizeMb } from './bench-duckdb';
import { postgresCpuSeconds, processCpuSeconds, settlePostgres } from './bench-cpu';

const { values } = parseArgs({
  options: {
    trail: { type: 'string' },
    shape: { type: 'string', default: 'all' },
    events: { type: 'string', default: '100000' },
    rounds: { type: 'string', default: '3' },
    postgres: { type: 'string' },
  },
});

interface Import {
  seconds: number;
  /** CPU seconds, every thread of this process; for PostgreSQL, the server's added when it runs here. */
  cpu: number;
  mb: number;
  events: number;
}

/** Packtrail's import of the trail into an opened store: its time, this process's CPU and a local PostgreSQL server's. */
async function timedImport(trail: string, store: Store): Promise<Omit<Import, 'mb'> & { serverCpu: number | null }> {
  const t = performance.now();
  const cpu = processCpuSeconds();
  const server = postgresCpuSeconds();
  const summary = await importLogFiles(walkLocal([trail]), { store, eventSources: ALL_SOURCES });
  const seconds = (performance.now() - t) / 1000;
  const serverCpu = server === null ? null : postgresCpuSeconds()! - server;
  return { seconds, cpu: processCpuSeconds() - cpu, serverCpu, events: summary.added };
}

async function packtrail(trail: string, dir: string): Promise<Import> {
  const store = openStore(`file:${dir}/packtrail.db`);
  const { seconds, cpu, events } = await timedImport(trail, store);
  await store.close();
  return { seconds, cpu, mb: sizeMb(dir, 'packtrail.db'), events };
}

async function duckdb(trail: string, dir: string): Promise<Import> {
  const cpu = processCpuSeconds();
  const result = await duckdbImport(trail, dir);
  return { ...result, cpu: processCpuSeconds() - cpu };
}

/** The same import into a fresh PostgreSQL database; its size is the tables', indexes' and TOAST's. */
async function postgres(trail: string, server: string): Promise<Import & { serverCpu: number | null }> {
  const admin = new pg.Client({ connectionString: Object.assign(new URL(server), { pathname: '/postgres' }).href });
  await admin.connect();
  await admin.query('DROP DATABASE IF EXISTS packtrail_peer WITH (FORCE)');
  await admin.query('CREATE DATABASE packtrail_peer');
  await admin.end();
  const url = Object.assign(new URL(server), { pathname: '/packtrail_peer' }).href;
  const store = new PostgresStore(url);
  // Opened (and migrated) before the clocks start, as the SQLite store's file is.
  await store.ready;
  const run = await timedImport(trail, store);
  await store.close();
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  await c.query('VACUUM ANALYZE');
  const { rows } = await c.query(
    "SELECT sum(pg_total_relation_size(c.oid)) AS n FROM pg_class c JOIN pg_namespace s ON s.oid = c.relnamespace WHERE s.nspname = 'public' AND c.relkind = 'r'",
  );
  await c.end();
  // The next round's SQLite import would otherwise share the machine with this server's work after the import.
  await settlePostgres(url);
  return { ...run, cpu: run.cpu + (run.serverCpu ?? 0), mb: Number(rows[0].n) / 2 ** 20 };
}

/** The trail's JSON as the engines read it, decompressed, in MB: what a scan rate is measured against. */
function jsonMb(dir: string): number {
  let bytes = 0;
  for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile() && entry.name.endsWith('.json.gz')) bytes += gunzipSync(fs.readFileSync(path.join(entry.parentPath, entry.name))).length;
  }
  return bytes / 2 ** 20;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function measure(label: string, trail: string, root: string) {
  const mb = jsonMb(trail);
  const runs: { ours: Import; peer: Import; pg: Awaited<ReturnType<typeof postgres>> | null }[] = [];
  for (let round = 1; round <= Number(values.rounds); round++) {
    const dir = fs.mkdtempSync(path.join(root, 'round-'));
    const ours = await packtrail(trail, dir);
    const peer = await duckdb(trail, dir);
    const onPg = values.postgres ? await postgres(trail, values.postgres) : null;
    if (onPg) {
      console.log(
        `${label} round ${round}: PostgreSQL store ${onPg.seconds.toFixed(1)} s, ${onPg.mb.toFixed(0)} MB, ${onPg.events} events · ` +
          `time ×${(onPg.seconds / ours.seconds).toFixed(2)} of SQLite's, ×${(onPg.seconds / peer.seconds).toFixed(2)} of DuckDB's · ` +
          `CPU ${onPg.cpu.toFixed(1)} s (${onPg.serverCpu === null ? 'the server is not on this machine: not counted' : `server ${onPg.serverCpu.toFixed(1)} s`}), ×${(onPg.cpu / ours.cpu).toFixed(2)} of SQLite's`,
      );
    }
    if (ours.events !== peer.events) console.log(`  note: Packtrail kept ${ours.events} events, DuckDB ${peer.events}`);
    console.log(
      `${label} round ${round}: Packtrail ${ours.seconds.toFixed(1)} s (${(mb / ours.seconds).toFixed(0)} MB/s of JSON), ${ours.mb.toFixed(0)} MB · ` +
        `DuckDB ${peer.seconds.toFixed(1)} s (${(mb / peer.seconds).toFixed(0)} MB/s), ${peer.mb.toFixed(0)} MB · ${ours.events} events · ` +
        `time ×${(ours.seconds / peer.seconds).toFixed(2)}, size ×${(ours.mb / peer.mb).toFixed(2)} · CPU ${ours.cpu.toFixed(1)} s against ${peer.cpu.toFixed(1)} s, ×${(ours.cpu / peer.cpu).toFixed(2)}`,
    );
    runs.push({ ours, peer, pg: onPg });
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return {
    label,
    events: runs[0].ours.events,
    jsonMb: mb,
    seconds: median(runs.map((r) => r.ours.seconds)),
    peerSeconds: median(runs.map((r) => r.peer.seconds)),
    mb: median(runs.map((r) => r.ours.mb)),
    peerMb: median(runs.map((r) => r.peer.mb)),
    time: median(runs.map((r) => r.ours.seconds / r.peer.seconds)),
    size: median(runs.map((r) => r.ours.mb / r.peer.mb)),
    cpu: median(runs.map((r) => r.ours.cpu)),
    peerCpu: median(runs.map((r) => r.peer.cpu)),
    cpuRatio: median(runs.map((r) => r.ours.cpu / r.peer.cpu)),
    pg: values.postgres
      ? {
          seconds: median(runs.map((r) => r.pg!.seconds)),
          mb: median(runs.map((r) => r.pg!.mb)),
          vsSqlite: median(runs.map((r) => r.pg!.seconds / r.ours.seconds)),
          vsDuck: median(runs.map((r) => r.pg!.seconds / r.peer.seconds)),
          cpu: median(runs.map((r) => r.pg!.cpu)),
          cpuVsSqlite: median(runs.map((r) => r.pg!.cpu / r.ours.cpu)),
        }
      : null,
  };
}

async function main() {
  const root = tempDir('packtrail-peer-');
  const shapes: Shape[] = values.shape === 'all' ? [...SHAPES] : [values.shape as Shape];
  if (!values.trail && !shapes.every((s) => SHAPES.includes(s))) throw new Error(`--shape must be one of ${SHAPES.join(', ')} or all`);
  try {
    const results = [];
    for (const shape of values.trail ? ['your trail'] : shapes) {
      let trail = values.trail!;
      if (!values.trail) {
        trail = path.join(root, `trail-${shape}`);
        console.log(`${shape}: ${writeShapeTrail(trail, shape as Shape, Date.now(), Number(values.events))} files`);
      }
      results.push(await measure(shape, trail, root));
      if (!values.trail) fs.rmSync(trail, { recursive: true, force: true });
    }
    console.log('\n| shape | events | JSON MB | Packtrail s / MB | DuckDB s / MB | import ×DuckDB (≤ 1.5) | store ×DuckDB (≤ 2) | scan MB/s Packtrail / DuckDB | CPU s Packtrail / DuckDB (×) |');
    console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- |');
    for (const r of results) {
      console.log(
        `| ${r.label} | ${r.events} | ${r.jsonMb.toFixed(0)} | ${r.seconds.toFixed(1)} / ${r.mb.toFixed(0)} | ${r.peerSeconds.toFixed(1)} / ${r.peerMb.toFixed(0)} | ` +
          `${r.time.toFixed(2)} ${r.time <= 1.5 ? 'PASS' : 'MISS'} | ${r.size.toFixed(2)} ${r.size <= 2 ? 'PASS' : 'MISS'} | ${(r.jsonMb / r.seconds).toFixed(0)} / ${(r.jsonMb / r.peerSeconds).toFixed(0)} | ${r.cpu.toFixed(1)} / ${r.peerCpu.toFixed(1)} (${r.cpuRatio.toFixed(2)}) |`,
      );
    }
    if (values.postgres) {
      console.log('\n| shape | PostgreSQL store s / MB | import ×SQLite store (≤ 1) | import ×DuckDB | CPU s, this process and the server (×SQLite store) |');
      console.log('| --- | --- | --- | --- | --- |');
      for (const r of results) {
        const p = r.pg!;
        console.log(`| ${r.label} | ${p.seconds.toFixed(1)} / ${p.mb.toFixed(0)} | ${p.vsSqlite.toFixed(2)} ${p.vsSqlite <= 1 ? 'PASS' : 'MISS'} | ${p.vsDuck.toFixed(2)} | ${p.cpu.toFixed(1)} (${p.cpuVsSqlite.toFixed(2)}) |`);
      }
    }
    process.exitCode = results.every((r) => r.time <= 1.5 && r.size <= 2) ? 0 : 1;
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

void main();
