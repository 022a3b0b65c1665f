import type { EventFilter } from '@/lib/filters/schema';
import type { CursorKey } from '../cursor';
import { decodeRawAsync } from '../raw-codec';
import type { EventPage, StoredEventDetail } from '../types';
import { countFromRollup } from './rollup-plan';
import { RECORD_COLUMNS, RECORD_JOIN, RESOURCE_COLUMNS, RESOURCE_REFS, SUMMARY_COLUMNS, pageOf, toSummary, type EventRow, type RecordColumns } from './rows';
import type { ResourceRef } from '@/lib/events/types';
import { prepared, remembered, type Sql } from './sql';
import { buildWhere, ipTerm } from './where';

// The /events table newest first, its count, and one event with its record.

/**
 * True when the `ip` sources match more rows than a page walk through the time index would visit.
 * One address is its own index range, already in time order, so it never needs the probe.
 */
async function wideCidr(db: Sql, filter: EventFilter): Promise<boolean> {
  const [only] = filter.ips;
  if (!only || (filter.ips.length === 1 && (only.kind === 'literal' || only.lo === only.hi))) return false;
  const term = ipTerm(filter.ips);
  return ((await db.value<number>(`SELECT count(*) FROM (SELECT 1 FROM events e WHERE ${term.sql} LIMIT 2000) probe`, term.params)) ?? 0) >= 2000;
}

/**
 * A page of events newest first. The first page of a window open at both ends (the default
 * /events, which every reader lands on) is kept by the reading thread until the next commit, like
 * the rollups' answers (read-cache.ts). On PostgreSQL that took the database's own CPU per events
 * page from 2.1-2.5 ms to 0.8 (1M demo events, 20 clients); the page's rate stayed as it was,
 * bound by the rendering thread. A `range`'s edges move with each request, and pages further down
 * are each asked once: those are read afresh rather than crowd the timeline's days out of the cache.
 * Kept here rather than by the cache's `all` for every query: that would keep any statement asked
 * twice, and a store's `sql` also carries its writes (watches, locks).
 */
export function listEvents(db: Sql, filter: EventFilter, page: { limit: number; after: CursorKey | null }): Promise<EventPage> {
  if (filter.from || filter.to || page.after) return readPage(db, filter, page);
  return remembered(db, `list\0${JSON.stringify([filter, page])}`, () => readPage(db, filter, page), (p) => p.events.length);
}

async function readPage(db: Sql, filter: EventFilter, page: { limit: number; after: CursorKey | null }): Promise<EventPage> {
  const { after } = page;
  const where = buildWhere(filter, after ? [{ sql: '(e.event_time, e.event_id) < (?, ?)', params: [after.time, after.eventId] }] : [], {
    ipByTimeIndex: await wideCidr(db, filter),
    dialect: db.dialect,
  });
  const rows = await db.all<EventRow>(`SELECT ${SUMMARY_COLUMNS} FROM events e ${where.sql} ORDER BY e.event_time DESC, e.event_id DESC LIMIT ?`, [
    ...where.params,
    page.limit + 1,
  ]);
  return pageOf(db, rows, page.limit);
}

export async function countEvents(db: Sql, filter: EventFilter): Promise<number> {
  const fromRollup = await countFromRollup(db, filter);
  if (fromRollup !== null) return fromRollup;
  const where = buildWhere(filter, [], { dialect: db.dialect });
  return (await db.value<number>(`SELECT count(*) FROM events e ${where.sql}`, where.params))!;
}

const EVENT_BY_ID = prepared(`SELECT ${SUMMARY_COLUMNS}, ${RECORD_COLUMNS}, e.flags FROM events e ${RECORD_JOIN} WHERE e.event_id = ?`);
const RESOURCES_BY_EVENT_ID = prepared(
  `SELECT ${RESOURCE_COLUMNS} FROM ${RESOURCE_REFS} WHERE f.event_seq = (SELECT seq FROM events WHERE event_id = ?) ORDER BY r.type, r.id`,
);

export async function getEvent(db: Sql, eventId: string): Promise<StoredEventDetail | null> {
  // Both by the event's id, asked at once: on PostgreSQL two connections answer them in one round
  // trip's time instead of two in turn (the resources asked by the row's number, after it).
  const [row, resources] = await Promise.all([
    db.get<EventRow & RecordColumns & { flags: string | null }>(EVENT_BY_ID, [eventId]),
    db.all<ResourceRef>(RESOURCES_BY_EVENT_ID, [eventId]),
  ]);
  if (!row) return null;
  return { event: toSummary(row, resources), cloudTrailEvent: await decodeRawAsync(row.raw, row.raw_block), flags: row.flags ? row.flags.split(',') : [] };
}
