// `npm run bench:sync [-- --events 10000 --runs 1]`: a first-run backfill through the emulator at
// the real 2 requests/s limit. Prints events/s and requests/s against the ceiling; exits 1 if the
// ratio is under 95 % or any throttle reached the caller as a failed sync.
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { describeError } from '@/lib/cloudtrail/errors';
import { CloudTrailReader } from '@/lib/cloudtrail/lookup';
import { startEmulator } from '@/lib/emulator/lookup-events-server';
import { emptyFilter } from '@/lib/filters/schema';
import { SqliteStore } from '@/lib/store/sqlite/sqlite-store';
import { makeRecords } from '@/lib/testing/records';
import { inRegion, tempDir } from '@/lib/testing/sync-harness';
import { newLockOwner, syncAll } from '@/lib/sync/run-sync';

const CEILING = 2;
const { values } = parseArgs({ options: { events: { type: 'string', default: '10000' }, runs: { type: 'string', default: '1' } } });
const events = Number(values.events);
const runs = Number(values.runs);

async function once(run: number) {
  const emulator = await startEmulator({ tps: CEILING });
  emulator.add(makeRecords(events, { spanMs: 85 * 86_400_000 }));
  process.env.AWS_ENDPOINT_URL_CLOUDTRAIL = emulator.url;
  process.env.AWS_ACCESS_KEY_ID ??= 'AKIABENCHBENCHBENCH0';
  process.env.AWS_SECRET_ACCESS_KEY ??= 'bench';
  const dir = tempDir('packtrail-bench-');
  const store = new SqliteStore(path.join(dir, 'bench.db'));
  const reader = new CloudTrailReader({ requestsPerSecond: CEILING });
  const started = performance.now();
  const [result] = await syncAll(
    { store, readerFor: () => reader, overlapMs: 15 * 60_000, lockOwner: newLockOwner(), lockTtlMs: 60_000, describe: (e, { region }) => describeError(e, { region }) },
    [inRegion('us-west-2')],
    ['mediapackage.amazonaws.com'],
    { kind: 'incremental' },
  );
  const seconds = (performance.now() - started) / 1000;
  const stream = result.streams[0];
  const stats = emulator.stats();
  const figures = {
    run,
    events: stream.events,
    stored: await store.countEvents(emptyFilter),
    seconds: Number(seconds.toFixed(1)),
    eventsPerSecond: Number((stream.events / seconds).toFixed(1)),
    requestsPerSecond: Number((stats.requests / seconds).toFixed(3)),
    ofCeiling: Number(((stats.requests / seconds / CEILING) * 100).toFixed(1)),
    throttledByEmulator: stats.throttled,
    syncFailed: !stream.ok,
  };
  reader.destroy();
  await store.close();
  await emulator.close();
  fs.rmSync(dir, { recursive: true, force: true });
  return figures;
}

async function main() {
  console.log(`bench:sync — first-run backfill of ${events} events, one region, emulator limit ${CEILING} req/s, client limit ${CEILING} req/s`);
  const results = [];
  for (let i = 1; i <= runs; i++) {
    const r = await once(i);
    console.log(JSON.stringify(r));
    results.push(r);
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const ratio = median(results.map((r) => r.ofCeiling));
  console.log(`median: ${median(results.map((r) => r.eventsPerSecond))} events/s, ${median(results.map((r) => r.requestsPerSecond))} req/s = ${ratio} % of the ${CEILING} req/s ceiling; throttles surfaced as failures: ${results.filter((r) => r.syncFailed).length}; events stored/expected: ${results.map((r) => `${r.stored}/${events}`).join(', ')}`);
  const ok = ratio >= 95 && results.every((r) => !r.syncFailed && r.stored === events);
  console.log(ok ? 'PASS: ≥ 95 % of the ceiling, nothing lost, no throttle surfaced' : 'FAIL: under 95 % of the ceiling, or a sync failed or lost events');
  process.exit(ok ? 0 : 1);
}

void main();
