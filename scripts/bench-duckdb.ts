import fs from 'node:fs';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { ALL_SOURCES } from './bench-shapes';

// The peer the import benches compare with: DuckDB (the engine Tailpipe and TrailWatch build on),
// two threads, a file database, the filterable fields plus the raw record, MediaPackage sources only.

/** Bytes of the files in `dir` whose names start with `prefix` (a database and its journals), in MB. */
export function sizeMb(dir: string, prefix: string): number {
  return fs.readdirSync(dir).filter((f) => f.startsWith(prefix)).reduce((n, f) => n + fs.statSync(path.join(dir, f)).size, 0) / 2 ** 20;
}

/** Ingests the trail under `trail` into `dir`/duck.db; its time, file size and event count. */
export async function duckdbImport(trail: string, dir: string): Promise<{ seconds: number; mb: number; events: number }> {
  const t = performance.now();
  const db = await DuckDBInstance.create(path.join(dir, 'duck.db'), { threads: '2' });
  const c = await db.connect();
  const sources = ALL_SOURCES.map((s) => `'${s.replace(/'/g, "''")}'`).join(', ');
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
