import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { emptyFilter } from '@/lib/filters/schema';
import { openStore } from '@/lib/store/open-store';
import { startS3Server, type S3TestServer } from '@/lib/testing/s3-server';
import { tempDir } from '@/lib/testing/sync-harness';
import { buildTrail, writeTrail, type TrailFixture } from './trail-fixture';

const ROOT = path.resolve(__dirname, '../..');
let dir: string;
let s3: S3TestServer | undefined;
afterEach(async () => {
  await s3?.close();
  s3 = undefined;
  fs.rmSync(dir, { recursive: true, force: true });
});

/** The CLI as `npm run import` starts it, with an environment of the test's own (no inherited store or AWS settings). */
function runCli(args: string[], env: Record<string, string>) {
  const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(AWS_|PACKTRAIL_|DATABASE_URL$)/.test(k)));
  const child = spawn(process.execPath, ['--conditions=react-server', '--import', 'tsx', 'scripts/import.ts', ...args], {
    cwd: ROOT,
    env: { ...base, ...env } as NodeJS.ProcessEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

async function expectStored(databaseFile: string, trail: TrailFixture) {
  const store = openStore(`file:${databaseFile}`);
  try {
    expect(await store.countEvents(emptyFilter)).toBe(trail.mediaPackage.length);
    for (const r of trail.mediaPackage) expect((await store.getEvent(r.eventID as string))?.cloudTrailEvent).toBe(JSON.stringify(r));
    for (const r of trail.others) expect(await store.getEvent(r.eventID as string)).toBeNull();
  } finally {
    await store.close();
  }
}

describe('npm run import (the CLI)', () => {
  it('imports a local tree into $PACKTRAIL_DATA_DIR/packtrail.db, exits 0, and adds nothing the second time', async () => {
    dir = tempDir('packtrail-import-cli-');
    const trail = buildTrail();
    writeTrail(path.join(dir, 'logs'), trail);
    const env = { PACKTRAIL_DATA_DIR: path.join(dir, 'data') };
    const first = await runCli([path.join(dir, 'logs')], env);
    expect(first.code, first.stdout + first.stderr).toBe(0);
    expect(first.stdout).toMatch(/files read: +3\n/);
    expect(first.stdout).toMatch(/records seen: +10\n/);
    expect(first.stdout).toMatch(/MediaPackage events: +7 added, 0 already present\n/);
    expect(first.stdout).toMatch(/files skipped: +2 /);
    expect(first.stdout).toMatch(/files that failed: +0/);
    expect(first.stderr).toMatch(/import: 3\/3 files \| 10 records \| 7 added \| \d+ events\/s \| done/);
    await expectStored(path.join(dir, 'data', 'packtrail.db'), trail);

    const second = await runCli([path.join(dir, 'logs')], env);
    expect(second.code).toBe(0);
    expect(second.stdout).toMatch(/MediaPackage events: +0 added, 7 already present\n/);
  });

  it('names every bad file with its reason, imports the rest, and exits 1', async () => {
    dir = tempDir('packtrail-import-cli-');
    const trail = buildTrail({ withBadFiles: true });
    writeTrail(path.join(dir, 'logs'), trail);
    const result = await runCli([path.join(dir, 'logs')], { DATABASE_URL: `file:${path.join(dir, 'cli.db')}` });
    expect(result.code, result.stdout + result.stderr).toBe(1);
    expect(result.stdout).toMatch(/files that failed: +4\n/);
    for (const [rel, reason] of trail.bad) expect(result.stdout).toContain(`✗ ${path.join(dir, 'logs', rel)}: ${reason}`);
    await expectStored(path.join(dir, 'cli.db'), trail);
  });

  it.each([
    [[], /name at least one file/],
    [['/no/such/trail'], /\/no\/such\/trail: no such file or directory/],
    [['s3://'], /does not name a bucket/],
    [['--bogus', '.'], /Unknown option '--bogus'/],
  ])('exits 2 with its usage for %j', async (args, message) => {
    dir = tempDir('packtrail-import-cli-');
    const result = await runCli(args, { DATABASE_URL: `file:${path.join(dir, 'cli.db')}` });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).toMatch(/usage: npm run import -- <path\|s3:\/\/bucket\/prefix>/);
    expect(fs.existsSync(path.join(dir, 'cli.db'))).toBe(false);
  });

  it('reads the same trail from S3, following ListObjectsV2 continuation tokens', async () => {
    dir = tempDir('packtrail-import-cli-');
    s3 = await startS3Server({ maxKeys: 2 });
    const trail = buildTrail({ withBadFiles: true });
    for (const [key, body] of trail.files) s3.put('trail-logs', `org/${key}`, body);
    s3.put('trail-logs', 'elsewhere/AWSLogs/ignored.json', '{"Records":[]}');
    const env = {
      DATABASE_URL: `file:${path.join(dir, 's3.db')}`,
      AWS_ENDPOINT_URL_S3: s3.url,
      AWS_ACCESS_KEY_ID: 'AKIATESTTESTTESTTEST',
      AWS_SECRET_ACCESS_KEY: 'test-secret',
    };
    const result = await runCli(['s3://trail-logs/org/'], env);
    expect(result.code, result.stdout + result.stderr).toBe(1);
    expect(result.stdout).toMatch(/files read: +3\n/);
    expect(result.stdout).toMatch(/MediaPackage events: +7 added, 0 already present\n/);
    expect(result.stdout).toMatch(/files skipped: +2 /);
    for (const [rel, reason] of trail.bad) expect(result.stdout).toContain(`✗ s3://trail-logs/org/${rel}: ${reason}`);
    // 9 keys at 2 a page: the SDK had to follow four continuation tokens.
    expect(s3.stats().listRequests).toBe(5);
    expect(s3.stats().getRequests).toBe(7);
    await expectStored(path.join(dir, 's3.db'), trail);

    const again = await runCli(['s3://trail-logs/org/AWSLogs/111122223333/CloudTrail/eu-west-1'], env);
    expect(again.code, again.stdout + again.stderr).toBe(0);
    expect(again.stdout).toMatch(/MediaPackage events: +0 added, 2 already present\n/);
  });

  it('reports a bucket it cannot list as a failure and exits 1', async () => {
    dir = tempDir('packtrail-import-cli-');
    s3 = await startS3Server();
    const result = await runCli(['s3://missing-bucket/AWSLogs/'], {
      DATABASE_URL: `file:${path.join(dir, 's3.db')}`,
      AWS_ENDPOINT_URL_S3: s3.url,
      AWS_ACCESS_KEY_ID: 'AKIATESTTESTTESTTEST',
      AWS_SECRET_ACCESS_KEY: 'test-secret',
    });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('✗ s3://missing-bucket/AWSLogs/: cannot list (NoSuchBucket for bucket missing-bucket');
  });
});
