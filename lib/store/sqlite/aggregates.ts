import type Database from 'better-sqlite3';
import type { PrincipalType } from '@/lib/events/types';
import type { EventFilter } from '@/lib/filters/schema';
import type { TimelinePoint, UserActivity } from '../types';
import { HOUR_MS, MAX_TIME, rollupWhere, splitHours } from './rollups';
import { buildWhere } from './where';

// Charts only draw: bucketing happens here, in SQL, and empty buckets are filled so the chart
// shows quiet periods as quiet rather than skipping them.
const MAX_BUCKETS = 5000;

type BucketRow = { t: number; op: string; n: number; errors: number };

function rawBuckets(db: Database.Database, filter: EventFilter, bucketMs: number, from: number, to: number): BucketRow[] {
  const where = buildWhere(filter, [{ sql: 'e.event_time BETWEEN ? AND ?', params: [from, to] }]);
  return db
    .prepare(
      `SELECT e.event_time - e.event_time % ? AS t, e.event_name AS op, count(*) AS n, sum(e.error_code IS NOT NULL) AS errors
       FROM events e ${where.sql} GROUP BY t, op`,
    )
    .all(bucketMs, ...where.params) as BucketRow[];
}

/**
 * Hour and day buckets come from the hourly rollup where the filter allows (the partial hours at
 * the window's edges from the events); minute buckets and filters on IP, principal, resource or
 * text read the events through their indexes.
 */
function bucketRows(db: Database.Database, filter: EventFilter, bucketMs: number, from: number, to: number): BucketRow[] {
  const where = bucketMs % HOUR_MS === 0 ? rollupWhere(filter) : null;
  if (!where) return rawBuckets(db, filter, bucketMs, from, to);
  const { hours, edges } = splitHours(from, to);
  const rows: BucketRow[] = [];
  if (hours) {
    rows.push(
      ...(db
        .prepare(
          `SELECT hour - hour % ? AS t, event_name AS op, sum(n) AS n, sum(n * failed) AS errors FROM rollup_hour
           WHERE hour >= ? AND hour < ?${where.sql ? ` AND ${where.sql}` : ''} GROUP BY t, op`,
        )
        .all(bucketMs, hours[0], hours[1], ...where.params) as BucketRow[]),
    );
  }
  for (const [a, b] of edges) rows.push(...rawBuckets(db, filter, bucketMs, a, b));
  return rows;
}

export function timeline(db: Database.Database, filter: EventFilter, bucketMs: number, window: { from: Date; to: Date }): TimelinePoint[] {
  const from = Math.max(window.from.getTime(), filter.from?.getTime() ?? -MAX_TIME);
  const to = Math.min(window.to.getTime(), filter.to?.getTime() ?? MAX_TIME);
  const rows = from <= to ? bucketRows(db, filter, bucketMs, from, to) : [];
  const buckets = new Map<number, TimelinePoint>();
  const first = Math.floor(window.from.getTime() / bucketMs) * bucketMs;
  const last = Math.floor(window.to.getTime() / bucketMs) * bucketMs;
  if ((last - first) / bucketMs <= MAX_BUCKETS) {
    for (let t = first; t <= last; t += bucketMs) buckets.set(t, { t: new Date(t).toISOString(), counts: {}, errors: 0 });
  }
  for (const row of rows) {
    const point = buckets.get(row.t) ?? { t: new Date(row.t).toISOString(), counts: {}, errors: 0 };
    point.counts[row.op] = (point.counts[row.op] ?? 0) + row.n;
    point.errors += row.errors;
    buckets.set(row.t, point);
  }
  return [...buckets.entries()].sort((a, b) => a[0] - b[0]).map(([, p]) => p);
}

export function timeSpan(db: Database.Database, filter: EventFilter): { from: Date; to: Date } | null {
  const where = buildWhere(filter);
  const row = db.prepare(`SELECT min(e.event_time) AS lo, max(e.event_time) AS hi FROM events e ${where.sql}`).get(...where.params) as {
    lo: number | null;
    hi: number | null;
  };
  return row.lo === null || row.hi === null ? null : { from: new Date(row.lo), to: new Date(row.hi) };
}

export function userActivity(db: Database.Database, filter: EventFilter): UserActivity[] {
  const where = buildWhere(filter);
  const totals = db
    .prepare(
      `SELECT e.principal, max(e.principal_type) AS type, max(e.principal_arn) AS arn, count(*) AS events,
         sum(e.read_only = 0) AS changes, sum(e.error_code IS NOT NULL) AS errors,
         min(e.event_time) AS first_seen, max(e.event_time) AS last_seen
       FROM events e ${where.sql} GROUP BY e.principal ORDER BY events DESC, e.principal`,
    )
    .all(...where.params) as {
    principal: string;
    type: string;
    arn: string | null;
    events: number;
    changes: number;
    errors: number;
    first_seen: number;
    last_seen: number;
  }[];
  const users = new Map<string, UserActivity>();
  for (const t of totals) {
    users.set(t.principal, {
      principal: t.principal,
      type: t.type as PrincipalType,
      principalArn: t.arn,
      events: t.events,
      changes: t.changes,
      errors: t.errors,
      firstSeen: new Date(t.first_seen).toISOString(),
      lastSeen: new Date(t.last_seen).toISOString(),
      ops: {},
      ips: [],
    });
  }
  const ops = db
    .prepare(`SELECT e.principal, e.event_name AS op, count(*) AS n FROM events e ${where.sql} GROUP BY e.principal, op ORDER BY n DESC`)
    .all(...where.params) as { principal: string; op: string; n: number }[];
  for (const o of ops) {
    const user = users.get(o.principal);
    if (user) user.ops[o.op] = o.n;
  }
  const ips = db
    .prepare(
      `SELECT e.principal, e.source_ip AS ip, count(*) AS n, max(e.event_time) AS last_seen
       FROM events e ${where.sql} GROUP BY e.principal, ip ORDER BY last_seen DESC`,
    )
    .all(...where.params) as { principal: string; ip: string; n: number; last_seen: number }[];
  for (const i of ips) users.get(i.principal)?.ips.push({ ip: i.ip, events: i.n, lastSeen: new Date(i.last_seen).toISOString() });
  return [...users.values()];
}
