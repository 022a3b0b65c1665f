import { describe, expect, it } from 'vitest';
import { normalizeRecord } from '@/lib/events/normalize';
import { makeRecord, type RecordSpec } from '@/lib/testing/records';
import { stateCallsFor } from '@/lib/diff/operations';
import { STORE_BACKENDS, useTempStore } from '@/lib/testing/temp-store';
import type { CursorKey } from '@/lib/store/cursor';


const T0 = Date.parse('2026-11-20T12:00:00Z');
const MIN = 60_000;
const CH = 'AWS::MediaPackage::Channel';
const arnOf = (hex: string, region = 'us-west-2') => `arn:aws:mediapackage:${region}:111122223333:channels/${hex.repeat(32)}`;

/** A v1 channel call; successful mutating calls answer with the channel, as MediaPackage does. */
function channelCall(eventName: string, minute: number, spec: RecordSpec & { arn?: string; description?: string } = {}) {
  const region = spec.region ?? 'us-west-2';
  // Not makeRecord's 'a…a' ARN, which the news-24 record below uses.
  const arn = spec.arn ?? arnOf('c', region);
  const base = makeRecord({ channelId: 'kids-live', ...spec, eventName, time: T0 + minute * MIN });
  const mutating = !/^(Describe|List)/.test(eventName) && !eventName.startsWith('Delete') && !spec.errorCode;
  return normalizeRecord(
    JSON.stringify({
      ...base,
      responseElements: mutating ? { arn, id: spec.channelId ?? 'kids-live', description: spec.description ?? eventName } : null,
      ...(spec.errorCode ? {} : { resources: [{ ARN: arn, accountId: '111122223333', type: CH }] }),
    }),
  );
}

