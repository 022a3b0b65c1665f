// `npm run bench:peer -- [--trail DIR] [--per-day 2500] [--rounds 3]`: the same trail files ingested
// by Packtrail's import and by DuckDB (the engine Tailpipe and TrailWatch build on: two threads, a
// file database, the filterable fields plus the raw record, MediaPackage sources only), in turns,
// each into a fresh file. Prints each round's times and sizes and Packtrail's ratio to DuckDB's:
// absolute times drift on a shared machine, ratios from the same round hold.
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { DuckDBInstance } from '@duckdb/node-api';
import { DEFAULT_EVENT_SOURCES } from '@/lib/config';
import { importLogFiles } from '@/lib/import/import-records';
import { walkLocal } from '@/lib/import/walk-files';
import { openStore } from '@/lib/store/open-store';
import { tempDir } from '@/lib/testing/sync-harness';
import { writeTrail } from './bench-trail';

const { values } = parseArgs({ options: { trail: { type: 'string' }, 'per-day': { type: 'string', default: '2500' }, rounds: { type: 'string', default: '3' } } });

function sizeMb(dir: string, prefix: string): number {
  return fs.readdirSync(dir).filter((f) => f.startsWith(prefix)).reduce((n, f) => n + fs.statSync(path.join(dir, f)).size, 0) / 2 ** 20;
}

async function packtrail(trail: string, dir: string): Promise<{ seconds: number; mb: number; events: number }> {
  const store = openStore(`file:${dir}/packtrail.db`);
  const t = performance.now();
  const summary = await importLogFiles(walkLocal([trail]), { store, eventSources: DEFAULT_EVENT_SOURCES });
  const seconds = (performance.now() - t) / 1000;
  await store.close();
  return { seconds, mb: sizeMb(dir, 'packtrail.db'), events: summary.added };
}

async function duckdb(trail: string, dir: string): Promise<{ seconds: number; mb: number; events: number }> {
  const t = performance.now();
  const db = await DuckDBInstance.create(path.join(dir, 'duck.db'), { threads: '2' });
  const c = await db.connect();
  const sources = DEFAULT_EVENT_SOURCES.map((s) => `'${s.replace(/'/g, "''")}'`).join(', ');
  // Records as JSON values: auto-detecting one struct for every service's record fails on field
  // names that differ only in case ("arn"/"ARN"). The raw record is the JSON text DuckDB keeps.
  await c.run(`CREATE TABLE events AS
    SELECT r->>'eventID' AS event_id, CAST(r->>'eventTime' AS TIMESTAMP) AS event_time, r->>'eventSource' AS event_source,
      r->>'eventName' AS event_name, r->>'awsRegion' AS region, r->>'recipientAccountId' AS account_id,
      CAST(r->>'readOnly' AS BOOLEAN) AS read_only, r->>'errorCode' AS error_code, r->>'sourceIPAddress' AS source_ip,
      r->>'userAgent' AS user_agent, r->'userIdentity'->>'arn' AS principal_arn, CAST(r AS VARCHAR) AS raw
    FROM (SELECT unnest(Records) AS r FROM read_json('${trail.replace(/'/g, "''")}/**/*.json.gz', columns = {Records: 'JSON[]'}, maximum_object_size = 1073741824))
    WHERE r->>'eventSource' IN (${sources})`);
  const events = Number((await c.runAndReadAll('SELECT count(*) FROM events')).getRows()[0][0]);
  await c.run('CHECKPOINT');
  c.closeSync();
  db.closeSync();
  return { seconds: (performance.now() - t) / 1000, mb: sizeMb(dir, 'duck.db'), events };
}

async function main() {
  const root = tempDir('packtrail-peer-');
  const trail = values.trail ?? path.join(root, 'trail');
  if (!values.trail) console.log(`trail: ${writeTrail(trail, Date.now(), Number(values['per-day']))} files in ${trail}`);
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const ratios = { time: [] as number[], size: [] as number[] };
  try {
    for (let round = 1; round <= Number(values.rounds); round++) {
      const dir = fs.mkdtempSync(path.join(root, 'round-'));
      const ours = await packtrail(trail, dir);
      const peer = await duckdb(trail, dir);
      if (ours.events !== peer.events) console.log(`  note: Packtrail kept ${ours.events} events, DuckDB ${peer.events}`);
      ratios.time.push(ours.seconds / peer.seconds);
      ratios.size.push(ours.mb / peer.mb);
      console.log(
        `round ${round}: Packtrail ${ours.seconds.toFixed(1)} s, ${ours.mb.toFixed(0)} MB · DuckDB ${peer.seconds.toFixed(1)} s, ${peer.mb.toFixed(0)} MB · ` +
          `${ours.events} events · time ×${(ours.seconds / peer.seconds).toFixed(2)}, size ×${(ours.mb / peer.mb).toFixed(2)}`,
      );
      fs.rmSync(dir, { recursive: true, force: true });
    }
    const time = median(ratios.time);
    const size = median(ratios.size);
    console.log(`median ratio to DuckDB: import time ×${time.toFixed(2)} (target ≤ 1.5), store ×${size.toFixed(2)} (target ≤ 2)`);
    console.log(`${time <= 1.5 ? 'PASS' : 'MISS'}  import time ≤ 1.5× DuckDB's`);
    console.log(`${size <= 2 ? 'PASS' : 'MISS'}  store ≤ 2× DuckDB's file`);
    process.exitCode = time <= 1.5 && size <= 2 ? 0 : 1;
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

void main();
