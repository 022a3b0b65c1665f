import { describe, expect, it } from 'vitest';
import { normalizeRecord } from '@/lib/events/normalize';
import { emptyFilter } from '@/lib/filters/schema';
import { makeRecord, type RecordSpec } from '@/lib/testing/records';
import { decodeCursor } from '../cursor';
import { readChunk, streamEvents } from './export';
import { STORE_BACKENDS, useTempStore } from '@/lib/testing/temp-store';


const T0 = Date.parse('2026-11-20T12:00:00Z');
const event = (spec: RecordSpec) => normalizeRecord(JSON.stringify(makeRecord({ time: T0, ...spec })));

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}

describe.each(STORE_BACKENDS)('%s store', (backend) => {
  const temp = useTempStore(backend);

  describe('streamEvents', () => {
    it('yields every match newest first across chunk boundaries, ties in time included, with resources', async () => {
      // 7 events share one second: a chunk boundary falls inside the tie.
      const events = [
        ...Array.from({ length: 7 }, (_, i) => event({ eventId: `00000000-0000-4000-8000-00000000000${i}`, time: T0 })),
        ...Array.from({ length: 6 }, (_, i) => event({ time: T0 - (i + 1) * 1000, channelId: `ch-${i}` })),
      ];
      await temp.store.commitPage(events);
      const all = await collect(streamEvents(temp.store.sql, emptyFilter, 3));
      expect(all).toHaveLength(13);
      expect(new Set(all.map((e) => e.eventId)).size).toBe(13);
      const keys = all.map((e) => `${e.eventTime} ${e.eventId}`);
      expect(keys).toEqual([...keys].sort().reverse());
      expect(all.every((e) => e.resources.length > 0)).toBe(true);
      // Same order and content as the paged API.
      expect(all).toEqual((await temp.store.listEvents(emptyFilter, { limit: 500, after: null })).events);
    });

    it('applies the filter and ends on an empty store', async () => {
      expect(await collect(temp.store.streamEvents(emptyFilter))).toEqual([]);
      await temp.store.commitPage([event({ eventName: 'DeleteChannel' }), event({ eventName: 'UpdateChannel', time: T0 - 5000 })]);
      const deletes = await collect(temp.store.streamEvents({ ...emptyFilter, ops: ['DeleteChannel'] }));
      expect(deletes.map((e) => e.eventName)).toEqual(['DeleteChannel']);
    });

    it('leaves the connection free between chunks, so a sync can write during a slow download', async () => {
      await temp.store.commitPage(Array.from({ length: 5 }, (_, i) => event({ time: T0 - i * 1000 })));
      const iterator = streamEvents(temp.store.sql, emptyFilter, 2)[Symbol.asyncIterator]();
      await iterator.next();
      await expect(temp.store.commitPage([event({ time: T0 - 60_000 })])).resolves.toEqual({ inserted: 1 });
      let n = 1;
      while (!(await iterator.next()).done) n++;
      expect(n).toBe(6);
    });

    it('reads one chunk after a key, exclusive', async () => {
      await temp.store.commitPage(Array.from({ length: 4 }, (_, i) => event({ time: T0 - i * 1000 })));
      const [first, second] = await readChunk(temp.store.sql, emptyFilter, null, 2);
      const rest = await readChunk(temp.store.sql, emptyFilter, { time: Date.parse(second.eventTime), eventId: second.eventId }, 10);
      expect(rest).toHaveLength(2);
      expect(rest.map((e) => e.eventId)).not.toContain(first.eventId);
    });
  });

  describe('listEventsOldestFirst', () => {
    it('pages oldest first through ties without repeats or gaps', async () => {
      await temp.store.commitPage([
        ...Array.from({ length: 5 }, () => event({ time: T0 })),
        ...Array.from({ length: 4 }, (_, i) => event({ time: T0 - (i + 1) * 60_000 })),
      ]);
      const seen: string[] = [];
      let after = null;
      for (;;) {
        const page = await temp.store.listEventsOldestFirst(emptyFilter, { limit: 2, after });
        seen.push(...page.events.map((e) => `${e.eventTime} ${e.eventId}`));
        if (!page.nextCursor) break;
        after = decodeCursor(page.nextCursor);
      }
      expect(seen).toHaveLength(9);
      expect(seen).toEqual([...new Set(seen)].sort());
    });
  });

  describe('filterOptions', () => {
    it('lists the distinct values the temp.store holds, sorted', async () => {
      expect(await temp.store.filterOptions()).toEqual({ ops: [], principals: [], regions: [], accounts: [], sources: [], errorCodes: [] });
      await temp.store.commitPage([
        event({ eventName: 'UpdateChannel', region: 'us-west-2', user: 'deploy-bot' }),
        event({ eventName: 'DeleteChannel', region: 'eu-west-1', user: 'ops-alice', errorCode: 'AccessDenied', time: T0 - 1000 }),
        event({ eventName: 'UpdateChannel', eventSource: 'mediapackagev2.amazonaws.com', user: 'deploy-bot', time: T0 - 2000 }),
      ]);
      expect(await temp.store.filterOptions()).toEqual({
        ops: ['DeleteChannel', 'UpdateChannel'],
        principals: [
          { principal: 'deploy-bot', type: 'IAMUser' },
          { principal: 'ops-alice', type: 'IAMUser' },
        ],
        regions: ['eu-west-1', 'us-west-2'],
        accounts: ['111122223333'],
        sources: ['mediapackage.amazonaws.com', 'mediapackagev2.amazonaws.com'],
        errorCodes: ['AccessDenied'],
      });
    });
  });
});
