import { BUCKETS, autoBucket, type BucketKey } from '@/lib/filters/buckets';
import type { EventFilter } from '@/lib/filters/schema';
import type { TimelinePoint } from '@/lib/store/types';

// Prepares what the chart draws. Bucketing already happened in SQL (store.timeline); this picks
// the window and bucket the same way /api/timeline does, and folds the long tail of operations
// into "Other" so a stack stays readable. The tail is split into changes and reads: reads
// usually outnumber changes by far, and a change must not vanish into a grey "Other".

export interface TimelineWindow {
  from: Date;
  to: Date;
  bucket: BucketKey;
  bucketMs: number;
}

/**
 * Whether timelineWindow needs the span of what the store holds: only a filter with no start does.
 * A window with a start and no end (`range=24h`) runs to now, whatever the store holds.
 */
export const needsStoredSpan = (filter: EventFilter): boolean => filter.from === null;

/** The filter's window; without a start, the span of what the store holds. */
export function timelineWindow(filter: EventFilter, span: { from: Date; to: Date } | null, now: Date): TimelineWindow {
  const from = filter.from ?? span?.from ?? now;
  const to = filter.to ?? (filter.from ? now : (span?.to ?? now));
  const bucket = autoBucket(Math.max(0, to.getTime() - from.getTime()));
  return { from, to, bucket, bucketMs: BUCKETS[bucket] };
}

export const OTHER_CHANGES = 'Other changes';
export const OTHER_READS = 'Other reads';
const READ = /^(Describe|List|Get)[A-Z]/;

export interface StackedRow {
  t: number; // bucket start, epoch ms
  total: number;
  errors: number;
  values: Record<string, number>; // by key in `keys`
}

export interface StackedTimeline {
  keys: string[]; // the top operations by count, then OTHER_CHANGES / OTHER_READS for a non-empty tail
  rows: StackedRow[];
  total: number;
  errors: number;
}

export function stackTopOps(series: TimelinePoint[], top = 6): StackedTimeline {
  const totals = new Map<string, number>();
  for (const p of series) for (const op in p.counts) totals.set(op, (totals.get(op) ?? 0) + p.counts[op]);
  const ranked = [...totals.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([op]) => op);
  // Each operation's series, worked out once rather than once per bucket.
  const keyOf = new Map(ranked.map((op, i): [string, string] => [op, i < top ? op : READ.test(op) ? OTHER_READS : OTHER_CHANGES]));
  const tail = ranked.slice(top);
  let total = 0;
  let errors = 0;
  const rows = series.map((p) => {
    const values: Record<string, number> = {};
    let rowTotal = 0;
    for (const op in p.counts) {
      const n = p.counts[op];
      const key = keyOf.get(op)!;
      values[key] = (values[key] ?? 0) + n;
      rowTotal += n;
    }
    total += rowTotal;
    errors += p.errors;
    return { t: Date.parse(p.t), total: rowTotal, errors: p.errors, values };
  });
  const others = [...(tail.some((op) => !READ.test(op)) ? [OTHER_CHANGES] : []), ...(tail.some((op) => READ.test(op)) ? [OTHER_READS] : [])];
  return { keys: [...ranked.slice(0, top), ...others], rows, total, errors };
}

/**
 * A StackedTimeline as the events page sends it to the browser: one number array per bucket,
 * `[t, total, errors, …value per key]`, instead of an object with the key names repeated in every
 * bucket. A 90-day chart shrinks from ~21 kB to ~6 kB of the page's RSC payload, which the server
 * serialises, escapes into the HTML and gzips on every request.
 */
export interface PackedTimeline {
  keys: string[];
  rows: number[][];
  total: number;
  errors: number;
}

export function packTimeline({ keys, rows, total, errors }: StackedTimeline): PackedTimeline {
  return { keys, total, errors, rows: rows.map((r) => [r.t, r.total, r.errors, ...keys.map((k) => r.values[k] ?? 0)]) };
}

export function unpackTimeline({ keys, rows, total, errors }: PackedTimeline): StackedTimeline {
  return {
    keys,
    total,
    errors,
    rows: rows.map(([t, rowTotal, rowErrors, ...counts]) => ({
      t,
      total: rowTotal,
      errors: rowErrors,
      values: Object.fromEntries(keys.flatMap((k, i) => (counts[i] ? [[k, counts[i]]] : []))),
    })),
  };
}

/** The instants a drag from bucket `a` to bucket `b` (either order) covers: whole buckets, end inclusive. */
export function bucketRange(a: number, b: number, bucketMs: number): { from: string; to: string } {
  const lo = Math.min(a, b);
  const hi = Math.max(a, b);
  return { from: new Date(lo).toISOString(), to: new Date(hi + bucketMs - 1).toISOString() };
}
