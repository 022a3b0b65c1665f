import { afterEach, describe, expect, it } from 'vitest';
import { parseAccounts, type AccountConfig } from '@/lib/accounts/accounts-config';
import { accountCredentials } from '@/lib/cloudtrail/account-credentials';
import { describeError } from '@/lib/cloudtrail/errors';
import { CloudTrailReader } from '@/lib/cloudtrail/lookup';
import { emptyFilter } from '@/lib/filters/schema';
import { makeRecords } from '@/lib/testing/records';
import { startHarness, type Harness } from '@/lib/testing/sync-harness';
import { syncAll, syncTargets } from './run-sync';
import type { SyncContext } from './types';

// Several accounts through the real SDK: AssumeRole (fromTemporaryCredentials) and LookupEvents
// against the emulator, which serves each role's session its own account's records.

const V1 = 'mediapackage.amazonaws.com';
const PROD = '111122223333';
const STAGING = '444455556666';
const ROLE = (id: string) => `arn:aws:iam::${id}:role/PacktrailReader`;
const incremental = { kind: 'incremental' } as const;
const REGIONS = ['us-west-2', 'eu-west-1'];

let h: Harness;
afterEach(async () => h?.close());

const [prod, staging] = parseAccounts(`media-prod=${ROLE(PROD)},media-staging=${ROLE(STAGING)}`)!;

async function start(options: { externalId?: string; sessionSeconds?: number; tps?: number } = {}) {
  h = await startHarness({
    tps: options.tps ?? 50,
    sessionSeconds: options.sessionSeconds,
    accounts: [
      { accountId: PROD, roleArns: [ROLE(PROD)], externalId: 'packtrail-ext' },
      { accountId: STAGING, roleArns: [ROLE(STAGING)], externalId: 'packtrail-ext' },
    ],
  });
  h.emulator.add([
    ...makeRecords(120, { account: PROD, region: 'us-west-2' }),
    ...makeRecords(80, { account: PROD, region: 'eu-west-1' }),
    ...makeRecords(60, { account: STAGING, region: 'us-west-2' }),
    ...makeRecords(40, { account: STAGING, region: 'eu-west-1' }),
    // The long-term key's own account: no role session sees it.
    ...makeRecords(10, { account: '777788889999', region: 'us-west-2' }),
  ]);
}

/** A context whose accounts each read through their own reader and assumed role, as the server wires them. */
function context(externalId: string | null = 'packtrail-ext', rps = 50, overrides: Partial<SyncContext> = {}): SyncContext {
  const readers = new Map<string, CloudTrailReader>();
  const readerFor = (account: AccountConfig) => {
    let reader = readers.get(account.name);
    if (!reader) readers.set(account.name, (reader = new CloudTrailReader({ account: account.name, requestsPerSecond: rps, backoffBaseMs: 20, credentials: accountCredentials(account, externalId) })));
    return reader;
  };
  return { ...h.context(), readerFor, describe: (err, { account, region }) => describeError(err, { region, account, externalId }), ...overrides };
}

async function stored(account: string, region: string): Promise<number> {
  return h.store.countEvents({ ...emptyFilter, accounts: [account], regions: [region] });
}

