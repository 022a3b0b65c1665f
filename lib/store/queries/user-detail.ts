import type { PrincipalType } from '@/lib/events/types';
import type { EventFilter } from '@/lib/filters/schema';
import type { UserDetail, UserSighting } from '../types';
import type { Sql } from './sql';
import { principalDayWhere } from './principal-rollup';
import { splitHours } from './rollup-plan';
import { DAY_MS, MAX_TIME } from './time-units';
import { textOf, textsOf } from './rows';
import { buildWhere } from './where';

// One principal's profile for /users/{principal}: identity from all of its events, activity
// (operations, IPs, access keys, error codes) under the page's filter.

/** Enough to read in a header card; the total count is reported beside the list. */
const MAX_SIGHTINGS = 50;

const iso = (ms: number) => new Date(ms).toISOString();

type Sighting = { n: number; first: number; last: number };

function sight<K>(map: Map<K, Sighting>, value: K | null, time: number): void {
  if (value === null) return;
  const s = map.get(value);
  if (!s) map.set(value, { n: 1, first: time, last: time });
  else {
    s.n++;
    if (time < s.first) s.first = time;
    if (time > s.last) s.last = time;
  }
}

/** Newest first, at most MAX_SIGHTINGS, and how many there are in all. */
function sightingList(map: Map<string, Sighting>): { list: UserSighting[]; total: number } {
  const list = [...map]
    .sort(([a, x], [b, y]) => y.last - x.last || (a < b ? -1 : a > b ? 1 : 0))
    .slice(0, MAX_SIGHTINGS)
    .map(([value, s]) => ({ value, events: s.n, firstSeen: iso(s.first), lastSeen: iso(s.last) }));
  return { list, total: map.size };
}

const byCount = <T extends { n: number }>(entries: [string, T][]) => entries.sort(([a, x], [b, y]) => y.n - x.n || (a < b ? -1 : a > b ? 1 : 0));

type ActivityRow = [time: number, op: string, readOnly: number, errorCode: string | null, region: string, ip: string | null, key: string | null, agentTid: number | null];

/**
 * The principal's profile, or null when the store has never seen it (the page's 404). A known
 * principal with nothing in the filter's window still gets its identity, with zero activity.
 *
 * A busy principal (a health check polling all day) has hundreds of thousands of events: its
 * all-time identity comes from its all-time totals per operation, and its activity from one pass over
 * its events in the window instead of one GROUP BY per card (a 599k-event principal at 1M events:
 * 11.8 s → 1.5 s).
 */
export async function userDetail(db: Sql, principal: string, filter: EventFilter): Promise<UserDetail | null> {
  // Principals are per account: with an account filter, the profile is that account's principal.
  const inAccounts = filter.accounts.length ? ` AND account_id IN (${filter.accounts.map(() => '?').join(', ')})` : '';
  const allTime = (await db.get<{ n: number | null; first_seen: number | null; last_seen: number | null }>(
    `SELECT ${db.dialect.sumCounts('n')} AS n, min(first_time) AS first_seen, max(last_time) AS last_seen FROM rollup_principal_op WHERE principal = ?${inAccounts}`,
    [principal, ...filter.accounts],
  ))!;
  const type = await db.value<string | null>("SELECT detail FROM facets WHERE kind = 'principal' AND value = ?", [principal]);
  if (!allTime.n || !type) return null;
  // A role session's ARN is stable, but an SSO person can act through several permission sets:
  // the ones in its latest 5,000 events, newest first.
  const arns = await db.column<string>(
    `SELECT ${textOf('latest.principal_arn_tid')} FROM (SELECT principal_arn_tid, event_time FROM ${db.dialect.table('events', 'e', 'events_principal_time')} WHERE principal = ?${inAccounts} ORDER BY principal DESC, event_time DESC LIMIT 5000) latest
     WHERE principal_arn_tid IS NOT NULL GROUP BY principal_arn_tid ORDER BY max(event_time) DESC LIMIT 20`,
    [principal, ...filter.accounts],
  );

  const where = buildWhere({ ...filter, user: principal }, [], { dialect: db.dialect });
  let events = 0;
  let changes = 0;
  let errors = 0;
  let first = Infinity;
  let last = -Infinity;
  const ops = new Map<string, { n: number; errors: number }>();
  const codes = new Map<string, { n: number }>();
  const regions = new Map<string, { n: number }>();
  const ips = new Map<string, Sighting>();
  const keys = new Map<string, Sighting>();
  // Agents by number while counting, named once at the end: a busy principal has few.
  const agentTids = new Map<number, Sighting>();
  const sql = `SELECT e.event_time, e.event_name, e.read_only, e.error_code, e.region, e.source_ip, e.access_key_id, e.user_agent_tid FROM events e ${where.sql}`;
  await db.each<ActivityRow>(sql, where.params, ([time, op, readOnly, code, region, ip, key, agentTid]) => {
    events++;
    if (readOnly === 0) changes++;
    if (time < first) first = time;
    if (time > last) last = time;
    const o = ops.get(op) ?? ops.set(op, { n: 0, errors: 0 }).get(op)!;
    o.n++;
    if (code !== null) {
      errors++;
      o.errors++;
      (codes.get(code) ?? codes.set(code, { n: 0 }).get(code)!).n++;
    }
    (regions.get(region) ?? regions.set(region, { n: 0 }).get(region)!).n++;
    sight(ips, ip, time);
    sight(keys, key, time);
    sight(agentTids, agentTid, time);
  });
  const names = await textsOf(db, [...agentTids.keys()]);
  const agents = new Map([...agentTids].map(([tid, s]) => [names.get(tid) ?? '', s]));
  const ipList = sightingList(ips);
  const keyList = sightingList(keys);
  const agentList = sightingList(agents);

  return {
    principal,
    type: type as PrincipalType,
    arns,
    allTime: { events: allTime.n, firstSeen: iso(allTime.first_seen!), lastSeen: iso(allTime.last_seen!) },
    events,
    changes,
    errors,
    firstSeen: events ? iso(first) : null,
    lastSeen: events ? iso(last) : null,
    ops: byCount([...ops]).map(([op, o]) => ({ op, events: o.n, errors: o.errors })),
    errorCodes: Object.fromEntries(byCount([...codes]).map(([c, v]) => [c, v.n])),
    regions: Object.fromEntries(byCount([...regions]).map(([r, v]) => [r, v.n])),
    ips: ipList.list,
    ipCount: ipList.total,
    accessKeys: keyList.list,
    accessKeyCount: keyList.total,
    userAgents: agentList.list,
    userAgentCount: agentList.total,
  };
}

