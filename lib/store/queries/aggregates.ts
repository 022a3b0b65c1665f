import { MAX_BUCKETS } from '@/lib/filters/buckets';
import { timelineWindow } from '@/lib/explorer/timeline-series';
import type { EventFilter } from '@/lib/filters/schema';
import type { TimelinePoint } from '../types';
import { principalDayWhere } from './principal-rollup';
import { countFromRollup, rollupPlan, splitHours, type RollupPlan } from './rollup-plan';
import { DAY_MS, HOUR_MS, MAX_TIME } from './time-units';
import type { Sql } from './sql';
import { keptForWindow } from './window-key';
import { buildWhere } from './where';

// Charts only draw: bucketing happens here, in SQL, and empty buckets are filled so the chart
// shows quiet periods as quiet rather than skipping them.

// Rows as arrays (better-sqlite3's raw mode): a 90-day timeline returns ~1,400 of them, and
// building an object per row was a fifth of the query's time.
type BucketRow = [t: number, op: string, n: number, errors: number];

/**
 * Bucket counts read from the events. A window of a day or less walks the time index even for a
 * CIDR: through the IP index a /24 with most of the traffic visits all of its 190k events of 90
 * days to find one day's (1M events, the 90-day timeline of ip=203.0.113.0/24, whose partial edge
 * days are read here: 59 → 17 ms).
 */
function rawBuckets(db: Sql, filter: EventFilter, bucketMs: number, from: number, to: number, extra: { sql: string; params: unknown[] }[] = [], index?: string): Promise<BucketRow[]> {
  const where = buildWhere(filter, [{ sql: 'e.event_time BETWEEN ? AND ?', params: [from, to] }, ...extra], { ipByTimeIndex: to - from <= DAY_MS, dialect: db.dialect });
  return db.arrays<BucketRow>(
    `SELECT e.event_time - e.event_time % ? AS t, e.event_name AS op, count(*) AS n, count(e.error_code) AS errors
     FROM ${db.dialect.table('events', 'e', index)} ${where.sql} GROUP BY t, op`,
    [bucketMs, ...where.params],
  );
}

async function rollupRows(db: Sql, plan: RollupPlan, unit: 'hour' | 'day', bucketMs: number, [a, b]: [number, number]): Promise<BucketRow[]> {
  const table = unit === 'day' ? plan.dayTable : plan.hourTable;
  // A bucket the size of the table's own unit groups by the key's leading columns, which SQLite
  // reads in order; an expression would sort every row through a temp B-tree first (2.4 → 1.6 ms
  // for a 90-day timeline at 1M events). Every rollup's key starts (unit, event_name).
  const own = bucketMs === (unit === 'day' ? DAY_MS : HOUR_MS);
  const t = own ? unit : `${unit} - ${unit} % ${Number(bucketMs)}`;
  const rows = await db.arrays<BucketRow>(
    `SELECT ${t} AS t, e.event_name AS op, ${db.dialect.sumCounts('n')} AS n, ${db.dialect.sumCounts('n * failed')} AS errors FROM ${table} e
     WHERE ${unit} >= ? AND ${unit} < ?${plan.sql ? ` AND ${plan.sql}` : ''} GROUP BY ${own ? `${unit}, e.event_name` : 't, op'}`,
    [a, b, ...plan.params],
  );
  if (!plan.minus) return rows;
  const minus = await rawBuckets(db, plan.minus.filter, bucketMs, a, b - 1, [plan.minus.term], plan.minus.index);
  return [...rows, ...minus.map(([t, op, n, errors]): BucketRow => [t, op, -n, -errors])];
}

/**
 * Whole days of a filter naming principals, from the daily principal rollup. Null when that rollup
 * cannot answer. At 1M events, 90-day day timeline, user=MediaOpsAdmin/ops-alice (30k events):
 * 247 ms from the events (a row read for each, for its operation) → 28 ms.
 */
async function principalDays(db: Sql, filter: EventFilter, bucketMs: number, [a, b]: [number, number]): Promise<BucketRow[] | null> {
  const where = principalDayWhere(filter);
  if (!where) return null;
  return db.arrays<BucketRow>(
    `SELECT day - day % ? AS t, event_name AS op, ${db.dialect.sumCounts('n')} AS n, ${db.dialect.sumCounts('n * failed')} AS errors FROM rollup_principal_day
     WHERE day >= ? AND day < ?${where.sql} GROUP BY 1, 2`,
    [bucketMs, a, b, ...where.params],
  );
}

/**
 * Day buckets come from a daily rollup (the principal one when the filter names principals), hour
 * buckets and the partial days at a window's edges from an hourly one, and the partial hours at the
 * very edges from the events. Minute buckets, and filters no rollup answers (resource, text, an
 * error code), read the events through their indexes.
 */
