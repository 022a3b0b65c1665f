import type { EventFilter } from '@/lib/filters/schema';
import { partOpSums, partSourceSums, storedDays } from './principal-cells';
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
  /**
   * Calls per operation. A Map, not an object: each principal's operations come in an order of
   * their own, and an object built key by key in each of those orders is a new hidden class per
   * step for V8. At 1M wide events (49 principals, 2,401 operations), /users for 7 days on
   * PostgreSQL, median of 100 calls to the totals: 10.3 → 8.4 ms.
   */
  ops: Map<string, number>;
  /** Newest first (then by address), at most the limit asked for. */
  ips: { ip: string; events: number; last: number }[];
  ipCount: number;
}

export const newTally = (principal: string, accountId: string): PrincipalTally => ({
  principal, accountId, events: 0, changes: 0, errors: 0, first: Infinity, last: -Infinity, ops: new Map(), ips: [], ipCount: 0,
});

// The filters the totals answer: which principals, in which accounts, over which time.
const ANSWERED = new Set<string>(['accounts', 'user', 'notUsers', 'from', 'to', 'range'] satisfies (keyof EventFilter)[]);

/** The totals' conditions (principalDayWhere's, ` AND …`), as the columns are the same. Null for any other filter. */
function totalsWhere(filter: EventFilter): { sql: string; params: unknown[] } | null {
  for (const [name, value] of Object.entries(filter)) {
    if (!ANSWERED.has(name) && value !== null && !(Array.isArray(value) && value.length === 0)) return null;
  }
  return principalDayWhere(filter);
}

type PartCounts = { n: number; changes: number; errors: number; first: number; last: number };

