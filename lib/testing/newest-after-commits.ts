import { expect } from 'vitest';
import type { StoredEvent } from '@/lib/events/types';
import { emptyFilter } from '@/lib/filters/schema';
import type { Store } from '@/lib/store/types';
import { event, T0 } from './store-fixtures';

/**
 * For a store whose reading thread keeps answers until the next commit: the default list (newest
 * first, no window) asked twice, then after a commit of its own, then after one by `commitElsewhere`
 * (another process on the file, another replica on the database), names the new event first each time.
 */
export async function expectNewestAfterEachCommit(store: Store, commitElsewhere: (events: StoredEvent[]) => Promise<void>): Promise<void> {
  const [older, mine, theirs] = [0, 1, 2].map((i) => event({ time: T0 + i * 60_000 }));
  await store.commitPage([older]);
  const newest = async () => (await store.listEvents(emptyFilter, { limit: 5, after: null })).events.map((e) => e.eventId);
  // Asked again with nothing committed between, the reading thread answers from memory.
  expect(await newest()).toEqual([older.summary.eventId]);
  expect(await newest()).toEqual([older.summary.eventId]);
  await store.commitPage([mine]);
  expect(await newest()).toEqual([mine.summary.eventId, older.summary.eventId]);
  await commitElsewhere([theirs]);
  expect(await newest()).toEqual([theirs.summary.eventId, mine.summary.eventId, older.summary.eventId]);
}