describe.each(STORE_BACKENDS)('%s store', (backend) => {
  const temp = useTempStore(backend);

  describe('resourceHistory', () => {
    it('returns every event on a resource oldest first, with the match and the record of successful changes', async () => {
      const events = [
        channelCall('CreateChannel', 0),
        channelCall('DescribeChannel', 1),
        channelCall('UpdateChannel', 2, { errorCode: 'AccessDenied' }),
        channelCall('UpdateChannel', 3),
        channelCall('DeleteChannel', 4),
        channelCall('CreateChannel', 5, { arn: arnOf('b') }),
        channelCall('UpdateChannel', 6, { region: 'eu-west-1' }),
        normalizeRecord(JSON.stringify(makeRecord({ channelId: 'news-24', time: T0 }))),
      ];
      await temp.store.commitPage([...events].reverse());
      const { rows, truncated } = await temp.store.resourceHistory('kids-live');
      expect(truncated).toBe(false);
      expect(rows.map((r) => `${r.event.eventName}@${r.event.region}`)).toEqual([
        'CreateChannel@us-west-2', 'DescribeChannel@us-west-2', 'UpdateChannel@us-west-2', 'UpdateChannel@us-west-2',
        'DeleteChannel@us-west-2', 'CreateChannel@us-west-2', 'UpdateChannel@eu-west-1',
      ]);
      expect(rows.every((r) => r.match.type === CH && r.match.id === 'kids-live')).toBe(true);
      expect(rows.map((r) => r.raw !== null)).toEqual([true, false, false, true, true, true, true]);
      expect(rows[5].match.arn).toBe(arnOf('b'));

      // By ARN: one life only; the second life's ARN is another internal id.
      expect((await temp.store.resourceHistory(arnOf('b'))).rows.map((r) => r.event.eventName)).toEqual(['CreateChannel']);
      const newest = await temp.store.resourceHistory('kids-live', 2);
      expect(newest.truncated).toBe(true);
      expect(newest.rows.map((r) => r.event.eventName)).toEqual(['CreateChannel', 'UpdateChannel']);
      expect(await temp.store.resourceHistory('nothing-here')).toEqual({ rows: [], truncated: false });
    });
  });

  describe('resourceHistory in pages', () => {
    it('pages back from the newest events without repeating or skipping any, ties in time included', async () => {
      // Minutes 0-9, with 3, 4 and 7 twice: ties, ordered by event id.
      const events = [0, 1, 2, 3, 3, 4, 4, 5, 6, 7, 7, 8, 9].map((minute, i) => channelCall(i % 3 ? 'DescribeChannel' : 'UpdateChannel', minute));
      await temp.store.commitPage(events);
      const whole = (await temp.store.resourceHistory('kids-live')).rows.map((r) => r.event.eventId);
      expect(whole).toHaveLength(events.length);
      const pages: string[][] = [];
      let before: CursorKey | null = null;
      for (;;) {
        const { rows, truncated } = await temp.store.resourceHistory('kids-live', 4, before);
        pages.unshift(rows.map((r) => r.event.eventId));
        if (!truncated) break;
        before = { time: Date.parse(rows[0].event.eventTime), eventId: rows[0].event.eventId };
      }
      expect(pages.map((p) => p.length)).toEqual([1, 4, 4, 4]);
      expect(pages.flat()).toEqual(whole);
      expect(await temp.store.resourceHistory('kids-live', 4, { time: T0 - MIN, eventId: '' })).toEqual({ rows: [], truncated: false });
    });
  });

  describe('previousState', () => {
    it('finds the newest successful snapshot or end call before an event, in the same region', async () => {
      const create = channelCall('CreateChannel', 0);
      const failed = channelCall('UpdateChannel', 1, { errorCode: 'AccessDenied' });
      const update = channelCall('UpdateChannel', 2, { description: 'v2' });
      const del = channelCall('DeleteChannel', 3);
      const recreate = channelCall('CreateChannel', 4, { arn: arnOf('b') });
      const later = channelCall('UpdateChannel', 5, { arn: arnOf('b') });
      const elsewhere = channelCall('UpdateChannel', 4, { region: 'eu-west-1' });
      await temp.store.commitPage([create, failed, update, del, recreate, later, elsewhere]);
      const subject = { type: CH, id: 'kids-live', arn: arnOf('b'), region: 'us-west-2', accountId: '111122223333' };
      const calls = stateCallsFor(CH);
      const before = (e: typeof create) => ({ eventTime: e.summary.eventTime, eventId: e.summary.eventId });

      expect((await temp.store.previousState(subject, before(later), calls))?.event.eventId).toBe(recreate.summary.eventId);
      expect((await temp.store.previousState(subject, before(recreate), calls))?.event.eventName).toBe('DeleteChannel');
      const prev = await temp.store.previousState(subject, before(del), calls);
      expect(prev?.event.eventId).toBe(update.summary.eventId);
      expect(JSON.parse(prev!.raw).responseElements.description).toBe('v2');
      // The failed update is skipped; the create is the only earlier snapshot.
      expect((await temp.store.previousState(subject, before(update), calls))?.event.eventId).toBe(create.summary.eventId);
      expect(await temp.store.previousState(subject, before(create), calls)).toBeNull();
      expect(await temp.store.previousState({ ...subject, region: 'eu-west-1' }, before(elsewhere), calls)).toBeNull();
      expect(await temp.store.previousState(subject, before(later), { state: [], end: [] })).toBeNull();
    });

    it('walks past other channels\' changes, and between two operations in the same second takes the later id', async () => {
      const create = channelCall('CreateChannel', 0);
      const others = Array.from({ length: 30 }, (_, i) => channelCall('UpdateChannel', 1 + i / 100, { channelId: `other-${i}`, arn: `arn:aws:mediapackage:us-west-2:111122223333:channels/${'d'.repeat(30)}${i.toString(16).padStart(2, '0')}` }));
      const update = channelCall('UpdateChannel', 2, { eventId: '00000000-0000-4000-8000-00000000000a' });
      const rotate = channelCall('RotateChannelCredentials', 2, { eventId: '00000000-0000-4000-8000-00000000000b' });
      const later = channelCall('UpdateChannel', 3);
      await temp.store.commitPage([create, ...others, update, rotate, later]);
      const subject = { type: CH, id: 'kids-live', arn: arnOf('c'), region: 'us-west-2', accountId: '111122223333' };
      const before = (e: typeof create) => ({ eventTime: e.summary.eventTime, eventId: e.summary.eventId });
      const calls = stateCallsFor(CH);
      expect(calls.state).toEqual(expect.arrayContaining(['UpdateChannel', 'RotateChannelCredentials']));
      expect((await temp.store.previousState(subject, before(later), calls))?.event.eventId).toBe(rotate.summary.eventId);
      expect((await temp.store.previousState(subject, before(rotate), calls))?.event.eventId).toBe(update.summary.eventId);
      expect((await temp.store.previousState(subject, before(update), calls))?.event.eventId).toBe(create.summary.eventId);
    });
  });
});
