import type Database from 'better-sqlite3';
import type { EventFilter } from '@/lib/filters/schema';
import { encodeCursor, type CursorKey } from '../cursor';
import type { EventPage } from '../types';
import { SUMMARY_COLUMNS, toSummary, type EventRow } from './rows';
import { resourcesFor } from './export';
import { buildWhere } from './where';

// The /events table sorted oldest first (`sort=asc`): the same keyset cursor as listEvents,
// walked the other way, so ties in time are neither repeated nor skipped.

export function listEventsOldestFirst(db: Database.Database, filter: EventFilter, page: { limit: number; after: CursorKey | null }): EventPage {
  const { after } = page;
  const where = buildWhere(filter, after ? [{ sql: '(e.event_time, e.event_id) > (?, ?)', params: [after.time, after.eventId] }] : []);
  const rows = db
    .prepare(`SELECT ${SUMMARY_COLUMNS} FROM events e ${where.sql} ORDER BY e.event_time ASC, e.event_id ASC LIMIT ?`)
    .all(...where.params, page.limit + 1) as EventRow[];
  const more = rows.length > page.limit;
  const shown = more ? rows.slice(0, page.limit) : rows;
  const resources = resourcesFor(db, shown.map((r) => r.seq));
  const last = shown[shown.length - 1];
  return {
    events: shown.map((r) => toSummary(r, resources.get(r.seq) ?? [])),
    nextCursor: more && last ? encodeCursor({ time: last.event_time, eventId: last.event_id }) : null,
  };
}
