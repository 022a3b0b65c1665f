import type { ResourceRef } from '@/lib/events/types';
import type { RelatedEvents, RelatedGroup } from '../types';
import { SUMMARY_COLUMNS, summariesOf, textOf, type EventRow } from './rows';
import type { Sql } from './sql';

// Events around one event. Each query is bounded by a time window over an index that ends in
// event_time (resources by id, access keys, principals, time itself), so a busy account costs the
// same as a quiet one.

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

interface Anchor {
  seq: number;
  event_time: number;
  region: string;
  account_id: string;
  principal: string;
  principal_arn: string | null;
  principal_arn_tid: number | null;
  access_key_id: string | null;
  request_id: string | null;
  session_created: string | null;
}

async function group(db: Sql, from: string, where: string, params: unknown[], limit: number): Promise<RelatedGroup> {
  const total = (await db.value<number>(`SELECT count(DISTINCT e.seq) FROM ${from} WHERE ${where}`, params))!;
  if (total === 0) return { total, events: [] };
  const rows = await db.all<EventRow>(`SELECT DISTINCT ${SUMMARY_COLUMNS} FROM ${from} WHERE ${where} ORDER BY e.event_time DESC, e.event_id DESC LIMIT ?`, [...params, limit]);
  return { total, events: await summariesOf(db, rows) };
}

export async function relatedEvents(db: Sql, eventId: string, resources: ResourceRef[], limit = 25): Promise<RelatedEvents | null> {
  const anchor = await db.get<Anchor>(
    `SELECT e.seq, e.event_time, e.region, e.account_id, e.principal, ${textOf('e.principal_arn_tid')} AS principal_arn, e.principal_arn_tid,
      e.access_key_id, e.request_id, e.session_created
    FROM events e WHERE e.event_id = ?`,
    [eventId],
  );
  if (!anchor) return null;
  const t = anchor.event_time;
  const day = [t - DAY_MS, t + DAY_MS];

  // Same resource: type and id within the region and account, since user ids repeat across regions.
  const refs = resources.slice(0, 10);
  // Left to the planner, which walks the account's ±1 day through events_account_time and probes
  // the resource's references for each event: bounded by one account-day whatever the resource.
  // Forcing the references first (CROSS JOIN) is instant for a rarely touched resource but reads
  // every event the resource ever had, and a polled channel has hundreds of thousands. At 1M events:
  //   planner: SEARCH e USING INDEX events_account_time (account_id=? AND event_time>? AND event_time<?)
  //            SEARCH f USING PRIMARY KEY (event_seq=? AND rid=?), the resources' rids listed first
  //            → an endpoint update on the demo: 9.2–9.7 ms (references keyed by type and id: 9.6)
  //   CROSS (measured with the references keyed by type and id): polled channel 128 ms; resource
  //            with one event 0.0 ms
  // The resources' numbers are looked up first and passed as values: PostgreSQL, given the subquery,
  // guessed one resource and a few thousand references and read all 100k of a polled channel's
  // (demo 206k: 62 → 760 ms); given the numbers, it weighs each against the account-day as SQLite does.
  const rids = refs.length
    ? (await db.all<{ rid: number }>(`SELECT rid FROM resources WHERE ${refs.map(() => '(type = ? AND id = ?)').join(' OR ')}`, refs.flatMap((r) => [r.type, r.id]))).map((r) => r.rid)
    : [];
  const sameResource = rids.length
    ? await group(
        db,
        'event_resource_refs f JOIN events e ON e.seq = f.event_seq',
        `f.rid IN (${rids.map(() => '?').join(', ')}) AND e.region = ? AND e.account_id = ? AND e.event_time BETWEEN ? AND ? AND e.seq <> ?`,
        [...rids, anchor.region, anchor.account_id, ...day, anchor.seq],
        limit,
      )
    : { total: 0, events: [] };

  const { request_id: requestId, session_created: sessionCreated } = anchor;
  let sameSession: RelatedEvents['sameSession'] = { total: 0, events: [], key: null };
  if (anchor.access_key_id) {
    sameSession = {
      ...(await group(db, 'events e', 'e.access_key_id = ? AND e.event_time BETWEEN ? AND ? AND e.seq <> ?', [anchor.access_key_id, ...day, anchor.seq], limit)),
      key: { accessKeyId: anchor.access_key_id },
    };
  } else if (anchor.principal_arn && sessionCreated) {
    // Records without an access key still name the session by its ARN and creation time.
    sameSession = {
      ...(await group(
        db,
        'events e',
        'e.principal = ? AND e.event_time BETWEEN ? AND ? AND e.principal_arn_tid = ? AND e.session_created = ? AND e.seq <> ?',
        [anchor.principal, ...day, anchor.principal_arn_tid, sessionCreated, anchor.seq],
        limit,
      )),
      key: { principalArn: anchor.principal_arn, sessionCreated },
    };
  }

  // The request id is in no index; calls of one request are seconds apart, so ±1 h of the time
  // index bounds the rows read to the few hundred stored around it.
  let sameRequest: RelatedEvents['sameRequest'] = { total: 0, events: [], requestId };
  if (requestId) {
    sameRequest = {
      ...(await group(db, 'events e', 'e.event_time BETWEEN ? AND ? AND e.seq <> ? AND e.request_id = ?', [t - HOUR_MS, t + HOUR_MS, anchor.seq, requestId], limit)),
      requestId,
    };
  }

  return { sameResource, sameSession, sameRequest, window: { from: new Date(day[0]).toISOString(), to: new Date(day[1]).toISOString() } };
}
