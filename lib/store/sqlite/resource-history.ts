import type Database from 'better-sqlite3';
import type { EventSummary } from '@/lib/events/types';
import type { ResourceHistoryRow, ResourceSubject, StateCalls } from '../types';
import { SUMMARY_COLUMNS, summariesOf, type EventRow } from './rows';

// A resource's history through the resource index (event_resources, plus resource_aliases for v1
// ARNs whose internal id was tied to a user id after the event was stored).

type HistoryRow = EventRow & { m_type: string; m_id: string; m_arn: string | null; raw: string | null };

/**
 * Every event that touched `resource` (a user id or an ARN), oldest first. One row per matching
 * resource reference, so an id shared by two resources (a v1 and a v2 channel both named news-24)
 * yields rows the caller can tell apart by `match`. The raw record comes only with successful
 * mutating calls, the ones a diff needs, to keep a long history light.
 */
export function resourceHistory(db: Database.Database, resource: string, limit = 20_000): { rows: ResourceHistoryRow[]; truncated: boolean } {
  const rows = db
    .prepare(
      `SELECT ${SUMMARY_COLUMNS}, r.type AS m_type, r.id AS m_id, r.arn AS m_arn,
        CASE WHEN e.read_only = 0 AND e.error_code IS NULL THEN (SELECT x.raw FROM event_raw x WHERE x.seq = e.seq) END AS raw
      FROM event_resources r JOIN events e ON e.seq = r.event_seq
      WHERE r.id = ? OR r.arn = ? OR r.arn IN (SELECT a.arn FROM resource_aliases a WHERE a.id = ?)
      ORDER BY e.event_time DESC, e.event_id DESC LIMIT ?`,
    )
    .all(resource, resource, resource, limit + 1) as HistoryRow[];
  const truncated = rows.length > limit;
  const kept = (truncated ? rows.slice(0, limit) : rows).reverse();
  const summaries = summariesOf(db, kept);
  return {
    rows: kept.map((r, i) => ({ event: summaries[i], match: { type: r.m_type, id: r.m_id, arn: r.m_arn }, raw: r.raw })),
    truncated,
  };
}

/**
 * The newest successful call in `calls` on the subject before (eventTime, eventId). The subject is
 * matched by type, region and account, and by user id or ARN: a v1 ARN names one life of a
 * channel, its id every life, and `calls.end` lets the caller see where a life ended.
 */
export function previousState(
  db: Database.Database,
  subject: ResourceSubject,
  before: { eventTime: string; eventId: string },
  calls: StateCalls,
): { event: EventSummary; raw: string } | null {
  const names = [...new Set([...calls.state, ...calls.end])];
  if (!names.length) return null;
  const row = db
    .prepare(
      // CROSS JOIN keeps the resource index as the outer loop: left to itself, the planner walks the
      // account's whole history backwards through events_account_time looking for this one resource,
      // unbounded when its last state call is old. The cost is reading all of the resource's events:
      //   CROSS:   MULTI-INDEX OR (event_resources_id (id=?), event_resources_arn (arn=?)); SEARCH e USING INTEGER PRIMARY KEY
      //            → 381 ms for a channel polled all day (1M-event store), instant for a quiet one
      //   planner: SEARCH e USING INDEX events_account_time (account_id=? AND event_time<?) → 1.3 ms for
      //            that channel, but the whole account's history for a resource last changed long ago.
      // Next: event_time beside event_resources' key would make both a short ordered range.
      `SELECT ${SUMMARY_COLUMNS}, (SELECT x.raw FROM event_raw x WHERE x.seq = e.seq) AS raw FROM event_resources r CROSS JOIN events e ON e.seq = r.event_seq
      WHERE r.type = ? AND (r.id = ? OR r.arn = ?) AND e.region = ? AND e.account_id = ?
        AND e.error_code IS NULL AND e.event_name IN (${names.map(() => '?').join(',')})
        AND (e.event_time, e.event_id) < (?, ?)
      ORDER BY e.event_time DESC, e.event_id DESC LIMIT 1`,
    )
    .get(subject.type, subject.id, subject.arn, subject.region, subject.accountId, ...names, Date.parse(before.eventTime), before.eventId) as
    | (EventRow & { raw: string })
    | undefined;
  if (!row) return null;
  return { event: summariesOf(db, [row])[0], raw: row.raw };
}
