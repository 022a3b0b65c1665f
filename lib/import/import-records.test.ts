import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_EVENT_SOURCES } from '@/lib/config';
import { emptyFilter } from '@/lib/filters/schema';
import { openStore } from '@/lib/store/open-store';
import type { Store } from '@/lib/store/types';
import { makeRecord } from '@/lib/testing/records';
import { tempDir } from '@/lib/testing/sync-harness';
import { importLogFiles, type ImportProgress } from './import-records';
import { isLogFileName } from './log-entry';
import { decodeLogBuffer, readLogBytes, recordsOf } from './read-log-file';
import { buildTrail, writeTrail } from './trail-fixture';
import { walkLocal } from './walk-files';

let dir: string;
let store: Store;
afterEach(async () => {
  await store?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

function setUp() {
  dir = tempDir('packtrail-import-');
  store = openStore(`file:${path.join(dir, 'store.db')}`);
}

const run = (paths: string[], eventSources = DEFAULT_EVENT_SOURCES, batchSize?: number, onProgress?: (p: ImportProgress) => void) =>
  importLogFiles(walkLocal(paths), { store, eventSources, batchSize, onProgress });

describe('importLogFiles from a local trail tree', () => {
  it('imports .json.gz and .json files, keeps only MediaPackage sources, and stores each record as JSON.stringify wrote it', async () => {
    setUp();
    const trail = buildTrail();
    writeTrail(path.join(dir, 'logs'), trail);
    const progress: ImportProgress[] = [];
    const summary = await run([path.join(dir, 'logs')], DEFAULT_EVENT_SOURCES, 3, (p) => progress.push(p));

    expect(summary).toMatchObject({ filesRead: 3, records: 10, events: 7, added: 7, alreadyPresent: 0, skipped: 2, withoutEventId: 0, failures: [] });
    expect(await store.countEvents(emptyFilter)).toBe(7);
    for (const record of trail.mediaPackage) {
      const stored = await store.getEvent(record.eventID as string);
      expect(stored?.cloudTrailEvent).toBe(JSON.stringify(record));
      expect(stored?.event).toMatchObject({ eventName: record.eventName, eventSource: record.eventSource, region: record.awsRegion, principal: 'deploy-bot' });
    }
    // MediaLive's CreateChannel shares the operation name but is not MediaPackage's; VOD is not configured.
    for (const record of trail.others) expect(await store.getEvent(record.eventID as string)).toBeNull();
    expect(progress.at(-1)).toMatchObject({ done: true, filesDone: 3, filesTotal: 3, listingDone: true, added: 7 });
  });

  it('keeps a compact file’s record exactly as CloudTrail wrote it, escapes and all', async () => {
    setUp();
    const record =
      '{"eventVersion":"1.09","eventID":"e5c1a1f0-0000-4000-8000-000000000001","eventTime":"2026-11-21T10:00:00Z",' +
      '"eventSource":"mediapackage.amazonaws.com","eventName":"UpdateChannel","awsRegion":"us-west-2","sourceIPAddress":"203.0.113.9",' +
      '"userAgent":"caf\\u00e9/1.0","userIdentity":{"type":"IAMUser","userName":"zo\\u00eb","accountId":"111122223333"},' +
      '"requestParameters":{"id":"news","description":"a \\"quoted\\" } brace"},"readOnly":false,"n":1.0}';
    const other = '{"eventID":"x","eventSource":"s3.amazonaws.com","eventName":"GetObject"}';
    const file = path.join(dir, 'AWSLogs/111122223333/CloudTrail/us-west-2/2026/11/21/111122223333_CloudTrail_us-west-2_a.json.gz');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, gzipSync(`{"Records":[${other},${record}]}`));

    expect(await run([dir])).toMatchObject({ records: 2, added: 1, failures: [] });
    const stored = await store.getEvent('e5c1a1f0-0000-4000-8000-000000000001');
    // JSON.stringify would have written "café/1", "zoë" and 1; the file's own bytes are kept.
    expect(stored?.cloudTrailEvent).toBe(record);
    expect(stored?.event).toMatchObject({ principal: 'zoë', userAgent: 'café/1.0', eventName: 'UpdateChannel' });
  });

  it('keeps each record\'s account, from account trails and organisation trails alike', async () => {
    setUp();
    const gz = (rel: string, records: Record<string, unknown>[]) => {
      const file = path.join(dir, rel);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, gzipSync(JSON.stringify({ Records: records })));
    };
    const prod = makeRecord({ account: '111122223333', user: 'deploy-bot' });
    const staging = makeRecord({ account: '444455556666', user: 'deploy-bot' });
    const other = makeRecord({ account: '777788889999', user: 'deploy-bot' });
    gz('AWSLogs/111122223333/CloudTrail/us-west-2/2026/11/21/111122223333_CloudTrail_us-west-2_20261121T1000Z_a.json.gz', [prod]);
    // An organisation trail: AWSLogs/<org id>/<account>/CloudTrail/…
    gz('AWSLogs/o-a1b2c3d4e5/444455556666/CloudTrail/us-west-2/2026/11/21/444455556666_CloudTrail_us-west-2_20261121T1000Z_b.json.gz', [staging]);
    gz('AWSLogs/o-a1b2c3d4e5/777788889999/CloudTrail/eu-west-1/2026/11/21/777788889999_CloudTrail_eu-west-1_20261121T1000Z_c.json.gz', [other]);
    expect(await run([dir])).toMatchObject({ filesRead: 3, added: 3, failures: [] });
    for (const [record, account] of [[prod, '111122223333'], [staging, '444455556666'], [other, '777788889999']] as const) {
      expect((await store.getEvent(record.eventID as string))?.event.accountId).toBe(account);
    }
    // One name, three accounts: three principals.
    expect((await store.userActivity(emptyFilter)).map((u) => [u.principal, u.accountId]).sort()).toEqual([
      ['deploy-bot', '111122223333'],
      ['deploy-bot', '444455556666'],
      ['deploy-bot', '777788889999'],
    ]);
  });

  it('adds nothing on a second import, and counts what was already there', async () => {
    setUp();
    writeTrail(dir, buildTrail());
    expect((await run([dir])).added).toBe(7);
    expect(await run([dir])).toMatchObject({ filesRead: 3, events: 7, added: 0, alreadyPresent: 7 });
    expect(await store.countEvents(emptyFilter)).toBe(7);
  });

  it('names each bad file with its reason and still imports the others', async () => {
    setUp();
    const trail = buildTrail({ withBadFiles: true });
    const logs = path.join(dir, 'logs');
    writeTrail(logs, trail);
    const summary = await run([logs]);
    expect(summary).toMatchObject({ filesRead: 3, added: 7, skipped: 2 });
    expect(summary.failures).toHaveLength(trail.bad.size);
    for (const [rel, reason] of trail.bad) {
      const failure = summary.failures.find((f) => f.name === path.join(logs, rel));
      expect(failure?.reason, rel).toMatch(new RegExp(`^${reason}`));
    }
    expect(summary.failures.map((f) => f.reason)).toEqual(expect.arrayContaining([expect.stringMatching(/^bad gzip \(incorrect header check\)$/), 'no Records array']));
  });

  it('imports a VOD record when VOD is configured, and takes a file named on the command line whatever its name', async () => {
    setUp();
    const trail = buildTrail();
    writeTrail(dir, trail);
    const vodFile = [...trail.files.keys()].find((k) => k.includes('eu-west-1'))!;
    const renamed = path.join(dir, 'copied-by-hand.txt');
    fs.writeFileSync(renamed, JSON.stringify({ Records: [JSON.parse(JSON.stringify(trail.others[2]))] }));
    const summary = await run([path.join(dir, vodFile), renamed], [...DEFAULT_EVENT_SOURCES, 'mediapackagevod.amazonaws.com']);
    expect(summary).toMatchObject({ filesRead: 2, records: 4, events: 4, added: 3, alreadyPresent: 1 });
    expect((await store.getEvent(trail.others[2].eventID as string))?.event.eventSource).toBe('mediapackagevod.amazonaws.com');
  });
});