/**
 * /users over a window open to now (`range=30d`, or `from` alone), wherever in the history it
 * starts, without reading a cell per principal, operation and source:
 * - operations from each principal's operations per day (rollup_principal_op_day: 202k rows at 1M
 *   events of the bench's wide shape, where the daily rollup holds a row for nearly every event),
 *   or from the all-time totals (rollup_principal_op) when the window holds every stored day;
 * - the part of the window's first day before or after `from`, whichever is the shorter, from the
 *   hourly cells and the events, added or taken off;
 * - sources from the all-time totals per source (rollup_principal_ip): those last called from in
 *   the window are the window's, newest first; a listed source also called from before the window
 *   has those calls taken off, read from the daily rollup through its index by source.
 * Before, a window that started in the later half of the stored history was added up cell by cell:
 * /users for the last 30 days took 1.1 s at 1M wide events, for 45 days 2 s.
 *
 * Null where this plan does not answer, and the daily cells must: a filter on what these tables do
 * not key (operation, source, outcome, region…), or a window that ends before the newest event.
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
  // Whole days from `start` on, and the hours between `from` and `start`: added when the window
  // starts before `start`, taken off when it starts after.
  const day = from - (from % DAY_MS);
  const start = from - day <= DAY_MS / 2 ? day : day + DAY_MS;
  const added = from < start;
  const sign = added ? 1 : -1;

  // What the window's first day holds beyond its whole days, read first: an import that commits
  // meanwhile adds to the tables read after it, and no operation's count comes out below what it was.
  const partOps = new Map<string, PartCounts & { principal: string; account: string; op: string }>();
  const inPart = new Set<string>();
  const part = { ...filter, range: null, from: new Date(added ? from : start), to: new Date((added ? start : from) - 1) };
  // A few thousand rows at most (principals × operations, or that a day at a time): added up per
  // operation in SQL, read at once. The day rollup is keyed in this order: no sort.
  const sums = `${db.dialect.sumCounts('n')}, ${db.dialect.sumCounts('CASE WHEN read_only = 0 THEN n ELSE 0 END')}, ${db.dialect.sumCounts('n * failed')}, min(first_time), max(last_time)`;
  const everyDay = start <= span.first;
  const [table, since] = everyDay ? ['rollup_principal_op', '1 = 1'] : ['rollup_principal_op_day', 'day >= ?'];
  // Questions that do not wait on each other's answers are asked together: on PostgreSQL each is a
  // round trip on a connection of the pool (a snapshot's too, where the answer is kept), and one
  // after another they were most of /users for 7 days at 1M wide events (14 ms a call).
  const [partSums, ops] = await Promise.all([
    from !== start ? partOpSums(db, part) : [],
    db.arrays<[string, string, string, number, number, number, number, number]>(
      `SELECT principal, account_id, event_name, ${sums} FROM ${table} WHERE ${since}${where.sql} GROUP BY principal, account_id, event_name`,
      everyDay ? where.params : [start, ...where.params],
    ),
  ]);
  for (const [principal, account, op, n, changes, errors, first, last] of partSums) {
    const who = `${account}\0${principal}`;
    inPart.add(who);
    partOps.set(`${who}\0${op}`, { principal, account, op, n, changes, errors, first, last });
  }
  const tallies = new Map<string, PrincipalTally>();
  const add = (principal: string, account: string, op: string, c: PartCounts, k: number) => {
    const who = `${account}\0${principal}`;
    let t = tallies.get(who);
    if (!t) tallies.set(who, (t = newTally(principal, account)));
    t.events += k * c.n;
    t.changes += k * c.changes;
    t.errors += k * c.errors;
    t.ops.set(op, (t.ops.get(op) ?? 0) + k * c.n);
    // Taken-off hours leave the first call to be looked up (below); the window runs to the newest
    // event, so an operation with calls in it made its last one there.
    if (k > 0) {
      t.first = Math.min(t.first, c.first);
      t.last = Math.max(t.last, c.last);
    }
  };
  for (const [principal, account, op, n, changes, errors, first, last] of ops) add(principal, account, op, { n, changes, errors, first, last }, 1);
  for (const p of partOps.values()) add(p.principal, p.account, p.op, p, sign);
  for (const [who, t] of tallies) {
    for (const [op, n] of t.ops) if (n <= 0) t.ops.delete(op);
    if (t.events <= 0) tallies.delete(who);
  }

  // A principal's first call in the window, where the hours taken off held calls: through its time index.
  const firstSql = `SELECT e.event_time FROM ${db.dialect.table('events', 'e', 'events_principal_time')}
    WHERE e.principal = ? AND e.account_id = ? AND e.event_time >= ? ORDER BY e.principal, e.event_time LIMIT 1`;
  const recent = db.dialect.table('rollup_principal_ip', '', 'rollup_principal_ip_recent');
  // A source is in the window when its last call is: newest first, as the daily cells list them.
  // Asked from a bound that moves once a day, half a day before `start` (never after `from`), so
  // that the reading thread keeps the answer; those last called before `from` are left out here.
  // Newest first, the window's own come first, and the limit cuts none of them.
  const ipsSql = `SELECT source_ip, n, first_time, last_time FROM ${recent}
    WHERE principal = ? AND account_id = ? AND last_time >= ? ORDER BY last_time DESC, source_ip LIMIT ?`;
  const ipsFrom = start - DAY_MS / 2;
  // Its sources in the window, counted on the shorter side of `start`: those it last called from
  // since, or all it ever called from less those it last called from before. Then the sources last
  // called from between `start` and `from`, added or taken off: a short range of the index. Counted
  // to `start`, a day's boundary, the first count is answered again from the store's reading thread's
  // memory (read-cache.ts); counted to `from` it was read afresh every time (8 ms of /users
  // for 30 days at 1M wide events).
  const countBefore = start - span.first < span.last + DAY_MS - start;
  const countSql = countBefore
    ? `SELECT (SELECT sources FROM rollup_principal_sources WHERE principal = ? AND account_id = ?)
       - (SELECT count(*) FROM ${recent} WHERE principal = ? AND account_id = ? AND last_time < ?)`
    : `SELECT count(*) FROM ${recent} WHERE principal = ? AND account_id = ? AND last_time >= ?`;
  const edgeSql = `SELECT count(*) FROM ${recent} WHERE principal = ? AND account_id = ? AND last_time >= ? AND last_time < ?`;
  // A listed source's calls on the whole days before `start`: a short range of the index led by the source.
  const beforeSql = `SELECT ${db.dialect.sumCounts('n')} FROM ${db.dialect.table('rollup_principal_day', '', 'rollup_principal_day_cells')}
    WHERE principal = ? AND account_id = ? AND source_ip = ? AND day < ?`;
  const all = [...tallies.entries()];
  const late = added ? [] : all.filter(([who]) => inPart.has(who));
  type Who = (typeof all)[number];
  const [firsts, ips, counts, edges] = await Promise.all([
    unionPer<Who, [number]>(db, late, firstSql, ([, t]) => [t.principal, t.accountId, from]),
    unionPer<Who, [string, number, number, number]>(db, all, ipsSql, ([, t]) => [t.principal, t.accountId, ipsFrom, ipLimit]).then((listed) =>
      listed.map((rows) => rows.filter(([, , , last]) => last >= from)),
    ),
    unionPer<Who, [number]>(db, all, countSql, ([, t]) => (countBefore ? [t.principal, t.accountId, t.principal, t.accountId, start] : [t.principal, t.accountId, start])),
    from === start ? [] : unionPer<Who, [number]>(db, all, edgeSql, ([, t]) => [t.principal, t.accountId, Math.min(from, start), Math.max(from, start)]),
  ]);
  late.forEach(([, t], i) => (t.first = firsts[i][0]?.[0] ?? t.first));
  // Listed sources also called before `from`: those calls are taken off their all-time counts.
  const older = all.flatMap(([who, t], i) => ips[i].filter(([, , first]) => first < from).map(([ip, , first]) => ({ who, principal: t.principal, accountId: t.accountId, ip, first })));
  // Their calls on the whole days before `start`, where there are any.
  const beforeStart = everyDay ? [] : older.filter(({ first }) => first < start);
  const [before, partIps] = await Promise.all([
    unionPer<(typeof older)[number], [number | null]>(db, beforeStart, beforeSql, ({ principal, accountId, ip }) => [principal, accountId, ip, start]),
    from === start ? new Map<string, number>() : partSourceSums(db, part, older),
  ]);
  const earlier = new Map(beforeStart.map(({ who, ip }, i) => [`${who}\0${ip}`, before[i][0]?.[0] ?? 0]));
  all.forEach(([who, t], i) => {
    t.ips = ips[i].map(([ip, n, first, last]) => {
      const key = `${who}\0${ip}`;
      // Calls before `from`: those of the whole days before `start`, and the first day's hours.
      const beforeFrom = first >= from ? 0 : (earlier.get(key) ?? 0) - sign * (partIps.get(key) ?? 0);
      return { ip, events: n - beforeFrom, last };
    });
    // Sources last called from in [from, start) are in the window; in [start, from), they are not.
    t.ipCount = (counts[i][0]?.[0] ?? 0) + sign * (edges[i]?.[0]?.[0] ?? 0);
  });
  return [...tallies.values()];
}
