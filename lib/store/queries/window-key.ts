import type { EventFilter } from '@/lib/filters/schema';
import type { Sql } from './sql';

/**
 * What a window [from, to] (inclusive, ms) holds, as a key: the times of its first and its last
 * event, whatever the filter. Two windows with the same key hold the same events, so an answer made
 * of a window's events (with the filter's other terms, `terms`) is the same for both. A window open
 * to now moves with every request, and mostly past no event at all: an answer kept under this key
 * (until the next commit, read-cache.ts) serves it again. Two lookups at the ends of the time index.
 */
export async function windowKey(db: Sql, filter: EventFilter, from: number, to: number): Promise<string> {
  const held = await db.get<{ first: number | null; last: number | null }>(
    'SELECT (SELECT min(event_time) FROM events WHERE event_time >= ?) AS first, (SELECT max(event_time) FROM events WHERE event_time <= ?) AS last',
    [from, to],
  );
  return `${JSON.stringify({ ...filter, from: null, to: null, range: null })}\0${held?.first}\0${held?.last}`;
}
