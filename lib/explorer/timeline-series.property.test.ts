import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { TimelinePoint } from '@/lib/store/types';
import { OTHER_CHANGES, OTHER_READS, packTimeline, stackTopOps } from './timeline-series';

// The plain fold stackTopOps takes a short cut around: every operation of every bucket added to its
// key (itself when among the top, else the "Other" of its kind).
function foldEveryOperation(series: TimelinePoint[], top: number) {
  const totals = new Map<string, number>();
  for (const p of series) for (const [op, n] of Object.entries(p.counts)) totals.set(op, (totals.get(op) ?? 0) + n);
  const ranked = [...totals.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([op]) => op);
  const read = (op: string) => /^(Describe|List|Get)[A-Z]/.test(op);
  const keyOf = (op: string) => (ranked.indexOf(op) < top ? op : read(op) ? OTHER_READS : OTHER_CHANGES);
  const tail = ranked.slice(top);
  const keys = [...ranked.slice(0, top), ...(tail.some((op) => !read(op)) ? [OTHER_CHANGES] : []), ...(tail.some(read) ? [OTHER_READS] : [])];
  const rows = series.map((p) => {
    const values = new Map<string, number>();
    for (const [op, n] of Object.entries(p.counts)) values.set(keyOf(op), (values.get(keyOf(op)) ?? 0) + n);
    const total = [...values.values()].reduce((a, b) => a + b, 0);
    return [Date.parse(p.t), total, p.errors, ...keys.map((k) => values.get(k) ?? 0)];
  });
  return { keys, rows };
}

const OPS = ['ListChannels', 'DescribeChannel', 'GetChannel', 'ListOriginEndpoints', 'CreateChannel', 'UpdateChannel', 'DeleteChannel', 'TagResource', 'CreateHarvestJob', 'Listless', 'Getaway', 'PutChannelPolicy', 'constructor', 'toString'];

const series = fc.array(
  fc.record({
    t: fc.integer({ min: 0, max: 4e12 }).map((ms) => new Date(ms).toISOString()),
    counts: fc.dictionary(fc.constantFrom(...OPS), fc.integer({ min: 1, max: 10_000 }), { maxKeys: OPS.length }),
    errors: fc.nat(50),
  }),
  { maxLength: 40 },
);

describe('stackTopOps', () => {
  it('draws what folding every operation of every bucket into its key draws', () => {
    fc.assert(
      fc.property(series, fc.integer({ min: 0, max: OPS.length + 1 }), (points, top) => {
        const stacked = stackTopOps(points, top);
        const { keys, rows } = packTimeline(stacked);
        expect({ keys, rows }).toEqual(foldEveryOperation(points, top));
        expect(stacked.total).toBe(rows.reduce((sum, r) => sum + r[1], 0));
        expect(stacked.errors).toBe(points.reduce((sum, p) => sum + p.errors, 0));
      }),
      { numRuns: 300 },
    );
  });
});