async function bucketRows(db: Sql, filter: EventFilter, bucketMs: number, from: number, to: number): Promise<BucketRow[]> {
  const plan = bucketMs % HOUR_MS === 0 ? rollupPlan(filter) : null;
  const edgeRows = async (edges: [number, number][], read: (a: number, b: number) => Promise<BucketRow[]>) => {
    const rows: BucketRow[] = [];
    for (const [x, y] of edges) rows.push(...(await read(x, y)));
    return rows;
  };
  const hourly = async (a: number, b: number): Promise<BucketRow[]> => {
    if (!plan && HOUR_MS % bucketMs === 0) {
      // Minute buckets (a window of a day or less) from the events, the whole hours apart from the
      // partial ones at the edges, asked together: the whole hours' bounds move once an hour, so the
      // reading thread answers them again from memory (read-cache.ts), and only the edges are read
      // afresh. As one statement, the 24-hour timeline grouped a day of events on every request
      // (11k at 1M wide events; PostgreSQL p50 16.6 ms).
      // Each part within the window: bounded by its own range, not the filter's moving `from`.
      const within = { ...filter, from: null, to: null };
      const { hours, edges } = splitHours(a, b);
      const parts = await Promise.all([...(hours ? [hours] : []).map(([x, y]) => rawBuckets(db, within, bucketMs, x, y - 1)), ...edges.map(([x, y]) => rawBuckets(db, within, bucketMs, x, y))]);
      return parts.flat();
    }
    if (!plan) return rawBuckets(db, filter, bucketMs, a, b);
    const { hours, edges } = splitHours(a, b);
    return [...(hours ? await rollupRows(db, plan, 'hour', bucketMs, hours) : []), ...(await edgeRows(edges, (x, y) => rawBuckets(db, filter, bucketMs, x, y)))];
  };
  if (bucketMs % DAY_MS !== 0) return hourly(from, to);
  const { hours: days, edges } = splitHours(from, to, DAY_MS);
  const byPrincipal = days && (filter.user || filter.notUsers.length) ? await principalDays(db, filter, bucketMs, days) : null;
  const whole = byPrincipal ?? (days && plan ? await rollupRows(db, plan, 'day', bucketMs, days) : null);
  if (days && !whole) return rawBuckets(db, filter, bucketMs, from, to);
  return [...(whole ?? []), ...(await edgeRows(edges, hourly))];
}

export function timeline(db: Sql, filter: EventFilter, bucketMs: number, window: { from: Date; to: Date }): Promise<TimelinePoint[]> {
  return keptTimeline(db, filter, bucketMs, window, (from, to) => drawTimeline(db, filter, bucketMs, window, from, to));
}

/** The timeline `draw` makes of the window's events, kept where the connection keeps values. */
function keptTimeline(db: Sql, filter: EventFilter, bucketMs: number, window: { from: Date; to: Date }, draw: (from: number, to: number) => Promise<TimelinePoint[]>): Promise<TimelinePoint[]> {
  const from = Math.max(window.from.getTime(), filter.from?.getTime() ?? -MAX_TIME);
  const to = Math.min(window.to.getTime(), filter.to?.getTime() ?? MAX_TIME);
  // Its buckets are the window's whole buckets, its counts the window's events'. The events page
  // draws 90 days of 4,410 day-and-operation rows (1M wide events) on every view: ~1.5 ms of the
  // reading thread's CPU a page, added up again.
  const grid = `${bucketMs}\0${Math.floor(window.from.getTime() / bucketMs)}\0${Math.floor(window.to.getTime() / bucketMs)}`;
  return keptForWindow(db, `timeline\0${grid}`, filter, [from, to], () => draw(from, to), (points) => points.reduce((n, p) => n + 1 + Object.keys(p.counts).length, 0));
}

async function drawTimeline(db: Sql, filter: EventFilter, bucketMs: number, window: { from: Date; to: Date }, from: number, to: number): Promise<TimelinePoint[]> {
  return fillBuckets(from <= to ? await bucketRows(db, filter, bucketMs, from, to) : [], bucketMs, window);
}

/**
 * The timeline of events at hand as `timeline` draws it from the store, for a page that holds
 * every match of its filter: of those, the ones in `window` (a range's ends at now; a clock ahead
 * of ours can stamp a match after it).
 */
export function timelineOfEvents(events: { eventTime: string; eventName: string; errorCode: string | null }[], bucketMs: number, window: { from: Date; to: Date }): TimelinePoint[] {
  const rows: BucketRow[] = [];
  for (const e of events) {
    const t = Date.parse(e.eventTime);
    if (t >= window.from.getTime() && t <= window.to.getTime()) rows.push([t - (t % bucketMs), e.eventName, 1, e.errorCode === null ? 0 : 1]);
  }
  return fillBuckets(rows, bucketMs, window);
}

