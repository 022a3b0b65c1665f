// `npm run bench:sync [-- --events 10000 --accounts 2 --regions 2 --runs 1]`: a first-run backfill
// through the emulator at the real 2 requests/s limit, of every account (each through its role:
// AssumeRole, then LookupEvents) in every region at once. The quota is per account per region, so
// each account-region must stay near its own ceiling while the others run. Prints each one's
// events/s and requests/s against the ceiling; exits 1 if any is under 95 %, or a throttle reached
// the caller as a failed sync, or an event was lost.
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { parseAccounts } from '@/lib/accounts/accounts-config';
import { accountCredentials } from '@/lib/cloudtrail/account-credentials';
import { describeError } from '@/lib/cloudtrail/errors';
import { CloudTrailReader } from '@/lib/cloudtrail/lookup';
import { startEmulator } from '@/lib/emulator/lookup-events-server';
import { emptyFilter } from '@/lib/filters/schema';
import { SqliteStore } from '@/lib/store/sqlite/sqlite-store';
import { makeRecords } from '@/lib/testing/records';
import { pointSdkAt, tempDir } from '@/lib/testing/sync-harness';
import { newLockOwner } from '@/lib/store/lock-owner';
import { syncTarget, syncTargets } from '@/lib/sync/run-sync';

const CEILING = 2;
const ALL_REGIONS = ['us-west-2', 'eu-west-1', 'us-east-1', 'ap-southeast-2'];
const { values } = parseArgs({
  options: { events: { type: 'string', default: '10000' }, accounts: { type: 'string', default: '2' }, regions: { type: 'string', default: '2' }, runs: { type: 'string', default: '1' } },
});
const events = Number(values.events);
const runs = Number(values.runs);
const accountIds = Array.from({ length: Number(values.accounts) }, (_, i) => String(111122223333 + i * 333333333).padStart(12, '0'));
const regions = ALL_REGIONS.slice(0, Number(values.regions));
const role = (id: string) => `arn:aws:iam::${id}:role/PacktrailReader`;

async function once(run: number) {
  const emulator = await startEmulator({ tps: CEILING, accounts: accountIds.map((id) => ({ accountId: id, roleArns: [role(id)] })) });
  // `events` per account-region, spread over 85 days.
  for (const account of accountIds) for (const region of regions) emulator.add(makeRecords(events, { account, region, spanMs: 85 * 86_400_000 }));
  pointSdkAt(emulator);
  const dir = tempDir('packtrail-bench-');
  const store = new SqliteStore(path.join(dir, 'bench.db'));
  const accounts = parseAccounts(accountIds.map((id, i) => `account-${i + 1}=${role(id)}`).join(','))!;
  const readers = new Map(accounts.map((a) => [a.name, new CloudTrailReader({ account: a.name, requestsPerSecond: CEILING, credentials: accountCredentials(a, null) })]));
  const ctx = {
    store,
    readerFor: (a: { name: string }) => readers.get(a.name)!,
    overlapMs: 15 * 60_000,
    lockOwner: newLockOwner(),
    lockTtlMs: 60_000,
    describe: (e: unknown, { account, region }: { account: (typeof accounts)[number]; region: string }) => describeError(e, { region, account }),
  };
  const started = performance.now();
  const targets = await Promise.all(
    syncTargets(accounts, regions).map(async (target) => {
      const [result] = [await syncTarget(ctx, target, ['mediapackage.amazonaws.com'], { kind: 'incremental' })];
      return { target, result, seconds: (performance.now() - started) / 1000 };
    }),
  );
  const stats = emulator.stats();
  const figures = targets.map(({ target, result, seconds }) => {
    const stream = result.streams[0];
    const bucket = stats.byAccountRegion[`${target.account.accountId}/${target.region}`];
    return {
      run,
      target: `${target.account.name}/${target.region}`,
      events: stream.events,
      seconds: Number(seconds.toFixed(1)),
      eventsPerSecond: Number((stream.events / seconds).toFixed(1)),
      requestsPerSecond: Number((bucket.requests / seconds).toFixed(3)),
      ofCeiling: Number(((bucket.requests / seconds / CEILING) * 100).toFixed(1)),
      throttledByEmulator: bucket.throttled,
      syncFailed: !stream.ok,
    };
  });
  const stored = await store.countEvents(emptyFilter);
  for (const r of readers.values()) r.destroy();
  await store.close();
  await emulator.close();
  fs.rmSync(dir, { recursive: true, force: true });
  return { figures, stored, expected: events * accountIds.length * regions.length };
}

async function main() {
  console.log(
    `bench:sync — first-run backfill of ${events} events in each of ${accountIds.length} accounts × ${regions.length} regions at once, emulator limit ${CEILING} req/s per account-region, client limit ${CEILING} req/s per account-region`,
  );
  const all = [];
  let lost = false;
  for (let i = 1; i <= runs; i++) {
    const { figures, stored, expected } = await once(i);
    for (const f of figures) console.log(JSON.stringify(f));
    console.log(`run ${i}: events stored/expected ${stored}/${expected}`);
    lost ||= stored !== expected;
    all.push(...figures);
  }
  const worst = Math.min(...all.map((f) => f.ofCeiling));
  const failed = all.filter((f) => f.syncFailed).length;
  console.log(`lowest account-region: ${worst} % of the ${CEILING} req/s ceiling; throttled by the emulator: ${all.reduce((n, f) => n + f.throttledByEmulator, 0)}; throttles surfaced as failures: ${failed}`);
  const ok = worst >= 95 && failed === 0 && !lost;
  console.log(ok ? 'PASS: every account-region ≥ 95 % of its ceiling at once, nothing lost, no throttle surfaced' : 'FAIL: an account-region under 95 % of its ceiling, or a sync failed or lost events');
  process.exit(ok ? 0 : 1);
}

void main();
