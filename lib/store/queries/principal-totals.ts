import type { EventFilter } from '@/lib/filters/schema';
import { storedDays, visitCells } from './principal-cells';
import { principalDayWhere } from './principal-rollup';
import { DAY_MS } from './time-units';
import type { Sql } from './sql';
import { unionPer } from './union-per';

/** One principal in one account over a window, as /users adds it up before sorting and describing it. */
export interface PrincipalTally {
  principal: string;
  accountId: string;
  events: number;
  changes: number;
  errors: number;
  first: number;
  last: number;
  ops: Record<string, number>;
  /** Newest first (then by address), at most the limit asked for. */
  ips: { ip: string; events: number; last: number }[];
  ipCount: number;
}

export const newTally = (principal: string, accountId: string): PrincipalTally => ({
  principal, accountId, events: 0, changes: 0, errors: 0, first: Infinity, last: -Infinity, ops: {}, ips: [], ipCount: 0,
});

// The filters the totals answer: which principals, in which accounts, over which time.
const ANSWERED = new Set<string>(['accounts', 'user', 'notUsers', 'from', 'to', 'range'] satisfies (keyof EventFilter)[]);

/** The totals' conditions: principalDayWhere's, as the columns are the same. Null for any other filter. */
function totalsWhere(filter: EventFilter): { sql: string; params: unknown[] } | null {
  for (const [name, value] of Object.entries(filter)) {
    if (!ANSWERED.has(name) && value !== null && !(Array.isArray(value) && value.length === 0)) return null;
  }
  const where = principalDayWhere(filter);
  return where && { sql: ` WHERE 1 = 1${where.sql}`, params: where.params };
}

/**
 * /users over a window open to now (`range=90d`, or `from` alone), from all-time totals per
 * principal and operation (rollup_principal_op) and per principal and source (rollup_principal_ip)
 * less what lies before the window. The daily rollup has a row per principal, operation, source
 * and day: where principals call from thousands of sources that is nearly a row per event (the
 * bench's wide shape, 1M rows at 1M events, 1.9 s to read), while the totals hold a few thousand
 * operations and each principal's newest sources are read through an index.
 *
 * Null where this plan does not answer, and the daily cells must: a filter on what the totals do
 * not key (operation, source, outcome, region…), a window that ends before the newest event, or
 * one that starts in the later half of the stored history, where the part before it is the larger.
 */
export async function openWindowTallies(db: Sql, filter: EventFilter, ipLimit: number): Promise<PrincipalTally[] | null> {
  const where = totalsWhere(filter);
  if (!where) return null;
  const span = await storedDays(db);
  if (!span) return null;
  if (filter.to) {
    const newest = await db.value<number | null>('SELECT max(event_time) FROM events');
    if (newest != null && newest > filter.to.getTime()) return null;
  }
  const from = Math.max(filter.from?.getTime() ?? 0, 0);
  if (from - span.first > span.last + DAY_MS - from) return null;

  // What the totals hold from before the window, read first: an import that commits between the
  // two reads then adds to the totals only, and no count comes out below what it was.
  const earlierOps = new Map<string, { n: number; changes: number; errors: number }>();
  const earlierIps = new Map<string, number>();
  const startedEarlier = new Set<string>();
  if (from > span.first) {
    await visitCells(db, { ...filter, range: null, from: null, to: new Date(from - 1) }, ([principal, account, op, ip, readOnly, failed, n]) => {
      const who = `${account}\0${principal}`;
      startedEarlier.add(who);
      const o = `${who}\0${op}`;
      let e = earlierOps.get(o);
      if (!e) earlierOps.set(o, (e = { n: 0, changes: 0, errors: 0 }));
      e.n += n;
      if (!readOnly) e.changes += n;
      if (failed) e.errors += n;
      const i = `${who}\0${ip}`;
      earlierIps.set(i, (earlierIps.get(i) ?? 0) + n);
    });
  }

  const tallies = new Map<string, PrincipalTally>();
  // A few thousand rows at most (principals × operations): read at once, not through a cursor, and
  // added up per operation in SQL (half the rows to hand over than per outcome).
  const totals = await db.arrays<[string, string, string, number, number, number, number, number]>(
    `SELECT principal, account_id, event_name, ${db.dialect.sumCounts('n')}, ${db.dialect.sumCounts('CASE WHEN read_only = 0 THEN n ELSE 0 END')}, ${db.dialect.sumCounts('n * failed')}, min(first_time), max(last_time)
     FROM rollup_principal_op${where.sql} GROUP BY principal, account_id, event_name`,
    where.params,
  );
  for (const [principal, account, op, total, changes, errors, first, last] of totals) {
    const who = `${account}\0${principal}`;
    const earlier = earlierOps.get(`${who}\0${op}`);
    const n = total - (earlier?.n ?? 0);
    if (n <= 0) continue;
    let t = tallies.get(who);
    if (!t) tallies.set(who, (t = newTally(principal, account)));
    t.events += n;
    t.changes += changes - (earlier?.changes ?? 0);
    t.errors += errors - (earlier?.errors ?? 0);
    t.ops[op] = (t.ops[op] ?? 0) + n;
    if (first < t.first) t.first = first;
    // The window runs to the newest event, so an operation with calls in it made its last one there.
    if (last > t.last) t.last = last;
  }

  // A principal's first call in the window, where it also called before: through its time index.
  const firstSql = `SELECT e.event_time FROM ${db.dialect.table('events', 'e', 'events_principal_time')}
    WHERE e.principal = ? AND e.account_id = ? AND e.event_time >= ? ORDER BY e.principal, e.event_time LIMIT 1`;
  // A source is in the window when its last call is: newest first, as the daily cells list them.
  const ipsSql = `SELECT source_ip, n, last_time FROM ${db.dialect.table('rollup_principal_ip', '', 'rollup_principal_ip_recent')}
    WHERE principal = ? AND account_id = ? AND last_time >= ? ORDER BY last_time DESC, source_ip LIMIT ?`;
  // Its sources in the window: all it ever called from less those it last called from before (few,
  // as the window holds the larger part of the history).
  const countSql = `SELECT (SELECT sources FROM rollup_principal_sources WHERE principal = ? AND account_id = ?)
    - (SELECT count(*) FROM ${db.dialect.table('rollup_principal_ip', '', 'rollup_principal_ip_recent')} WHERE principal = ? AND account_id = ? AND last_time < ?)`;
  const all = [...tallies.entries()];
  const late = all.filter(([who]) => startedEarlier.has(who));
  const firsts = await unionPer<(typeof all)[number], [number]>(db, late, firstSql, ([, t]) => [t.principal, t.accountId, from]);
  late.forEach(([, t], i) => (t.first = firsts[i][0]?.[0] ?? t.first));
  const ips = await unionPer<(typeof all)[number], [string, number, number]>(db, all, ipsSql, ([, t]) => [t.principal, t.accountId, from, ipLimit]);
  const counts = await unionPer<(typeof all)[number], [number]>(db, all, countSql, ([, t]) => [t.principal, t.accountId, t.principal, t.accountId, from]);
  all.forEach(([who, t], i) => {
    t.ips = ips[i].map(([ip, n, last]) => ({ ip, events: n - (earlierIps.get(`${who}\0${ip}`) ?? 0), last }));
    t.ipCount = counts[i][0]?.[0] ?? 0;
  });
  return [...tallies.values()];
}