/** Counts per bucket and operation; every bucket of the window is there when they are few enough. */
function fillBuckets(rows: BucketRow[], bucketMs: number, window: { from: Date; to: Date }): TimelinePoint[] {
  // Counted in a Map per bucket and made an object once, without the zeros a subtraction
  // (RollupPlan.minus) left: counting into the object itself, and deleting its zeros after, took
  // 4.4 ms for a day of 5-minute buckets of 35 operations each (the bench's wide shape) against 2.7.
  const buckets = new Map<number, { counts: Map<string, number>; errors: number }>();
  const first = Math.floor(window.from.getTime() / bucketMs) * bucketMs;
  const last = Math.floor(window.to.getTime() / bucketMs) * bucketMs;
  if ((last - first) / bucketMs <= MAX_BUCKETS) {
    for (let t = first; t <= last; t += bucketMs) buckets.set(t, { counts: new Map(), errors: 0 });
  }
  for (const [t, op, n, errors] of rows) {
    let bucket = buckets.get(t);
    if (!bucket) buckets.set(t, (bucket = { counts: new Map(), errors: 0 }));
    bucket.counts.set(op, (bucket.counts.get(op) ?? 0) + n);
    bucket.errors += errors;
  }
  return [...buckets.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([t, bucket]) => {
      const counts: Record<string, number> = {};
      for (const [op, n] of bucket.counts) if (n !== 0) counts[op] = n;
      return { t: new Date(t).toISOString(), counts, errors: bucket.errors };
    });
}

export async function timeSpan(db: Sql, filter: EventFilter): Promise<{ from: Date; to: Date } | null> {
  const where = buildWhere(filter, [], { dialect: db.dialect });
  // Two ordered LIMIT 1 lookups walk an index ending in event_time from either end; min() and
  // max() in one statement with a WHERE read the whole range. At 1M events, region=us-west-2:
  //   min(), max(): SEARCH e USING COVERING INDEX events_region_time (region=?) → 39 ms
  //   ORDER BY e.event_time LIMIT 1, twice: the same index, one entry each → 0.0 ms
  const edge = (dir: 'ASC' | 'DESC') => db.value<number>(`SELECT e.event_time FROM events e ${where.sql} ORDER BY e.event_time ${dir} LIMIT 1`, where.params);
  const lo = await edge('ASC');
  const hi = await edge('DESC');
  return lo === undefined || hi === undefined ? null : { from: new Date(lo), to: new Date(hi) };
}

/**
 * How many events match and the first and last time among them (null when none), for a page that
 * shows both. Where the rollups count, the times are timeSpan's two index lookups. Where they cannot
 * (a text search, a resource, an error code), one pass over the matches gives all three: asked
 * apart, a search for text no event holds read the 1M events of the bench's demo store three
 * times over, the newest to the oldest and back (count 1.1 s, span 2.5 s).
 */
export async function countAndSpan(db: Sql, filter: EventFilter): Promise<{ total: number; span: { from: Date; to: Date } | null }> {
  if (rollupPlan(filter)) {
    // Asked at once: on PostgreSQL, on two connections.
    const [total, span] = await Promise.all([countFromRollup(db, filter), timeSpan(db, filter)]);
    return { total: total!, span };
  }
  // Counted by day and operation, the pass also draws the day timeline the page asks next for the
  // span (timelineWindow), kept where the connection keeps values, so the page reads the matches
  // once: the principal with the most of the 1M demo events, all time, was read twice. The rows are
  // kept at the first ask, not the second as a statement's answer is: asked again (a reload, the
  // way back), the page reads nothing.
  const where = buildWhere(filter, [], { dialect: db.dialect });
  const read = () =>
    db.arrays<[...BucketRow, first: number, last: number]>(
      `SELECT e.event_time - e.event_time % ? AS t, e.event_name AS op, count(*) AS n, count(e.error_code) AS errors, min(e.event_time), max(e.event_time)
       FROM events e ${where.sql} GROUP BY t, op`,
      [DAY_MS, ...where.params],
    );
  const days = db.remember ? await db.remember(`days\0${JSON.stringify({ ...filter, range: null })}`, read, (rows) => rows.length) : await read();
  if (!days.length) return { total: 0, span: null };
  let [total, first, last] = [0, Infinity, -Infinity];
  for (const [, , n, , lo, hi] of days) [total, first, last] = [total + n, Math.min(first, lo), Math.max(last, hi)];
  const span = { from: new Date(first), to: new Date(last) };
  // `now` plays no part in a window without a start.
  const window = timelineWindow(filter, span, new Date());
  if (db.remember && !filter.from && window.bucketMs === DAY_MS) {
    await keptTimeline(db, filter, DAY_MS, window, async () => fillBuckets(days.map(([t, op, n, errors]): BucketRow => [t, op, n, errors]), DAY_MS, window));
  }
  return { total, span };
}
