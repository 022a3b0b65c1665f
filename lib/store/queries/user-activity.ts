import type { PrincipalType } from '@/lib/events/types';
import type { EventFilter } from '@/lib/filters/schema';
import type { UserActivity } from '../types';
import { keepSource, principalDayWhere } from './principal-rollup';
import { splitHours } from './rollup-plan';
import { DAY_MS, HOUR_MS, MAX_TIME } from './rollup-cells';
import type { Sql } from './sql';
import { buildWhere } from './where';

interface Cell {
  principal: string;
  account_id: string;
  op: string;
  ip: string;
  read_only: number;
  failed: number;
  n: number;
  first_time: number;
  last_time: number;
}

function rawCells(db: Sql, filter: EventFilter): Promise<Cell[]> {
  const where = buildWhere(filter);
  return db.all<Cell>(
    `SELECT e.principal, e.account_id, e.event_name AS op, e.source_ip AS ip, e.read_only, CASE WHEN e.error_code IS NULL THEN 0 ELSE 1 END AS failed,
       count(*) AS n, min(e.event_time) AS first_time, max(e.event_time) AS last_time
     FROM events e ${where.sql} GROUP BY 1, 2, 3, 4, 5, 6`,
    where.params,
  );
}

/** Cells of a principal rollup (per day or per hour) over whole units [a, b), `ip`/`notIp` applied per source. */
async function rollupCells(db: Sql, filter: EventFilter, unit: 'day' | 'hour', [a, b]: [number, number], where: { sql: string; params: unknown[] }): Promise<Cell[]> {
  const rows = await db.all<Cell>(
    `SELECT principal, account_id, event_name AS op, source_ip AS ip, read_only, failed, sum(n) AS n, min(first_time) AS first_time, max(last_time) AS last_time
     FROM rollup_principal_${unit} WHERE ${unit} >= ? AND ${unit} < ?${where.sql} GROUP BY 1, 2, 3, 4, 5, 6`,
    [a, b, ...where.params],
  );
  const keep = keepSource(filter);
  return keep ? rows.filter((c) => keep(c.ip)) : rows;
}

/**
 * Whole days from the daily rollup, whole hours of the partial days from the hourly one, the rest
 * from the events: in parts, not one array, since a part can hold a million cells (the wide shape)
 * and spreading that many into push() overflows the stack.
 */
async function cells(db: Sql, filter: EventFilter): Promise<Cell[][]> {
  const where = principalDayWhere(filter);
  if (!where) return [await rawCells(db, filter)];
  const { hours: days, edges } = splitHours(filter.from?.getTime() ?? 0, filter.to?.getTime() ?? MAX_TIME, DAY_MS);
  const parts: Cell[][] = [];
  if (days) parts.push(await rollupCells(db, filter, 'day', days, where));
  for (const [from, to] of edges) {
    const { hours, edges: partial } = splitHours(from, to, HOUR_MS);
    if (hours) parts.push(await rollupCells(db, filter, 'hour', hours, where));
    for (const [a, b] of partial) parts.push(await rawCells(db, { ...filter, from: new Date(a), to: new Date(b) }));
  }
  return parts;
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
  const users = new Map<string, UserActivity & { ipMap: Map<string, { events: number; last: number }>; first: number; last: number }>();
  for (const c of (await cells(db, filter)).flat()) {
    const key = `${c.account_id}\0${c.principal}`;
    let u = users.get(key);
    if (!u) {
      u = { principal: c.principal, accountId: c.account_id, type: 'Unknown', principalArn: null, events: 0, changes: 0, errors: 0, firstSeen: '', lastSeen: '', ops: {}, ips: [], ipCount: 0, ipMap: new Map(), first: Infinity, last: -Infinity };
      users.set(key, u);
    }
    u.events += c.n;
    if (!c.read_only) u.changes += c.n;
    if (c.failed) u.errors += c.n;
    u.first = Math.min(u.first, c.first_time);
    u.last = Math.max(u.last, c.last_time);
    u.ops[c.op] = (u.ops[c.op] ?? 0) + c.n;
    const ip = u.ipMap.get(c.ip) ?? { events: 0, last: -Infinity };
    u.ipMap.set(c.ip, { events: ip.events + c.n, last: Math.max(ip.last, c.last_time) });
  }
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