describe('reading one log file', () => {
  // The import's own steps: the bytes as an S3 object streams them, then the parser thread's decode and parse.
  const read = async (bytes: Buffer | string, gzipped: boolean) => recordsOf(decodeLogBuffer(await readLogBytes(Readable.from([Buffer.from(bytes)]), gzipped), gzipped).toString('utf8'));

  it('reads gzip and plain JSON, and gives a reason for each kind of bad file', async () => {
    expect(await read(gzipSync('{"Records":[{"a":1}]}'), true)).toEqual([{ a: 1 }]);
    expect(await read('\ufeff{"Records":[]}', false)).toEqual([]);
    await expect(read('plain text', true)).rejects.toThrow('bad gzip (incorrect header check)');
    await expect(read('', false)).rejects.toThrow('not JSON (empty file)');
    await expect(read('{"Records":', false)).rejects.toThrow(/^not JSON \(/);
    await expect(read('[1,2]', false)).rejects.toThrow('no Records array (the file is JSON but not an object)');
    await expect(read('{"Records":{}}', false)).rejects.toThrow('no Records array (Records is not an array)');
  });

  it('tells trail log files from digests, Insights and other files', () => {
    expect(isLogFileName('AWSLogs/1/CloudTrail/us-west-2/2026/11/20/1_CloudTrail_us-west-2_20261120T1205Z_abc.json.gz')).toBe(true);
    expect(isLogFileName('x/plain.json')).toBe(true);
    expect(isLogFileName('AWSLogs/1/CloudTrail-Digest/us-west-2/2026/11/20/1_CloudTrail-Digest_us-west-2_t_us-west-2_20261120T120000Z.json.gz')).toBe(false);
    expect(isLogFileName('AWSLogs/1/CloudTrail-Insight/us-west-2/2026/11/20/1_CloudTrail-Insight_us-west-2_x.json.gz')).toBe(false);
    expect(isLogFileName('AWSLogs/1/CloudTrail/README.md')).toBe(false);
  });
});
