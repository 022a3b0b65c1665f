import type { EventSummary } from '@/lib/events/types';
import type { ResourceHistoryRow, ResourceSubject, StateCalls } from '../types';
import { BLOCK_JOIN, RECORD_COLUMNS, RECORD_JOIN, SUMMARY_COLUMNS, summariesOf, type EventRow, type RecordColumns } from './rows';
import type { Sql } from './sql';
import type { CursorKey } from '../cursor';
import { decodeRaw, rawReader } from '../raw-codec';

// A resource's history through the resource index (resources and event_resource_refs, plus resource_aliases for v1
// ARNs whose internal id was tied to a user id after the event was stored).

type HistoryRow = EventRow & { m_type: string; m_id: string; m_arn: string | null; raw: string | Buffer | null; raw_block: Buffer | null };

/**
 * The events that touched `resource` (a user id or an ARN), oldest first: the newest `limit` of
 * them, or the newest before `before` (the oldest row of a page shown, as a cursor). One row per
 * matching resource reference, so an id shared by two resources (a v1 and a v2 channel both named
 * news-24) yields rows the caller can tell apart by `match`; a page never splits one event's rows.
 * The raw record comes only with successful mutating calls, the ones a diff needs, to keep a long
 * history light.
 */
export async function resourceHistory(db: Sql, resource: string, limit = 20_000, before: CursorKey | null = null): Promise<{ rows: ResourceHistoryRow[]; truncated: boolean }> {
  // The page's rows are picked by time alone, then read whole: sorting the whole history with its
  // columns and records took twice as long (news-24 of the 1M demo store, 234,105 references:
  // 800 against 340 ms).
  const rows = await db.all<HistoryRow>(
    `SELECT ${SUMMARY_COLUMNS}, p.m_type, p.m_id, p.m_arn, ${RECORD_COLUMNS}
    FROM (SELECT f.event_seq, e.event_time AS t, e.event_id AS i, r.type AS m_type, r.id AS m_id, nullif(r.arn, '') AS m_arn
      FROM resources r JOIN event_resource_refs f ON f.rid = r.rid JOIN events e ON e.seq = f.event_seq
      WHERE (r.id = ? OR r.arn = ? OR r.arn IN (SELECT a.arn FROM resource_aliases a WHERE a.id = ?))${before ? ' AND (e.event_time, e.event_id) < (?, ?)' : ''}
      ORDER BY e.event_time DESC, e.event_id DESC, r.type, r.id LIMIT ?) p
    JOIN events e ON e.seq = p.event_seq
      LEFT JOIN event_raw x ON x.seq = e.seq AND e.read_only = 0 AND e.error_code IS NULL ${BLOCK_JOIN}
    ORDER BY p.t DESC, p.i DESC, p.m_type, p.m_id`,
    [resource, resource, resource, ...(before ? [before.time, before.eventId] : []), limit + 1],
  );
  const truncated = rows.length > limit;
  let kept = truncated ? rows.slice(0, limit) : rows;
  // The next page starts after the oldest row kept: an event cut in two goes to it whole.
  // (Unless that event is all the page holds.)
  if (truncated && kept.some((r) => r.event_id !== rows[limit].event_id)) kept = kept.filter((r) => r.event_id !== rows[limit].event_id);
  kept.reverse();
  const summaries = await summariesOf(db, kept);
  const record = rawReader();
  return {
    rows: kept.map((r, i) => ({ event: summaries[i], match: { type: r.m_type, id: r.m_id, arn: r.m_arn }, raw: r.raw === null ? null : record(r.raw, r.raw_block) })),
    truncated,
  };
}

/**
 * The newest successful call in `calls` on the subject before (eventTime, eventId). The subject is
 * matched by type, region and account, and by user id or ARN: a v1 ARN names one life of a
 * channel, its id every life, and `calls.end` lets the caller see where a life ended.
 */
export async function previousState(
  db: Sql,
  subject: ResourceSubject,
  before: { eventTime: string; eventId: string },
  calls: StateCalls,
): Promise<{ event: EventSummary; raw: string } | null> {
  const names = [...new Set([...calls.state, ...calls.end])];
  // The subject's resource numbers first, passed as values (see relatedEvents for why).
  const rids = (await db.all<{ rid: number }>('SELECT rid FROM resources WHERE type = ? AND (id = ? OR arn = ?)', [subject.type, subject.id, subject.arn])).map((r) => r.rid);
  if (!rids.length) return null;
  const query =
    // Per operation, walk its successful calls in the region and account backwards from the event
    // and stop at the first on this resource: state calls are few (every other resource's updates in
    // between are the cost), where the resource's own history is mostly polling. At 1M events:
    //   SEARCH e USING INDEX events_state_calls (event_name=? AND region=? AND account_id=? AND event_time<?)
    //   SEARCH f USING PRIMARY KEY (event_seq=? AND rid=?), the resource's few rids found first
    //   → 0.1–0.7 ms for the demo's updates; 12 ms for an endpoint deleted long after its only
    //     snapshot, 15 ms for a resource with none among 13k UpdateOriginEndpoint calls (measured
    //     with the references keyed by type and id). The resource's index first (the previous
    //     plan) read all of a polled channel's events: 130–300 ms.
    // A state call marked read-only by its record is not a snapshot; CloudTrail never marks them so.
    `SELECT ${SUMMARY_COLUMNS}, ${RECORD_COLUMNS}
      FROM ${db.dialect.table('events', 'e', 'events_state_calls')} ${db.dialect.orderedJoin} event_resource_refs f ON f.event_seq = e.seq
        ${RECORD_JOIN}
      WHERE e.event_name = ? AND e.region = ? AND e.account_id = ? AND e.read_only = 0 AND e.error_code IS NULL
        AND (e.event_time, e.event_id) < (?, ?) AND f.rid IN (${rids.map(() => '?').join(', ')})
      ORDER BY e.event_time DESC, e.event_id DESC LIMIT 1`;
  const time = Date.parse(before.eventTime);
  let newest: (EventRow & RecordColumns) | undefined;
  for (const name of names) {
    const row = await db.get<EventRow & RecordColumns>(query, [name, subject.region, subject.accountId, time, before.eventId, ...rids]);
    if (row && (!newest || row.event_time > newest.event_time || (row.event_time === newest.event_time && row.event_id > newest.event_id))) newest = row;
  }
  if (!newest) return null;
  return { event: (await summariesOf(db, [newest]))[0], raw: decodeRaw(newest.raw, newest.raw_block) };
}
