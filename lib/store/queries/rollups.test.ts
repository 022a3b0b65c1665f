import fs from 'node:fs';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { normalizeRecord } from '@/lib/events/normalize';
import { parseIpFilter } from '@/lib/filters/ip';
import { emptyFilter, type EventFilter } from '@/lib/filters/schema';
import { makeRecord } from '@/lib/testing/records';
import { tempDir } from '@/lib/testing/sync-harness';
import { STORE_BACKENDS, openTempStore, type TempStore } from '@/lib/testing/temp-store';
import { openWindowTallies } from './principal-totals';
import { USER_IPS } from './user-activity';

// The rollup must answer exactly what counting the events answers. A text search no rollup can
// answer, matching every record's user agent, forces the events path for the same question.
const EVERY_EVENT = { q: 'aws-cli' };
const range = (cidr: string) => {
  const parsed = parseIpFilter(cidr);
  if ('error' in parsed) throw new Error(parsed.error);
  return parsed;
};
const T0 = Date.parse('2026-11-10T00:00:00Z');
const OPS = ['UpdateChannel', 'DescribeChannel', 'DeleteOriginEndpoint', 'ListChannels'];
const REGIONS = ['us-west-2', 'eu-west-1'];
const SOURCES = ['203.0.113.0/25', '203.0.113.7', '2001:db8::/64', '::/0', 'AWS Internal', '0.0.0.0/0'];

