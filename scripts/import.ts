// `npm run import -- <paths or s3://bucket/prefix …>`: CloudTrail trail log files into the store.
// package.json runs it with a 64 MB young generation (--max-semi-space-size): fewer, cheaper
// collections of the short-lived parsed records; a 1M-event import took 39 s instead of 44.
// The CLI is a thin caller of lib/import; exit 0 = all imported, 1 = some file failed, 2 = usage.
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { ConfigError, readConfig } from '@/lib/config';
import { importLogFiles, DEFAULT_BATCH_SIZE } from '@/lib/import/import-records';
import { createImportProgressView, summaryLines } from '@/lib/import/import-view';
import type { LogEntry } from '@/lib/import/log-entry';
import { createS3Client, listS3, parseS3Url, type S3Location } from '@/lib/import/s3-source';
import { walkLocal } from '@/lib/import/walk-files';
import { openStore } from '@/lib/store/open-store';

const USAGE = `usage: npm run import -- <path|s3://bucket/prefix> …
  Imports CloudTrail trail log files as a trail delivers them
  (AWSLogs/<account>/CloudTrail/<region>/YYYY/MM/DD/*.json.gz, or .json) into the store.
  Directories are read recursively; digests and other files are skipped.
  s3:// reads a bucket prefix with the default AWS credentials (AWS_REGION, AWS_ENDPOINT_URL_S3).
options: --batch ${DEFAULT_BATCH_SIZE}   events per store transaction`;

type Target = { local: string } | { s3: S3Location };

function parseTargets(args: string[]): Target[] {
  return args.map((arg) => {
    const s3 = parseS3Url(arg);
    if (s3) return { s3 };
    if (!fs.existsSync(arg)) throw new Error(`${arg}: no such file or directory`);
    return { local: arg };
  });
}

async function main(): Promise<number> {
  let values, positionals: string[], targets: Target[], batchSize: number;
  try {
    ({ values, positionals } = parseArgs({ allowPositionals: true, options: { batch: { type: 'string' }, help: { type: 'boolean', short: 'h' } } }));
    if (values.help) return console.log(USAGE), 0;
    if (!positionals.length) throw new Error('name at least one file, directory or s3:// prefix');
    batchSize = Number(values.batch ?? DEFAULT_BATCH_SIZE);
    if (!Number.isInteger(batchSize) || batchSize < 1) throw new Error(`--batch ${values.batch}: expected a whole number of events`);
    targets = parseTargets(positionals);
  } catch (err) {
    console.error(`${(err as Error).message}\n${USAGE}`);
    return 2;
  }

  let config;
  try {
    config = readConfig();
  } catch (err) {
    if (err instanceof ConfigError) return console.error(err.message), 2;
    throw err;
  }
  // The real data's file, never the demo's: imported history is real history.
  const store = openStore(config.databaseUrl ?? `file:${config.dataDir}/packtrail.db`);
  const s3 = targets.some((t) => 's3' in t) ? createS3Client() : null;
  const view = createImportProgressView(process.stderr);
  async function* entries(): AsyncGenerator<LogEntry> {
    for (const t of targets) yield* 'local' in t ? walkLocal([t.local]) : listS3(s3!, t.s3);
  }
  try {
    console.error(`Packtrail import: keeping ${config.eventSources.join(', ')}`);
    const summary = await importLogFiles(entries(), { store, eventSources: config.eventSources, batchSize, onProgress: view.update });
    view.stop();
    console.log(summaryLines(summary).join('\n'));
    return summary.failures.length ? 1 : 0;
  } finally {
    view.stop();
    s3?.destroy();
    await store.close();
  }
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(`import failed: ${(err as Error).message}`);
    process.exit(1);
  },
);
