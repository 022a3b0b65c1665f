import { describe, expect, it } from 'vitest';
import { normalizeRecord } from '@/lib/events/normalize';
import { makeRecord, type RecordSpec } from '@/lib/testing/records';
import { STORE_BACKENDS, useTempStore } from '@/lib/testing/temp-store';


const T0 = Date.parse('2026-11-20T12:00:00Z');
const HOUR = 3_600_000;
const CHANNEL = { type: 'AWS::MediaPackage::Channel', id: 'sports-hd', arn: null };

function event(spec: RecordSpec & { identity?: Record<string, unknown>; requestId?: string; hours?: number } = {}) {
  const record = makeRecord({ eventName: 'DescribeChannel', ...spec, time: T0 + (spec.hours ?? 0) * HOUR });
  if (spec.identity) record.userIdentity = spec.identity;
  if (spec.requestId) record.requestID = spec.requestId;
  return normalizeRecord(JSON.stringify(record));
}
const ids = (g: { events: { eventId: string }[] }) => g.events.map((e) => e.eventId).sort();

describe.each(STORE_BACKENDS)('%s store', (backend) => {
  const temp = useTempStore(backend);

  describe('relatedEvents', () => {
    it('finds the same resource within ±24 h, in the same region only', async () => {
      const anchor = event();
      const near = event({ hours: -23 });
      const later = event({ hours: 20, eventName: 'UpdateChannel' });
      const tooOld = event({ hours: -25 });
      const otherRegion = event({ hours: 1, region: 'eu-west-1' });
      const otherChannel = event({ hours: 1, channelId: 'news-24' });
      await temp.store.commitPage([anchor, near, later, tooOld, otherRegion, otherChannel]);
      const related = await temp.store.relatedEvents(anchor.summary.eventId, [CHANNEL]);
      expect(related?.sameResource.total).toBe(2);
      expect(ids(related!.sameResource)).toEqual([near.summary.eventId, later.summary.eventId].sort());
      expect(related!.window).toEqual({ from: '2026-11-19T12:00:00.000Z', to: '2026-11-21T12:00:00.000Z' });
      expect((await temp.store.relatedEvents(anchor.summary.eventId, []))?.sameResource).toEqual({ total: 0, events: [] });
      expect(await temp.store.relatedEvents('00000000-0000-4000-8000-000000000000', [CHANNEL])).toBeNull();
    });

    it('finds the same session by access key, or by principal ARN and session creation date', async () => {
      const role = (key: string | null, created: string) => ({
        type: 'AssumedRole', principalId: 'AROAEXAMPLE:ops-alice', arn: 'arn:aws:sts::111122223333:assumed-role/MediaOpsAdmin/ops-alice', accountId: '111122223333',
        ...(key ? { accessKeyId: key } : {}),
        sessionContext: { sessionIssuer: { type: 'Role', userName: 'MediaOpsAdmin', arn: 'arn:aws:iam::111122223333:role/MediaOpsAdmin' }, attributes: { creationDate: created, mfaAuthenticated: 'true' } },
      });
      const a = event({ identity: role('ASIAONE', '2026-11-20T10:00:00Z') });
      const a2 = event({ identity: role('ASIAONE', '2026-11-20T10:00:00Z'), hours: 1, channelId: 'news-24' });
      const b = event({ identity: role('ASIATWO', '2026-11-20T11:30:00Z'), hours: 1 });
      const c = event({ identity: role(null, '2026-11-20T11:00:00Z') });
      const c2 = event({ identity: role(null, '2026-11-20T11:00:00Z'), hours: 2 });
      const c3 = event({ identity: role(null, '2026-11-20T13:00:00Z'), hours: 2 });
      await temp.store.commitPage([a, a2, b, c, c2, c3]);

      const byKey = await temp.store.relatedEvents(a.summary.eventId, [CHANNEL]);
      expect(byKey?.sameSession.key).toEqual({ accessKeyId: 'ASIAONE' });
      expect(ids(byKey!.sameSession)).toEqual([a2.summary.eventId]);
      const bySession = await temp.store.relatedEvents(c.summary.eventId, [CHANNEL]);
      expect(bySession?.sameSession.key).toEqual({ principalArn: 'arn:aws:sts::111122223333:assumed-role/MediaOpsAdmin/ops-alice', sessionCreated: '2026-11-20T11:00:00Z' });
      expect(ids(bySession!.sameSession)).toEqual([c2.summary.eventId]);
    });

    it('finds the same request id within ±1 h, reading the id as a literal', async () => {
      const anchor = event({ requestId: 'req-1' });
      const same = event({ requestId: 'req-1', hours: 0.5 });
      const far = event({ requestId: 'req-1', hours: 2 });
      const other = event({ requestId: 'req-2', hours: 0.1 });
      const wild = event({ requestId: '%', hours: 0.1 });
      await temp.store.commitPage([anchor, same, far, other, wild]);
      const related = await temp.store.relatedEvents(anchor.summary.eventId, [CHANNEL]);
      expect(related?.sameRequest.requestId).toBe('req-1');
      expect(ids(related!.sameRequest)).toEqual([same.summary.eventId]);
      // `%` is a literal here, not a wildcard that would match every record.
      expect((await temp.store.relatedEvents(wild.summary.eventId, [CHANNEL]))?.sameRequest.total).toBe(0);
    });

    it('caps each list and says how many there are in all', async () => {
      const anchor = event();
      const many = Array.from({ length: 40 }, (_, i) => event({ hours: i / 10 }));
      await temp.store.commitPage([anchor, ...many]);
      const related = await temp.store.relatedEvents(anchor.summary.eventId, [CHANNEL]);
      expect(related?.sameResource.total).toBe(40);
      expect(related?.sameResource.events).toHaveLength(25);
      expect(related!.sameResource.events[0].eventTime > related!.sameResource.events[24].eventTime).toBe(true);
    });
  });
});
