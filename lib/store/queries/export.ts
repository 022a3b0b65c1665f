import type { EventSummary } from '@/lib/events/types';
import type { EventFilter } from '@/lib/filters/schema';
import type { CursorKey } from '../cursor';
import { SUMMARY_COLUMNS, summariesOf, type EventRow } from './rows';
import type { Sql } from './sql';
import { buildWhere } from './where';

// Streams every matching event, newest first, for export. Each chunk is a short keyset query read
// whole: no statement stays open across an await, so a slow download never holds the connection
// (a sync can write between chunks) and at most one chunk sits in memory.

export const EXPORT_CHUNK = 500;

/** One chunk after `after` (exclusive), newest first; fewer than `size` rows means the end. */
export async function readChunk(db: Sql, filter: EventFilter, after: CursorKey | null, size: number): Promise<EventSummary[]> {
  const where = buildWhere(filter, after ? [{ sql: '(e.event_time, e.event_id) < (?, ?)', params: [after.time, after.eventId] }] : [], { dialect: db.dialect });
  const rows = await db.all<EventRow>(`SELECT ${SUMMARY_COLUMNS} FROM events e ${where.sql} ORDER BY e.event_time DESC, e.event_id DESC LIMIT ?`, [...where.params, size]);
  return summariesOf(db, rows);
}

/** Events chunk by chunk, each read after the last one's cursor, until a short chunk ends it. */
export async function* eventsInChunks(read: (after: CursorKey | null) => EventSummary[] | Promise<EventSummary[]>, chunkSize: number): AsyncGenerator<EventSummary> {
  let after: CursorKey | null = null;
  for (;;) {
    const chunk = await read(after);
    yield* chunk;
    if (chunk.length < chunkSize) return;
    const last = chunk[chunk.length - 1];
    after = { time: Date.parse(last.eventTime), eventId: last.eventId };
  }
}

export function streamEvents(db: Sql, filter: EventFilter, chunkSize = EXPORT_CHUNK): AsyncGenerator<EventSummary> {
  return eventsInChunks((after) => readChunk(db, filter, after, chunkSize), chunkSize);
}
