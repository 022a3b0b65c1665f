// `npm run bench:import -- [--records 200000] [--per-file 1000] [--batch 10000]`:
// writes a generated trail of .json.gz files, imports it into a fresh SQLite store, prints events/s
// and where the time went: the store's inserts on the main thread, and (measured again, inline) the
// decoding and normalising that the import runs on its parser thread alongside them.
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { DEFAULT_EVENT_SOURCES } from '@/lib/config';
import { openStore } from '@/lib/store/open-store';
import type { Store } from '@/lib/store/types';
import { makeRecord } from '@/lib/testing/records';
import { tempDir } from '@/lib/testing/sync-harness';
import { DEFAULT_BATCH_SIZE, importLogFiles } from '@/lib/import/import-records';
import { parseLogFile } from '@/lib/import/parse-log-file';
import { readLocalLogBytes } from '@/lib/import/read-log-file';
import { walkLocal } from '@/lib/import/walk-files';

const { values } = parseArgs({ options: { records: { type: 'string', default: '200000' }, 'per-file': { type: 'string', default: '1000' }, batch: { type: 'string', default: String(DEFAULT_BATCH_SIZE) } } });
const total = Number(values.records);
const perFile = Number(values['per-file']);

const OPS = ['UpdateChannel', 'DescribeChannel', 'CreateOriginEndpoint', 'RotateIngestEndpointCredentials', 'ListChannels', 'DeleteChannel'];
const USERS = ['deploy-bot', 'ops-alice', 'ops-bob', 'ci-runner'];

function writeTrail(root: string): string[] {
  const files: string[] = [];
  const t0 = Date.parse('2026-01-01T00:00:00Z');
  for (let f = 0; f * perFile < total; f++) {
    const records = Array.from({ length: Math.min(perFile, total - f * perFile) }, (_, i) => {
      const n = f * perFile + i;
      return makeRecord({ time: t0 + n * 1000, eventName: OPS[n % OPS.length], user: USERS[n % USERS.length], channelId: `channel-${n % 500}`, eventSource: n % 3 ? 'mediapackage.amazonaws.com' : 'mediapackagev2.amazonaws.com' });
    });
    const day = new Date(t0 + f * perFile * 1000).toISOString().slice(0, 10).replace(/-/g, '/');
    const file = path.join(root, `AWSLogs/111122223333/CloudTrail/us-west-2/${day}/111122223333_CloudTrail_us-west-2_${f}.json.gz`);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, gzipSync(JSON.stringify({ Records: records })));
    files.push(file);
  }
  return files;
}

/** Times commitPage from outside, through the Store interface only. */
function timed(store: Store): { store: Store; ms: () => number } {
  let ms = 0;
  const wrapper = Object.create(store) as Store;
  wrapper.commitPage = async (events, state) => {
    const t = performance.now();
    try {
      return await store.commitPage(events, state);
    } finally {
      ms += performance.now() - t;
    }
  };
  wrapper.bulkLoad = (work) => store.bulkLoad(work);
  return { store: wrapper, ms: () => ms };
}

async function main() {
  const dir = tempDir('packtrail-bench-import-');
  try {
    const files = writeTrail(path.join(dir, 'logs'));
    const bytes = files.reduce((n, f) => n + fs.statSync(f).size, 0);
    console.log(`bench import: ${total} records in ${files.length} .json.gz files (${(bytes / 1048576).toFixed(1)} MB compressed)`);

    const real = openStore(`file:${path.join(dir, 'bench.db')}`);
    const { store, ms: commitMs } = timed(real);
    let peakRss = 0;
    const onProgress = () => void (peakRss = Math.max(peakRss, process.memoryUsage().rss));
    const summary = await importLogFiles(walkLocal([path.join(dir, 'logs')]), { store, eventSources: DEFAULT_EVENT_SOURCES, batchSize: Number(values.batch), onProgress });
    await real.close();
    const rate = summary.events / summary.seconds;
    console.log(`import: ${summary.added} added in ${summary.seconds.toFixed(2)}s = ${Math.round(rate)} events/s (batch ${values.batch}, peak RSS ${Math.round(peakRss / 1048576)} MB)`);

    // The parser thread's work (parseLogFile, as parse-worker runs it) again without the store, to split the rest of the time.
    let readMs = 0;
    let parseMs = 0;
    for (const file of files) {
      let t = performance.now();
      const fileBytes = readLocalLogBytes(file);
      readMs += performance.now() - t;
      t = performance.now();
      parseLogFile(fileBytes, true, DEFAULT_EVENT_SOURCES);
      parseMs += performance.now() - t;
    }
    const share = (ms: number) => `${(ms / 1000).toFixed(2)}s (${Math.round((ms / 1000 / summary.seconds) * 100)}%)`;
    console.log(`  main thread, commitPage (events made, inserted):  ${share(commitMs())}`);
    console.log(`  parser thread, reading the files:                ${share(readMs)}`);
    console.log(`  parser thread, parseLogFile (gunzip to events):  ${share(parseMs)}`);
    console.log(rate >= 50_000 ? 'target ≥ 50,000 events/s: met' : 'target ≥ 50,000 events/s: NOT met');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

void main();
