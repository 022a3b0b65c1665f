import { afterEach, describe, expect, it } from 'vitest';
import { startEmulator } from '@/lib/emulator/lookup-events-server';
import { makeRecord, makeRecords } from '@/lib/testing/records';
import { inRegion, pointSdkAt, startHarness, type Harness } from '@/lib/testing/sync-harness';
import { syncAll } from './run-sync';

const V1 = 'mediapackage.amazonaws.com';
const incremental = { kind: 'incremental' } as const;

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

function storedIds(harness: Harness): string[] {
  return harness.store.db.prepare('SELECT event_id FROM events').pluck().all() as string[];
}

describe('sync under the faults that really happen', () => {
  it('ends with exactly the events the source holds through 20 % server errors and throttle bursts', async () => {
    h = await startHarness({ faultRate: 0.2, throttleRate: 0.1, seed: 2026 });
    const records = makeRecords(1500, { spanMs: 60 * 86_400_000 });
    h.emulator.add(records);
    h.emulator.failNext(6, 'throttle');
    const [result] = await syncAll(h.context(), [inRegion('us-west-2')], [V1], incremental);
    expect(result.streams[0].ok).toBe(true);
    expect(result.streams[0].retries + result.streams[0].throttles).toBeGreaterThan(5);
    const ids = storedIds(h);
    expect(ids).toHaveLength(1500);
    expect(new Set(ids)).toEqual(new Set(records.map((r) => r.eventID)));
  });

  it('stores odd records with their raw text intact and flagged, without stopping the sync', async () => {
    h = await startHarness();
    const noIdentity = makeRecord();
    delete noIdentity.userIdentity;
    const future: Record<string, unknown> = { ...makeRecord(), eventVersion: '2.0' };
    const emptyIp: Record<string, unknown> = { ...makeRecord(), sourceIPAddress: '' };
    const huge: Record<string, unknown> = { ...makeRecord({ eventName: 'UpdateOriginEndpoint' }), responseElements: { id: 'big', description: 'x'.repeat(1_000_000) } };
    const notJson = '{"eventVersion":"1.08","eventID":"oops" this is not JSON';
    h.emulator.add([
      noIdentity,
      future,
      emptyIp,
      huge,
      makeRecord(),
      {
        record: notJson,
        region: 'us-west-2',
        lookup: { EventId: '0dd0dd00-0000-4000-8000-000000000001', EventName: 'UpdateChannel', EventSource: V1, EventTime: new Date(Date.now() - 3_600_000), ReadOnly: 'false', Username: 'deploy-bot' },
      },
    ]);
    const [result] = await syncAll(h.context(), [inRegion('us-west-2')], [V1], incremental);
    expect(result.streams[0]).toMatchObject({ ok: true, newEvents: 6 });
    const flagsOf = async (id: string) => (await h!.store.getEvent(id))!.flags;
    expect(await flagsOf(noIdentity.eventID as string)).toContain('missing-userIdentity');
    expect(await flagsOf(future.eventID as string)).toContain('unknown-event-version');
    expect(await flagsOf(emptyIp.eventID as string)).toContain('empty-sourceIPAddress');
    const bad = await h.store.getEvent('0dd0dd00-0000-4000-8000-000000000001');
    expect(bad?.flags).toContain('invalid-json');
    expect(bad?.cloudTrailEvent).toBe(notJson);
    expect(bad?.event).toMatchObject({ eventName: 'UpdateChannel', principal: 'deploy-bot' });
    expect((await h.store.getEvent(huge.eventID as string))?.cloudTrailEvent).toBe(JSON.stringify(huge));
  });

  it('says plainly when CloudTrail cannot be reached, and recovers by itself once it is back', async () => {
    h = await startHarness();
    h.emulator.add(makeRecords(30));
    const port = Number(new URL(h.emulator.url).port);
    await h.emulator.close();
    const ctx = h.context({}, { maxErrorRetries: 1 });
    const [down] = await syncAll(ctx, [inRegion('us-west-2')], [V1], incremental);
    expect(down.streams[0].ok).toBe(false);
    expect(down.streams[0].error).toMatch(/Cannot reach CloudTrail for region us-west-2 .*ECONNREFUSED/);
    expect((await h.store.getSyncState('default', 'us-west-2', V1))?.lastError?.message).toMatch(/ECONNREFUSED/);

    const back = await startEmulator({ port, tps: 50 });
    back.add(makeRecords(30));
    pointSdkAt(back);
    try {
      const [up] = await syncAll(ctx, [inRegion('us-west-2')], [V1], incremental);
      expect(up.streams[0].ok).toBe(true);
      expect(storedIds(h)).toHaveLength(30);
      expect((await h.store.getSyncState('default', 'us-west-2', V1))?.lastError).toBeNull();
    } finally {
      await back.close();
    }
  });
});