describe.each(STORE_BACKENDS)('%s store', (backend) => {
  let dir: string;
  let store: TempStore;
  let events: ReturnType<typeof normalizeRecord>[];
  beforeAll(async () => {
    dir = tempDir();
    store = await openTempStore(backend, dir);
    events = Array.from({ length: 800 }, (_, i) =>
      normalizeRecord(
        JSON.stringify(
          makeRecord({
            time: T0 + ((i * 7_919_117) % (10 * 86_400_000)),
            eventName: OPS[i % OPS.length],
            region: REGIONS[(i >> 2) % 2],
            errorCode: i % 9 === 0 ? (i % 2 ? 'AccessDenied' : 'ThrottlingException') : undefined,
            sourceIp: i % 11 === 0 ? 'AWS Internal' : i % 5 === 0 ? `2001:db8::${i % 7}` : `203.0.113.${i % 200}`,
            user: i % 3 === 0 ? 'ops-alice' : 'deploy-bot',
          }),
        ),
      ),
    );
    // In pages that overlap, as the sync's overlap window does: a re-read event must not count twice.
    for (let i = 0; i < events.length; i += 100) await store.commitPage(events.slice(Math.max(0, i - 30), i + 100));
  });
  afterAll(async () => {
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const filters = fc.record({
    ops: fc.subarray(OPS),
    regions: fc.subarray(REGIONS),
    readOnly: fc.constantFrom(null, true, false),
    error: fc.constantFrom(null, { kind: 'any' as const }, { kind: 'none' as const }),
    from: fc.option(fc.integer({ min: T0 - 86_400_000, max: T0 + 11 * 86_400_000 }), { nil: null }),
    span: fc.integer({ min: 0, max: 12 * 86_400_000 }),
    user: fc.constantFrom(null, 'ops-alice', 'deploy-bot'),
    notOps: fc.subarray(OPS, { maxLength: 2 }),
    notUsers: fc.subarray(['ops-alice', 'deploy-bot'], { maxLength: 1 }),
    ips: fc.subarray(SOURCES, { maxLength: 2 }),
    notIps: fc.subarray(SOURCES, { maxLength: 2 }),
  });

  type Generated = { ops: string[]; regions: string[]; readOnly: boolean | null; error: EventFilter['error']; from: number | null; span: number; user: string | null; notOps: string[]; notUsers: string[]; ips: string[]; notIps: string[] };
  function toFilter(f: Generated): EventFilter {
    return {
      ...emptyFilter, user: f.user, ops: f.ops, regions: f.regions, readOnly: f.readOnly, error: f.error, from: f.from === null ? null : new Date(f.from), to: f.from === null ? null : new Date(f.from + f.span),
      notOps: f.notOps, notUsers: f.notUsers, ips: f.ips.flatMap(range), notIps: f.notIps.flatMap(range),
    };
  }

  describe('the hourly rollup', () => {
    it('counts exactly what the events count, for any filter and any window', async () => {
      await fc.assert(
        fc.asyncProperty(filters, async (f) => {
          const filter = toFilter(f);
          expect(await store.countEvents(filter)).toBe(await store.countEvents({ ...filter, ...EVERY_EVENT }));
        }),
        { numRuns: 150 },
      );
    });

    it('draws the same hourly and daily timelines as the events, edges of the window included', async () => {
      await fc.assert(
        fc.asyncProperty(filters, fc.constantFrom(3_600_000, 86_400_000), async (f, bucketMs) => {
          const filter = toFilter(f);
          const window = { from: new Date(f.from ?? T0 - 3_600_000), to: new Date((f.from ?? T0) + f.span) };
          const fast = await store.timeline(filter, bucketMs, window);
          const slow = await store.timeline({ ...filter, ...EVERY_EVENT }, bucketMs, window);
          expect(fast).toEqual(slow);
        }),
        { numRuns: 100 },
      );
    });

    it('draws minute buckets, whole hours and partial edges alike, as the events hold them', async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.integer({ min: T0 - 86_400_000, max: T0 + 10 * 86_400_000 }),
          fc.integer({ min: 0, max: 30 * 3_600_000 }),
          fc.constantFrom(60_000, 300_000),
          async (from, span, bucketMs) => {
            const window = { from: new Date(from), to: new Date(from + span) };
            const filter = { ...emptyFilter, from: window.from, to: window.to };
            // Counted here from the events as committed (each once, whatever the overlapping pages).
            const expected = new Map<number, { counts: Record<string, number>; errors: number }>();
            for (let t = Math.floor(from / bucketMs) * bucketMs; t <= from + span; t += bucketMs) expected.set(t, { counts: {}, errors: 0 });
            for (const e of events) {
              const time = Date.parse(e.summary.eventTime);
              if (time < from || time > from + span) continue;
              const bucket = expected.get(time - (time % bucketMs))!;
              bucket.counts[e.summary.eventName] = (bucket.counts[e.summary.eventName] ?? 0) + 1;
              if (e.summary.errorCode) bucket.errors++;
            }
            const drawn = await store.timeline(filter, bucketMs, window);
            expect(drawn).toEqual([...expected].map(([t, b]) => ({ t: new Date(t).toISOString(), ...b })));
          },
        ),
        { numRuns: 40 },
      );
    });

    it('summarises principals exactly as the events do', async () => {
      await fc.assert(
        fc.asyncProperty(filters, async (f) => {
          const filter = { ...toFilter(f), regions: [] };
          expect(await store.userActivity(filter)).toEqual(await store.userActivity({ ...filter, ...EVERY_EVENT }));
        }),
        { numRuns: 100 },
      );
    });

    it('summarises principals over a window open to now, wherever it starts, from the totals and day rollups, exactly as the events do', async () => {
      const newest = T0 + 10 * 86_400_000;
      const open = fc.record({
        from: fc.option(fc.integer({ min: T0 - 86_400_000, max: newest + 86_400_000 }), { nil: null }),
        // Open (no end, or one past the newest event), or closed before it: the totals must not answer that.
        to: fc.constantFrom(null, newest + 86_400_000, T0 + 4 * 86_400_000),
        user: fc.constantFrom(null, 'ops-alice', 'deploy-bot'),
        notUsers: fc.subarray(['ops-alice', 'deploy-bot'], { maxLength: 1 }),
        accounts: fc.constantFrom<string[]>([], ['111122223333'], ['999999999999']),
      });
      const starts = { early: 0, late: 0 };
      await fc.assert(
        fc.asyncProperty(open, async (f) => {
          const to = f.to === null || f.from === null || f.to >= f.from ? f.to : null;
          const filter: EventFilter = { ...emptyFilter, ...f, from: f.from === null ? null : new Date(f.from), to: to === null ? null : new Date(to) };
          const totals = await openWindowTallies(store.sql, filter, USER_IPS);
          if (to !== null && to < newest) expect(totals).toBeNull();
          else {
            expect(totals).not.toBeNull();
            // Hours of the first day added to its whole days, or taken off them.
            if (f.from !== null && f.from > T0) starts[f.from % 86_400_000 <= 43_200_000 ? 'early' : 'late']++;
          }
          expect(await store.userActivity(filter)).toEqual(await store.userActivity({ ...filter, ...EVERY_EVENT }));
        }),
        { numRuns: 150 },
      );
      expect(starts.early).toBeGreaterThan(10);
      expect(starts.late).toBeGreaterThan(10);
    });

    it('lists only some of a busy principal\'s sources, and counts each exactly over a window that starts mid-history', async () => {
      const filter = { ...emptyFilter, user: 'deploy-bot', from: new Date(T0 + 6 * 86_400_000 + 5 * 3_600_000) };
      const [fast] = await store.userActivity(filter);
      const [slow] = await store.userActivity({ ...filter, ...EVERY_EVENT });
      expect(fast.ipCount).toBeGreaterThan(USER_IPS);
      expect(fast.ips).toHaveLength(USER_IPS);
      expect(fast).toEqual(slow);
    });

    it("counts principals' error codes exactly as the events do", async () => {
      let seen = 0;
      await fc.assert(
        fc.asyncProperty(filters, async (f) => {
          const filter = { ...toFilter(f), regions: [] };
          const fast = await store.userErrorCodes(filter);
          expect(fast).toEqual(await store.userErrorCodes({ ...filter, ...EVERY_EVENT }));
          if (Object.keys(fast).length) seen++;
        }),
        { numRuns: 100 },
      );
      expect(seen).toBeGreaterThan(3); // some filters found failures (about 15 in 100), not only empty answers
    });

    it('offers the filter bar the values stored, each once', async () => {
      const options = await store.filterOptions();
      expect(options.ops).toEqual([...OPS].sort());
      expect(options.regions).toEqual([...REGIONS].sort());
      expect(options.errorCodes).toEqual(['AccessDenied', 'ThrottlingException']);
      expect(options.principals).toEqual([{ principal: 'deploy-bot', type: 'IAMUser' }, { principal: 'ops-alice', type: 'IAMUser' }]);
      expect(await store.countEvents(emptyFilter)).toBe(800);
    });
  });
});
