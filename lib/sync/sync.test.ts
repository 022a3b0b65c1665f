import { afterEach, describe, expect, it } from 'vitest';
import { emptyFilter } from '@/lib/filters/schema';
import { makeRecord, makeRecords } from '@/lib/testing/records';
import { inRegion, startHarness, type Harness } from '@/lib/testing/sync-harness';
import { syncAll, syncTarget } from './run-sync';
import { findEvent } from './find-event';

const V1 = 'mediapackage.amazonaws.com';
const V2 = 'mediapackagev2.amazonaws.com';
const incremental = { kind: 'incremental' } as const;

let h: Harness;
afterEach(async () => {
  await h?.close();
});

function stored(harness: Harness): { event_id: string; region: string; event_source: string }[] {
  return harness.store.db.prepare('SELECT event_id, region, event_source FROM events').all() as never;
}

describe('sync against the LookupEvents emulator, through the real SDK', () => {
  it('backfills 90 days on the first run, page by page, and stores every event once', async () => {
    h = await startHarness();
    const v1 = makeRecords(260, { eventSource: V1 });
    const v2 = makeRecords(40, { eventSource: V2, eventName: 'UpdateOriginEndpoint' });
    h.emulator.add([...v1, ...v2]);
    const [result] = await syncAll(h.context(), [inRegion('us-west-2')], [V1, V2], incremental);
    expect(result.streams.map((s) => [s.eventSource, s.ok, s.newEvents])).toEqual([[V1, true, 260], [V2, true, 40]]);
    // 6 pages of 50 for v1 plus one incremental page; 1 page for v2 plus one incremental page.
    expect(result.streams[0].pages).toBe(6 + 1);
    const rows = stored(h);
    expect(rows).toHaveLength(300);
    expect(new Set(rows.map((r) => r.event_id)).size).toBe(300);
    const state = await h.store.getSyncState('default', 'us-west-2', V1);
    expect(state?.job).toBeNull();
    expect(Date.parse(state!.coveredFrom!)).toBeLessThan(Date.now() - 89 * 86_400_000);
    expect(Date.parse(state!.watermark!)).toBeGreaterThan(Date.now() - 60_000);
  });

  it('never stores a MediaLive or IVS event that shares an operation name', async () => {
    h = await startHarness();
    h.emulator.add([
      makeRecord({ eventName: 'CreateChannel', eventSource: 'medialive.amazonaws.com' }),
      makeRecord({ eventName: 'CreateChannel', eventSource: 'ivs.amazonaws.com' }),
      makeRecord({ eventName: 'CreateChannel', eventSource: V1 }),
    ]);
    await syncAll(h.context(), [inRegion('us-west-2')], [V1, V2], incremental);
    expect(stored(h).map((r) => r.event_source)).toEqual([V1]);
  });

  it('keeps two regions apart, each read with its own credential scope', async () => {
    h = await startHarness();
    h.emulator.add([...makeRecords(70, { region: 'us-west-2' }), ...makeRecords(30, { region: 'eu-west-1' })]);
    const results = await syncAll(h.context(), [inRegion('us-west-2'), inRegion('eu-west-1')], [V1], incremental);
    expect(results.every((r) => r.streams.every((s) => s.ok))).toBe(true);
    const rows = stored(h);
    expect(rows.filter((r) => r.region === 'us-west-2')).toHaveLength(70);
    expect(rows.filter((r) => r.region === 'eu-west-1')).toHaveLength(30);
  });

  it('rides out throttling: a client faster than the quota still ends complete, with throttles counted, not surfaced', async () => {
    h = await startHarness({ tps: 4 });
    h.emulator.add(makeRecords(400));
    const [result] = await syncAll(h.context({}, { requestsPerSecond: 12 }), [inRegion('us-west-2')], [V1], incremental);
    expect(result.streams[0].ok).toBe(true);
    expect(result.streams[0].throttles).toBeGreaterThan(0);
    expect(stored(h)).toHaveLength(400);
    expect(h.emulator.stats().throttled).toBe(result.streams[0].throttles);
  });

  it('retries injected 500/503 answers and loses nothing', async () => {
    h = await startHarness({ faultRate: 0.2, seed: 7 });
    h.emulator.add(makeRecords(500));
    h.emulator.failNext(3, 'unavailable');
    const [result] = await syncAll(h.context(), [inRegion('us-west-2')], [V1], incremental);
    expect(result.streams[0]).toMatchObject({ ok: true, newEvents: 500 });
    expect(result.streams[0].retries).toBeGreaterThanOrEqual(3);
    expect(stored(h)).toHaveLength(500);
  });

  it('picks up an event delivered late, older than the watermark but inside the overlap', async () => {
    h = await startHarness();
    h.emulator.add(makeRecords(20, { spanMs: 86_400_000 }));
    const ctx = h.context();
    await syncAll(ctx, [inRegion('us-west-2')], [V1], incremental);
    const watermark = Date.parse((await h.store.getSyncState('default', 'us-west-2', V1))!.watermark!);
    const late = makeRecord({ time: watermark - 5 * 60_000, eventName: 'RotateIngestEndpointCredentials' });
    h.emulator.add([late]);
    const [again] = await syncAll(ctx, [inRegion('us-west-2')], [V1], incremental);
    expect(again.streams[0].newEvents).toBe(1);
    expect(await h.store.getEvent(late.eventID as string)).not.toBeNull();
    expect(stored(h)).toHaveLength(21);
  });

  it('never runs two syncs of one region at once', async () => {
    h = await startHarness({ tps: 10 });
    h.emulator.add(makeRecords(300));
    const [a, b] = await Promise.all([
      syncTarget(h.context({}, { requestsPerSecond: 10 }), inRegion('us-west-2'), [V1], incremental),
      syncTarget(h.context({}, { requestsPerSecond: 10 }), inRegion('us-west-2'), [V1], incremental),
    ]);
    expect([a.skippedBecause, b.skippedBecause].filter(Boolean)).toHaveLength(1);
    expect(stored(h)).toHaveLength(300);
  });

  it('resumes a job whose NextToken CloudTrail no longer accepts, without losing events', async () => {
    h = await startHarness();
    h.emulator.add(makeRecords(120));
    const now = Date.now();
    const start = new Date(now - 90 * 86_400_000).toISOString();
    await h.store.saveSyncState({
      account: 'default', region: 'us-west-2', eventSource: V1, accountId: null, coveredFrom: null, watermark: null, lastRun: null, lastError: null, throttles: 0,
      job: { kind: 'backfill', start, end: new Date(now).toISOString(), queryEnd: new Date(now).toISOString(), nextToken: 'stale-token', oldestSeen: null, pages: 1, events: 0, newEvents: 0, startedAt: start },
    });
    const [result] = await syncAll(h.context(), [inRegion('us-west-2')], [V1], incremental);
    expect(result.streams[0].ok).toBe(true);
    expect(stored(h)).toHaveLength(120);
  });

  it('reports an actionable error and keeps the job for the next run when CloudTrail rejects the credentials', async () => {
    h = await startHarness({ credentialErrors: { AKIATESTTESTTESTTEST: 'ExpiredTokenException' } });
    h.emulator.add(makeRecords(10));
    const [result] = await syncAll(h.context(), [inRegion('us-west-2')], [V1], incremental);
    expect(result.streams[0].ok).toBe(false);
    expect(result.streams[0].error).toMatch(/expired/i);
    expect((await h.store.getSyncState('default', 'us-west-2', V1))?.lastError?.message).toMatch(/expired/i);
    h.emulator.setOptions({ credentialErrors: {} });
    const [retry] = await syncAll(h.context(), [inRegion('us-west-2')], [V1], incremental);
    expect(retry.streams[0].ok).toBe(true);
    expect(stored(h)).toHaveLength(10);
    expect((await h.store.getSyncState('default', 'us-west-2', V1))?.lastError).toBeNull();
  });

  it('fetches an event that is not stored yet by EventId, and only if it is MediaPackage', async () => {
    h = await startHarness();
    const mine = makeRecord({ region: 'eu-west-1' });
    const other = makeRecord({ eventSource: 'medialive.amazonaws.com' });
    h.emulator.add([mine, other]);
    const ctx = h.context();
    const deps = { store: h.store, readerFor: ctx.readerFor, targets: [inRegion('us-west-2'), inRegion('eu-west-1')], eventSources: [V1, V2] };
    const found = await findEvent(deps, mine.eventID as string);
    expect(found?.event.region).toBe('eu-west-1');
    expect(found?.cloudTrailEvent).toBe(JSON.stringify(mine));
    expect(await h.store.countEvents(emptyFilter)).toBe(1);
    expect(await findEvent(deps, other.eventID as string)).toBeNull();
  });
});