type ErrorRow = { account: string; principal: string; code: string; n: number };

function rawErrorRows(db: Sql, filter: EventFilter): Promise<ErrorRow[]> {
  const where = buildWhere(filter, [{ sql: 'e.error_code IS NOT NULL', params: [] }], { dialect: db.dialect });
  return db.all<ErrorRow>(
    // Left alone, SQLite walks the principal index to avoid a sort and reads every event; the
    // partial index of failed calls holds the few per cent that matter. At 1M events:
    //   SCAN e USING INDEX events_principal_time; TEMP B-TREE FOR GROUP BY → 1,010 ms
    //   INDEXED BY: SEARCH e USING INDEX events_error_time (error_code>?); TEMP B-TREE FOR GROUP BY → 82 ms
    `SELECT e.account_id AS account, e.principal, e.error_code AS code, count(*) AS n FROM ${db.dialect.table('events', 'e', 'events_error_time')} ${where.sql}
     GROUP BY e.account_id, e.principal, code`,
    where.params,
  );
}

/**
 * Failed calls per account, principal and error code, so a list can flag AccessDenied without
 * loading events. Whole days come from rollup_principal_error_day, the window's partial days from
 * the events: read from the events alone, /users spent 200 ms here at 1M events (all time).
 */
export async function userErrorCodes(db: Sql, filter: EventFilter): Promise<Record<string, Record<string, Record<string, number>>>> {
  if (filter.error?.kind === 'none') return {};
  // Every row of the rollup is a failed call, so "failed" needs no clause there; a named code does.
  const where = filter.error?.kind === 'code' ? null : principalDayWhere({ ...filter, error: null });
  const parts: ErrorRow[][] = [];
  if (!where) parts.push(await rawErrorRows(db, filter));
  else {
    const { hours: days, edges } = splitHours(filter.from?.getTime() ?? 0, filter.to?.getTime() ?? MAX_TIME, DAY_MS);
    if (days) {
      parts.push(
        await db.all<ErrorRow>(
          `SELECT account_id AS account, principal, error_code AS code, ${db.dialect.sumCounts('n')} AS n
           FROM rollup_principal_error_day WHERE day >= ? AND day < ?${where.sql} GROUP BY 1, 2, 3`,
          [days[0], days[1], ...where.params],
        ),
      );
    }
    for (const [from, to] of edges) parts.push(await rawErrorRows(db, { ...filter, from: new Date(from), to: new Date(to) }));
  }
  const counts = new Map<string, ErrorRow>();
  for (const r of parts.flat()) {
    const key = `${r.account}\0${r.principal}\0${r.code}`;
    const c = counts.get(key);
    if (c) c.n += r.n;
    else counts.set(key, { ...r });
  }
  const out: Record<string, Record<string, Record<string, number>>> = {};
  const sorted = [...counts.values()].sort((a, b) => b.n - a.n || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  for (const r of sorted) ((out[r.account] ??= {})[r.principal] ??= {})[r.code] = r.n;
  return out;
}
