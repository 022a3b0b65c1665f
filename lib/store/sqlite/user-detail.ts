import type Database from 'better-sqlite3';
import type { PrincipalType } from '@/lib/events/types';
import type { EventFilter } from '@/lib/filters/schema';
import type { UserDetail, UserSighting } from '../types';
import { buildWhere } from './where';

// One principal's profile for /users/{principal}: identity from all of its events, activity
// (operations, IPs, access keys, error codes) under the page's filter.

/** Enough to read in a header card; the total count is reported beside the list. */
const MAX_SIGHTINGS = 50;

const iso = (ms: number) => new Date(ms).toISOString();

type SightingRow = { value: string; n: number; first_seen: number; last_seen: number };

function sightings(db: Database.Database, column: 'source_ip' | 'access_key_id' | 'user_agent', sql: string, params: unknown[]) {
  const rows = db
    .prepare(
      `SELECT e.${column} AS value, count(*) AS n, min(e.event_time) AS first_seen, max(e.event_time) AS last_seen
       FROM events e ${sql} ${sql ? 'AND' : 'WHERE'} e.${column} IS NOT NULL
       GROUP BY value ORDER BY last_seen DESC, value LIMIT ?`,
    )
    .all(...params, MAX_SIGHTINGS) as SightingRow[];
  const total = db
    .prepare(`SELECT count(DISTINCT e.${column}) FROM events e ${sql} ${sql ? 'AND' : 'WHERE'} e.${column} IS NOT NULL`)
    .pluck()
    .get(...params) as number;
  const list: UserSighting[] = rows.map((r) => ({ value: r.value, events: r.n, firstSeen: iso(r.first_seen), lastSeen: iso(r.last_seen) }));
  return { list, total };
}

/**
 * The principal's profile, or null when the store has never seen it (the page's 404). A known
 * principal with nothing in the filter's window still gets its identity, with zero activity.
 */
export function userDetail(db: Database.Database, principal: string, filter: EventFilter): UserDetail | null {
  const identity = db
    .prepare(
      `SELECT max(principal_type) AS type, min(event_time) AS first_seen, max(event_time) AS last_seen, count(*) AS n
       FROM events WHERE principal = ?`,
    )
    .get(principal) as { type: string | null; first_seen: number | null; last_seen: number | null; n: number };
  if (!identity.n || identity.type === null) return null;
  // A role session's ARN is stable, but an SSO person can act through several permission sets.
  const arns = db
    .prepare(
      `SELECT principal_arn FROM events WHERE principal = ? AND principal_arn IS NOT NULL
       GROUP BY principal_arn ORDER BY max(event_time) DESC LIMIT 20`,
    )
    .pluck()
    .all(principal) as string[];

  const where = buildWhere({ ...filter, user: principal });
  const totals = db
    .prepare(
      `SELECT count(*) AS n, coalesce(sum(e.read_only = 0), 0) AS changes, coalesce(sum(e.error_code IS NOT NULL), 0) AS errors,
         min(e.event_time) AS first_seen, max(e.event_time) AS last_seen
       FROM events e ${where.sql}`,
    )
    .get(...where.params) as { n: number; changes: number; errors: number; first_seen: number | null; last_seen: number | null };
  const ops = db
    .prepare(
      `SELECT e.event_name AS op, count(*) AS n, sum(e.error_code IS NOT NULL) AS errors
       FROM events e ${where.sql} GROUP BY op ORDER BY n DESC, op`,
    )
    .all(...where.params) as { op: string; n: number; errors: number }[];
  const codes = db
    .prepare(`SELECT e.error_code AS code, count(*) AS n FROM events e ${where.sql} AND e.error_code IS NOT NULL GROUP BY code ORDER BY n DESC, code`)
    .all(...where.params) as { code: string; n: number }[];
  const regions = db
    .prepare(`SELECT e.region AS region, count(*) AS n FROM events e ${where.sql} GROUP BY region ORDER BY n DESC, region`)
    .all(...where.params) as { region: string; n: number }[];
  const ips = sightings(db, 'source_ip', where.sql, where.params);
  const keys = sightings(db, 'access_key_id', where.sql, where.params);
  const agents = sightings(db, 'user_agent', where.sql, where.params);

  return {
    principal,
    type: identity.type as PrincipalType,
    arns,
    allTime: { events: identity.n, firstSeen: iso(identity.first_seen!), lastSeen: iso(identity.last_seen!) },
    events: totals.n,
    changes: totals.changes,
    errors: totals.errors,
    firstSeen: totals.first_seen === null ? null : iso(totals.first_seen),
    lastSeen: totals.last_seen === null ? null : iso(totals.last_seen),
    ops: ops.map((o) => ({ op: o.op, events: o.n, errors: o.errors })),
    errorCodes: Object.fromEntries(codes.map((c) => [c.code, c.n])),
    regions: Object.fromEntries(regions.map((r) => [r.region, r.n])),
    ips: ips.list,
    ipCount: ips.total,
    accessKeys: keys.list,
    accessKeyCount: keys.total,
    userAgents: agents.list,
    userAgentCount: agents.total,
  };
}

/** Failed calls per principal and error code, so a list can flag AccessDenied without loading events. */
export function userErrorCodes(db: Database.Database, filter: EventFilter): Record<string, Record<string, number>> {
  const where = buildWhere(filter, [{ sql: 'e.error_code IS NOT NULL', params: [] }]);
  const rows = db
    // Left alone, SQLite walks the principal index to avoid a sort and reads all events (1.4 s at
    // 1M); the partial index of failed calls holds the few per cent that matter (~10 ms).
    .prepare(`SELECT e.principal, e.error_code AS code, count(*) AS n FROM events e INDEXED BY events_error_time ${where.sql} GROUP BY e.principal, code ORDER BY n DESC`)
    .all(...where.params) as { principal: string; code: string; n: number }[];
  const out: Record<string, Record<string, number>> = {};
  for (const r of rows) (out[r.principal] ??= {})[r.code] = r.n;
  return out;
}
