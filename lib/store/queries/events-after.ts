import type { EventFilter } from '@/lib/filters/schema';
import type { StoredAfter } from '../types';
import { SUMMARY_COLUMNS, summariesOf, type EventRow } from './rows';
import type { Sql } from './sql';
import { buildWhere } from './where';

/**
 * Events stored after storage number `after` that match `filter`, in the order they were stored,
 * at most `limit`. `lastSeq` is how far this read looked: the next read starts there, so events that
 * did not match are not looked at again, and none stored meanwhile is missed (live streams resume
 * from it, as `Last-Event-ID`). A short walk of the primary key: new events are the newest numbers.
 */
export async function eventsAfter(db: Sql, after: number, filter: EventFilter, limit: number): Promise<StoredAfter> {
  const upTo = (await db.value<number>('SELECT coalesce(max(seq), 0) FROM events')) ?? 0;
  if (upTo <= after) return { events: [], lastSeq: Math.max(after, upTo) };
  const where = buildWhere(filter, [{ sql: 'e.seq > ? AND e.seq <= ?', params: [after, upTo] }], { dialect: db.dialect });
  const rows = await db.all<EventRow>(`SELECT ${SUMMARY_COLUMNS} FROM events e ${where.sql} ORDER BY e.seq LIMIT ?`, [...where.params, limit]);
  return { events: await summariesOf(db, rows), lastSeq: rows.length === limit ? rows[rows.length - 1].seq : upTo };
}
