import { spawn } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeRecords } from '@/lib/testing/records';
import { emptyFilter } from '@/lib/filters/schema';
import { PostgresStore } from '@/lib/store/postgres/pg-store';
import { startHarness, type Harness } from '@/lib/testing/sync-harness';
import { TEST_PG_URL, freshSchema } from '@/lib/testing/temp-postgres';

const ROOT = path.resolve(__dirname, '..');
let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

function runCli(args: string[], env: Record<string, string>) {
  const child = spawn(process.execPath, ['--conditions=react-server', '--import', 'tsx', 'scripts/sync.ts', ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, exited, output: () => output };
}

describe('npm run sync (the CLI)', () => {
  it('resumes a backfill killed with SIGKILL where it stopped: same count, no duplicates, no second full read', async () => {
    const harness = (h = await startHarness({ tps: 25 }));
    harness.emulator.add(makeRecords(2000));
    const env = {
      PACKTRAIL_SOURCE: 'aws',
      PACKTRAIL_REGIONS: 'us-west-2',
      PACKTRAIL_EVENT_SOURCES: 'mediapackage.amazonaws.com',
      PACKTRAIL_RATE_LIMIT: '25',
      DATABASE_URL: `file:${path.join(harness.dir, 'cli.db')}`,
    };
    const first = runCli(['--once'], env);
    while (harness.emulator.stats().served < 15) {
      if (first.child.exitCode !== null) throw new Error(`CLI exited early:\n${first.output()}`);
      await new Promise((r) => setTimeout(r, 20));
    }
    first.child.kill('SIGKILL');
    await first.exited;
    const servedBeforeKill = harness.emulator.stats().served;
    expect(servedBeforeKill).toBeLessThan(40); // killed well before the 40 pages were read

    const second = runCli(['--once'], env);
    expect(await second.exited, second.output()).toBe(0);
    expect(second.output()).toMatch(/us-west-2 mediapackage\.amazonaws\.com: \d+ events read/);

    const { SqliteStore } = await import('@/lib/store/sqlite/sqlite-store');
    const store = new SqliteStore(path.join(harness.dir, 'cli.db'));
    const row = store.db.prepare('SELECT count(*) AS n, count(DISTINCT event_id) AS d FROM events').get() as { n: number; d: number };
    await store.close();
    expect(row).toEqual({ n: 2000, d: 2000 });
    // 40 pages in all, plus an incremental page; a restart from scratch would need 40 more.
    expect(harness.emulator.stats().served).toBeLessThanOrEqual(40 + 2 + 2);
  });

  it('syncs into PostgreSQL as into SQLite, and a second run adds nothing', async () => {
    const harness = (h = await startHarness({ tps: 50 }));
    harness.emulator.add(makeRecords(600));
    const { schema, drop } = await freshSchema();
    try {
      const env = {
        PACKTRAIL_SOURCE: 'aws',
        PACKTRAIL_REGIONS: 'us-west-2',
        PACKTRAIL_EVENT_SOURCES: 'mediapackage.amazonaws.com',
        PACKTRAIL_RATE_LIMIT: '50',
        // libpq's `options` parameter, as a deployment might pin a schema in its URL.
        DATABASE_URL: `${TEST_PG_URL}?options=${encodeURIComponent(`-c search_path=${schema}`)}`,
      };
      const first = runCli(['--once'], env);
      expect(await first.exited, first.output()).toBe(0);
      const second = runCli(['--once'], env);
      expect(await second.exited, second.output()).toBe(0);
      const store = new PostgresStore(TEST_PG_URL, { schema });
      expect(await store.countEvents(emptyFilter)).toBe(600);
      expect((await store.userActivity(emptyFilter)).reduce((n, u) => n + u.events, 0)).toBe(600);
      await store.close();
    } finally {
      await drop();
    }
  });

  it('says in one line, without the password, when the PostgreSQL store cannot be reached', async () => {
    const result = runCli(['--once'], {
      PACKTRAIL_SOURCE: 'aws',
      AWS_ACCESS_KEY_ID: 'AKIATESTTESTTESTTEST',
      AWS_SECRET_ACCESS_KEY: 'x',
      DATABASE_URL: 'postgres://packtrail:Hunter2-secret@127.0.0.1:1/packtrail',
    });
    expect(await result.exited).toBe(1);
    expect(result.output()).toContain('PostgreSQL store: nothing answers at database "packtrail" on 127.0.0.1:1 as user "packtrail"');
    expect(result.output()).not.toContain('Hunter2-secret');
    expect(result.output()).not.toMatch(/\n\s+at /); // no stack trace
  });

  it('exits non-zero with a clear message when CloudTrail cannot be reached', async () => {
    const result = runCli(['--once'], {
      PACKTRAIL_SOURCE: 'aws',
      PACKTRAIL_REGIONS: 'us-west-2',
      AWS_ENDPOINT_URL_CLOUDTRAIL: 'http://127.0.0.1:9', // nothing listens on the discard port
      AWS_ACCESS_KEY_ID: 'AKIATESTTESTTESTTEST',
      AWS_SECRET_ACCESS_KEY: 'x',
      DATABASE_URL: `file:${path.join(os.tmpdir(), `packtrail-cli-${process.pid}.db`)}`,
    });
    expect(await result.exited).toBe(1);
    expect(result.output()).toMatch(/Cannot reach CloudTrail for region us-west-2 at http:\/\/127\.0\.0\.1:9 \(ECONNREFUSED\)/);
  });

  it('stops at start on a bad PACKTRAIL_ACCOUNTS entry, naming it and the accepted shape', async () => {
    const result = runCli(['--once'], {
      PACKTRAIL_SOURCE: 'aws',
      PACKTRAIL_ACCOUNTS: 'prod=arn:aws:iam::111122223333:role/Reader,prod=arn:aws:iam::444455556666:role/Reader',
      AWS_ACCESS_KEY_ID: 'AKIATESTTESTTESTTEST',
      AWS_SECRET_ACCESS_KEY: 'x',
    });
    expect(await result.exited).toBe(1);
    expect(result.output()).toContain('PACKTRAIL_ACCOUNTS: the name "prod" is given twice');
    const arn = runCli(['--once'], { PACKTRAIL_SOURCE: 'aws', PACKTRAIL_ACCOUNTS: 'prod=arn:aws:iam::111122223333:user/alice' });
    expect(await arn.exited).toBe(1);
    expect(arn.output()).toMatch(/"prod=arn:aws:iam::111122223333:user\/alice": .* is not an IAM role ARN such as arn:aws:iam::111122223333:role\/PacktrailReader/);
  });

  it('rejects unknown arguments with its usage', async () => {
    const result = runCli(['--bogus'], {});
    expect(await result.exited).toBe(2);
    expect(result.output()).toMatch(/usage: npm run sync -- --once/);
  });
});

describe('npm run sync, when the cause is outside Packtrail', () => {
  it('says plainly that no AWS credentials were found', async () => {
    const emptyHome = path.join(os.tmpdir(), `packtrail-nohome-${process.pid}`);
    const env: Record<string, string> = {
      PACKTRAIL_SOURCE: 'aws',
      PACKTRAIL_REGIONS: 'us-west-2',
      HOME: emptyHome,
      AWS_CONFIG_FILE: path.join(emptyHome, 'none'),
      AWS_SHARED_CREDENTIALS_FILE: path.join(emptyHome, 'none'),
      AWS_EC2_METADATA_DISABLED: 'true',
      AWS_ACCESS_KEY_ID: '',
      AWS_SECRET_ACCESS_KEY: '',
      AWS_PROFILE: '',
      AWS_ENDPOINT_URL_CLOUDTRAIL: 'http://127.0.0.1:9',
      DATABASE_URL: `file:${path.join(os.tmpdir(), `packtrail-nocreds-${process.pid}.db`)}`,
    };
    const result = runCli(['--once'], env);
    expect(await result.exited).toBe(1);
    expect(result.output()).toMatch(/No AWS credentials found .*Configure credentials as for the AWS CLI/);
  });

  it('says when a region name does not resolve, without retrying it for long', async () => {
    const started = Date.now();
    const result = runCli(['--once'], {
      PACKTRAIL_SOURCE: 'aws',
      PACKTRAIL_REGIONS: 'xx-nowhere-1',
      AWS_ENDPOINT_URL_CLOUDTRAIL: 'http://cloudtrail.xx-nowhere-1.invalid',
      AWS_ACCESS_KEY_ID: 'AKIATESTTESTTESTTEST',
      AWS_SECRET_ACCESS_KEY: 'x',
      DATABASE_URL: `file:${path.join(os.tmpdir(), `packtrail-noregion-${process.pid}.db`)}`,
    });
    expect(await result.exited).toBe(1);
    expect(result.output()).toMatch(/Cannot resolve the CloudTrail endpoint for region xx-nowhere-1 .*is the region name right/);
    expect(Date.now() - started).toBeLessThan(30_000);
  });
});
