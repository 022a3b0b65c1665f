import type Database from 'better-sqlite3';
import type { EventFilter } from '@/lib/filters/schema';
import type { CursorKey } from '../cursor';
import type { EventPage } from '../types';
import { SUMMARY_COLUMNS, pageOf, type EventRow } from './rows';
import { buildWhere } from './where';

// The /events table sorted oldest first (`sort=asc`): the same keyset cursor as listEvents,
// walked the other way, so ties in time are neither repeated nor skipped.

export function listEventsOldestFirst(db: Database.Database, filter: EventFilter, page: { limit: number; after: CursorKey | null }): EventPage {
  const { after } = page;
  const where = buildWhere(filter, after ? [{ sql: '(e.event_time, e.event_id) > (?, ?)', params: [after.time, after.eventId] }] : []);
  const rows = db
    .prepare(`SELECT ${SUMMARY_COLUMNS} FROM events e ${where.sql} ORDER BY e.event_time ASC, e.event_id ASC LIMIT ?`)
    .all(...where.params, page.limit + 1) as EventRow[];
  return pageOf(db, rows, page.limit);
}
