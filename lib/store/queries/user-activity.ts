import type { PrincipalType } from '@/lib/events/types';
import type { EventFilter } from '@/lib/filters/schema';
import type { UserActivity } from '../types';
import { keepSource, principalDayWhere } from './principal-rollup';
import { windowParts } from './rollup-plan';
import { DAY_MS, MAX_TIME } from './rollup-cells';
import type { Sql } from './sql';
import { buildWhere } from './where';

/** [principal, account_id, op, source ip, read_only, failed, n, first_time, last_time] */
type Cell = [principal: string, account: string, op: string, ip: string, readOnly: number, failed: number, n: number, first: number, last: number];
type Visit = (cell: Cell) => void;

function rawCells(db: Sql, filter: EventFilter, visit: Visit): Promise<void> {
  const where = buildWhere(filter);
  return db.each<Cell>(
    `SELECT e.principal, e.account_id, e.event_name AS op, e.source_ip AS ip, e.read_only, CASE WHEN e.error_code IS NULL THEN 0 ELSE 1 END AS failed,
       count(*) AS n, min(e.event_time) AS first_time, max(e.event_time) AS last_time
     FROM events e ${where.sql} GROUP BY 1, 2, 3, 4, 5, 6`,
    where.params,
    visit,
  );
}

/** Cells of a principal rollup (per day or per hour) over whole units [a, b), `ip`/`notIp` applied per source. */
async function rollupCells(db: Sql, filter: EventFilter, unit: 'day' | 'hour', [a, b]: [number, number], where: { sql: string; params: unknown[] }, visit: Visit): Promise<void> {
  const keep = keepSource(filter);
  const table = unit === 'day' && (await groupedByIndex(db, a, b)) ? db.dialect.table('rollup_principal_day', '', 'rollup_principal_day_cells') : `rollup_principal_${unit}`;
  return db.each<Cell>(
    `SELECT principal, account_id, event_name AS op, source_ip AS ip, read_only, failed, sum(n) AS n, min(first_time) AS first_time, max(last_time) AS last_time
     FROM ${table} WHERE ${unit} >= ? AND ${unit} < ?${where.sql} GROUP BY 1, 2, 3, 4, 5, 6`,
    [a, b, ...where.params],
    keep
      ? (c) => {
          if (keep(c[3])) visit(c);
        }
      : visit,
  );
}

/**
 * Whether SQLite should group the daily rows of [a, b) through the index in their grouping order
 * (rollup_principal_day_cells): no sort, but every stored day is read. It pays when the window holds
 * at least half of them: at 1M events, /users for the last 90 days grouped in 4.8 ms instead of
 * 16 (the demo's mix) and 1.4 s instead of 2.1 (the bench's wide shape, a row for nearly every
 * event). A week of a year's history is sorted as before, from its own rows.
 */
async function groupedByIndex(db: Sql, a: number, b: number): Promise<boolean> {
  if (db.dialect.name !== 'sqlite') return false;
  const span = await db.get<{ first: number | null; last: number | null }>(
    'SELECT (SELECT min(day) FROM rollup_principal_day) AS first, (SELECT max(day) FROM rollup_principal_day) AS last',
  );
  if (span?.first == null || span.last == null) return false;
  const stored = span.last + DAY_MS - span.first;
  const inWindow = Math.min(b, span.last + DAY_MS) - Math.max(a, span.first);
  return inWindow * 2 >= stored;
}

/**
 * Visits the cells of the filter's window: whole days from the daily rollup, whole hours of the
 * partial days from the hourly one, the rest from the events. Visited one by one, never gathered:
 * a principal behind thousands of sources makes a cell of nearly every event (the bench's wide
 * shape: a million at 1M events, which held in arrays took the server past 800 MB).
 */
