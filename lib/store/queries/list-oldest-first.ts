import type { EventFilter } from '@/lib/filters/schema';
import type { CursorKey } from '../cursor';
import type { EventPage } from '../types';
import { SUMMARY_COLUMNS, pageOf, type EventRow } from './rows';
import type { Sql } from './sql';
import { buildWhere } from './where';

// The /events table sorted oldest first (`sort=asc`): the same keyset cursor as listEvents,
// walked the other way, so ties in time are neither repeated nor skipped.

export async function listEventsOldestFirst(db: Sql, filter: EventFilter, page: { limit: number; after: CursorKey | null }): Promise<EventPage> {
  const { after } = page;
  const where = buildWhere(filter, after ? [{ sql: '(e.event_time, e.event_id) > (?, ?)', params: [after.time, after.eventId] }] : [], { dialect: db.dialect });
  const rows = await db.all<EventRow>(`SELECT ${SUMMARY_COLUMNS} FROM events e ${where.sql} ORDER BY e.event_time ASC, e.event_id ASC LIMIT ?`, [...where.params, page.limit + 1]);
  return pageOf(db, rows, page.limit);
}
