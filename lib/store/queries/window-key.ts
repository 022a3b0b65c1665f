import type { EventFilter } from '@/lib/filters/schema';
import { prepared, type Sql } from './sql';

// Two reads at the ends of the time index whatever the window: planned once per connection
// (PostgreSQL planned it on every page, 0.35 ms, to run it in 0.02).
const WINDOW_ENDS = prepared(
  'SELECT (SELECT min(event_time) FROM events WHERE event_time >= ?) AS first, (SELECT max(event_time) FROM events WHERE event_time <= ?) AS last',
);

/**
 * An answer made of the events in [from, to] (inclusive, ms) and the filter's other terms, kept by
 * the store's reading thread until the next commit (read-cache.ts) under `name`, those terms, and
 * the times of the window's first and last event, whatever the filter. Two windows with the same
 * first and last event hold the same events, so they have the same answer. A window open to now
 * moves with every request, and mostly past no event at all: the answer kept serves it again. Two
 * lookups at the ends of the time index; `compute` alone where the connection keeps nothing.
 */
export async function keptForWindow<T>(db: Sql, name: string, filter: EventFilter, [from, to]: [number, number], compute: () => Promise<T>, rows: (value: T) => number): Promise<T> {
  if (!db.remember) return compute();
  const held = await db.get<{ first: number | null; last: number | null }>(WINDOW_ENDS, [from, to]);
  const terms = JSON.stringify({ ...filter, from: null, to: null, range: null });
  return db.remember(`${name}\0${terms}\0${held?.first}\0${held?.last}`, compute, rows);
}