describe('several accounts', () => {
  it('syncs two accounts × two regions through their roles, each account-region exactly', async () => {
    await start();
    const results = await syncAll(context(), syncTargets([prod, staging], REGIONS), [V1], incremental);
    expect(results.map((r) => [r.account, r.region, r.streams[0].ok, r.streams[0].newEvents])).toEqual([
      ['media-prod', 'us-west-2', true, 120],
      ['media-prod', 'eu-west-1', true, 80],
      ['media-staging', 'us-west-2', true, 60],
      ['media-staging', 'eu-west-1', true, 40],
    ]);
    expect([await stored(PROD, 'us-west-2'), await stored(PROD, 'eu-west-1'), await stored(STAGING, 'us-west-2'), await stored(STAGING, 'eu-west-1')]).toEqual([120, 80, 60, 40]);
    expect(await h.store.countEvents(emptyFilter)).toBe(300);
    // Each account-region has its own state, with its account id learnt.
    const states = await h.store.getSyncStates();
    expect(states.map((s) => [s.account, s.region, s.accountId, Boolean(s.watermark)])).toEqual([
      ['media-prod', 'eu-west-1', PROD, true],
      ['media-prod', 'us-west-2', PROD, true],
      ['media-staging', 'eu-west-1', STAGING, true],
      ['media-staging', 'us-west-2', STAGING, true],
    ]);
    // And its own quota: every account-region was asked through a bucket of its own.
    expect(Object.keys(h.emulator.stats().byAccountRegion).sort()).toEqual([`${PROD}/eu-west-1`, `${PROD}/us-west-2`, `${STAGING}/eu-west-1`, `${STAGING}/us-west-2`]);
  });

  it('shows a role that cannot be assumed with what to grant, finishes the other account, and recovers once granted', async () => {
    await start();
    h.emulator.setAccount(STAGING, { denied: true });
    const ctx = context();
    const first = await syncAll(ctx, syncTargets([prod, staging], REGIONS), [V1], incremental);
    const denied = first.filter((r) => r.account === 'media-staging').map((r) => r.streams[0]);
    expect(denied.every((s) => !s.ok)).toBe(true);
    expect(denied[0].error).toContain(`Cannot assume ${ROLE(STAGING)} for account media-staging, region us-west-2`);
    expect(denied[0].error).toMatch(/AccessDenied.*sts:AssumeRole on that role.*trust policy.*cloudtrail:LookupEvents/);
    expect((await h.store.getSyncState('media-staging', 'us-west-2', V1))?.lastError?.message).toBe(denied[0].error);
    expect([await stored(PROD, 'us-west-2'), await stored(PROD, 'eu-west-1'), await stored(STAGING, 'us-west-2')]).toEqual([120, 80, 0]);

    h.emulator.setAccount(STAGING, { denied: false });
    const again = await syncAll(ctx, syncTargets([prod, staging], REGIONS), [V1], incremental);
    expect(again.every((r) => r.streams[0].ok)).toBe(true);
    expect([await stored(STAGING, 'us-west-2'), await stored(STAGING, 'eu-west-1')]).toEqual([60, 40]);
    expect((await h.store.getSyncState('media-staging', 'us-west-2', V1))?.lastError).toBeNull();
  });

  it('says so when the ExternalId is wrong', async () => {
    await start();
    const [result] = await syncAll(context('not-the-external-id'), syncTargets([prod], ['us-west-2']), [V1], incremental);
    expect(result.streams[0].error).toMatch(/Cannot assume .*PacktrailReader.*with the ExternalId set in PACKTRAIL_ROLE_EXTERNAL_ID/);
  });

  it('renews a session revoked in the middle of a backfill without losing or repeating a page', async () => {
    await start();
    let pages = 0;
    const ctx = context('packtrail-ext', 50, {
      onProgress: (p) => {
        if (p.account === 'media-prod' && !p.done && ++pages === 2) h.emulator.revokeSessions(PROD);
      },
    });
    const assumedBefore = h.emulator.stats().assumeRoles;
    const [result] = await syncAll(ctx, syncTargets([prod], ['us-west-2']), [V1], incremental);
    // The backfill's three pages, then the incremental pass's one (which re-reads its overlap).
    expect(result.streams[0]).toMatchObject({ ok: true, newEvents: 120, pages: 4 });
    expect(await stored(PROD, 'us-west-2')).toBe(120);
    // Every page served once (none asked twice), the call the revoked session made refused, and a
    // second AssumeRole for the new session.
    expect(h.emulator.stats().byAccountRegion[`${PROD}/us-west-2`]).toMatchObject({ served: 4 });
    expect(h.emulator.stats().byRegion['us-west-2']).toMatchObject({ requests: 5, served: 4 });
    expect(h.emulator.stats().assumeRoles - assumedBefore).toBe(2);
  });

  it('keeps reading when sessions expire every few seconds (the SDK renews them before they do)', async () => {
    await start({ sessionSeconds: 2 });
    const [result] = await syncAll(context('packtrail-ext', 2), syncTargets([prod], ['eu-west-1']), [V1], incremental);
    expect(result.streams[0]).toMatchObject({ ok: true, newEvents: 80 });
    expect(h.emulator.stats().assumeRoles).toBeGreaterThan(1);
  });
});
