import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { normalizeRecord } from '@/lib/events/normalize';
import { emptyFilter, type EventFilter } from '@/lib/filters/schema';
import { makeRecord } from '@/lib/testing/records';
import { tempDir } from '@/lib/testing/sync-harness';
import { SqliteStore } from './sqlite-store';

// The rollup must answer exactly what counting the events answers. An `ip` filter spanning every
// address forces the events path for the same question, so the two can be compared.
const EVERY_IP = { kind: 'range' as const, lo: '0'.repeat(32), hi: 'f'.repeat(32) };
const T0 = Date.parse('2026-11-10T00:00:00Z');
const OPS = ['UpdateChannel', 'DescribeChannel', 'DeleteOriginEndpoint', 'ListChannels'];
const REGIONS = ['us-west-2', 'eu-west-1'];

let dir: string;
let store: SqliteStore;
beforeAll(async () => {
  dir = tempDir();
  store = new SqliteStore(path.join(dir, 'rollups.db'));
  const events = Array.from({ length: 800 }, (_, i) =>
    normalizeRecord(
      JSON.stringify(
        makeRecord({
          time: T0 + ((i * 7_919_117) % (10 * 86_400_000)),
          eventName: OPS[i % OPS.length],
          region: REGIONS[(i >> 2) % 2],
          errorCode: i % 9 === 0 ? 'AccessDenied' : undefined,
          sourceIp: `203.0.113.${i % 200}`,
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
});

function toFilter(f: { ops: string[]; regions: string[]; readOnly: boolean | null; error: EventFilter['error']; from: number | null; span: number; user: string | null }): EventFilter {
  return { ...emptyFilter, user: f.user, ops: f.ops, regions: f.regions, readOnly: f.readOnly, error: f.error, from: f.from === null ? null : new Date(f.from), to: f.from === null ? null : new Date(f.from + f.span) };
}

describe('the hourly rollup', () => {
  it('counts exactly what the events count, for any filter it can answer and any window', async () => {
    await fc.assert(
      fc.asyncProperty(filters, async (f) => {
        const filter = toFilter(f);
        expect(await store.countEvents(filter)).toBe(await store.countEvents({ ...filter, ip: EVERY_IP }));
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
        const slow = await store.timeline({ ...filter, ip: EVERY_IP }, bucketMs, window);
        expect(fast).toEqual(slow);
      }),
      { numRuns: 100 },
    );
  });

  it('summarises principals exactly as the events do', async () => {
    await fc.assert(
      fc.asyncProperty(filters, async (f) => {
        const filter = { ...toFilter(f), regions: [] };
        expect(await store.userActivity(filter)).toEqual(await store.userActivity({ ...filter, ip: EVERY_IP }));
      }),
      { numRuns: 100 },
    );
  });

  it('offers the filter bar the values stored, each once', async () => {
    const options = await store.filterOptions();
    expect(options.ops).toEqual([...OPS].sort());
    expect(options.regions).toEqual([...REGIONS].sort());
    expect(options.errorCodes).toEqual(['AccessDenied']);
    expect(options.principals).toEqual([{ principal: 'deploy-bot', type: 'IAMUser' }, { principal: 'ops-alice', type: 'IAMUser' }]);
    expect(await store.countEvents(emptyFilter)).toBe(800);
  });
});