async function visitCells(db: Sql, filter: EventFilter, visit: Visit): Promise<void> {
  const where = principalDayWhere(filter);
  if (!where) return rawCells(db, filter, visit);
  const { days, hours, raw } = windowParts(filter.from?.getTime() ?? 0, filter.to?.getTime() ?? MAX_TIME);
  if (days) await rollupCells(db, filter, 'day', days, where, visit);
  for (const h of hours) await rollupCells(db, filter, 'hour', h, where, visit);
  for (const [a, b] of raw) await rawCells(db, { ...filter, from: new Date(a), to: new Date(b) }, visit);
}

/**
 * Sources listed per principal. A principal behind a NAT pool or a fleet calls from thousands: with
 * every one listed, /api/users for 60 such principals was 360k entries, and building it ran the
 * server out of memory (the bench's wide shape at 1M events). A principal's page lists more.
 */
export const USER_IPS = 20;

/**
 * Activity per principal and account: totals, first/last seen, operations and source IPs, busiest
 * first. The same session name in two accounts is two rows, never one.
 */
export async function userActivity(db: Sql, filter: EventFilter): Promise<UserActivity[]> {
  type Tally = UserActivity & { ipMap: Map<string, { events: number; last: number }>; first: number; last: number };
  const users = new Map<string, Tally>();
  // Cells mostly come a principal at a time (the rollup index's order): look it up once per run.
  let u: Tally | undefined;
  await visitCells(db, filter, ([principal, account, op, ip, readOnly, failed, n, first, last]) => {
    if (u?.principal !== principal || u.accountId !== account) {
      const key = `${account}\0${principal}`;
      u = users.get(key);
      if (!u) {
        u = { principal, accountId: account, type: 'Unknown', principalArn: null, events: 0, changes: 0, errors: 0, firstSeen: '', lastSeen: '', ops: {}, ips: [], ipCount: 0, ipMap: new Map(), first: Infinity, last: -Infinity };
        users.set(key, u);
      }
    }
    u.events += n;
    if (!readOnly) u.changes += n;
    if (failed) u.errors += n;
    if (first < u.first) u.first = first;
    if (last > u.last) u.last = last;
    u.ops[op] = (u.ops[op] ?? 0) + n;
    const seen = u.ipMap.get(ip);
    if (seen) {
      seen.events += n;
      if (last > seen.last) seen.last = last;
    } else u.ipMap.set(ip, { events: n, last });
  });
  // Through the principal's index, newest first, to its first event in the account: left alone,
  // SQLite walked the account's time index instead, every event of the account for a rare
  // principal (/users at 1M events, p95 45 → 474 ms). PostgreSQL takes no hint but follows the
  // order: sorting by the index's own columns (the principal is one value here) makes that index
  // the plan; sorted by time alone it walked events_time backwards (580 ms a principal at 1M).
  const identitySql = `SELECT principal_type AS type, principal_arn AS arn FROM ${db.dialect.table('events', 'e', 'events_principal_time')}
    WHERE principal = ? AND account_id = ? ORDER BY principal DESC, event_time DESC LIMIT 1`;
  const sorted = [...users.values()].sort(
    (a, b) => b.events - a.events || (a.principal < b.principal ? -1 : a.principal > b.principal ? 1 : a.accountId < b.accountId ? -1 : 1),
  );
  const out: UserActivity[] = [];
  for (const { ipMap, first, last, ...u } of sorted) {
    const who = await db.get<{ type: string; arn: string | null }>(identitySql, [u.principal, u.accountId]);
    out.push({
      ...u,
      type: (who?.type ?? 'Unknown') as PrincipalType,
      principalArn: who?.arn ?? null,
      firstSeen: new Date(first).toISOString(),
      lastSeen: new Date(last).toISOString(),
      ops: Object.fromEntries(Object.entries(u.ops).sort((a, b) => b[1] - a[1])),
      ips: [...ipMap]
        .sort((a, b) => b[1].last - a[1].last || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
        .slice(0, USER_IPS)
        .map(([ip, v]) => ({ ip, events: v.events, lastSeen: new Date(v.last).toISOString() })),
      ipCount: ipMap.size,
    });
  }
  return out;
}
