import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { normalizeRecord } from '@/lib/events/normalize';
import { emptyFilter } from '@/lib/filters/schema';
import { makeRecords } from '@/lib/testing/records';
import { expectNewestAfterEachCommit } from '@/lib/testing/newest-after-commits';
import { freshSchema, TEST_PG_URL } from '@/lib/testing/temp-postgres';
import { PostgresStore } from './pg-store';
import { ThreadedPostgresStore } from './threaded-pg-store';

let schema: Awaited<ReturnType<typeof freshSchema>>;
let store: ThreadedPostgresStore;
beforeEach(async () => {
  schema = await freshSchema();
  store = new ThreadedPostgresStore(TEST_PG_URL, { schema: schema.schema });
  await store.ready;
});
afterEach(async () => {
  await store.close();
  await schema.drop();
});

describe('the PostgreSQL store with its queries on a worker thread', () => {
  it('answers from the same schema what a store on this thread answers, Dates as Dates', async () => {
    const records = makeRecords(1203, { newest: Date.parse('2026-11-20T12:00:00Z'), spanMs: 3 * 86_400_000 });
    expect(await store.commitPage(records.map((r) => normalizeRecord(JSON.stringify(r))))).toEqual({ inserted: 1203 });
    const direct = new PostgresStore(TEST_PG_URL, { schema: schema.schema });
    try {
      const window = { from: new Date('2026-11-17T00:00:00Z'), to: new Date('2026-11-21T00:00:00Z') };
      const page = { limit: 25, after: null };
      expect(await store.countEvents(emptyFilter)).toBe(1203);
      expect(await store.listEvents(emptyFilter, page)).toEqual(await direct.listEvents(emptyFilter, page));
      expect(await store.listEventsOldestFirst(emptyFilter, page)).toEqual(await direct.listEventsOldestFirst(emptyFilter, page));
      expect(await store.timeline(emptyFilter, 3_600_000, window)).toEqual(await direct.timeline(emptyFilter, 3_600_000, window));
      expect(await store.userActivity(emptyFilter)).toEqual(await direct.userActivity(emptyFilter));
      expect(await store.filterOptions()).toEqual(await direct.filterOptions());
      const span = await store.timeSpan(emptyFilter);
      expect(span?.to).toBeInstanceOf(Date);
      expect(span).toEqual(await direct.timeSpan(emptyFilter));
    } finally {
      await direct.close();
    }
  });

  it("reads through the thread's own pool, never this thread's", async () => {
    await store.commitPage(makeRecords(50, { newest: Date.parse('2026-11-20T12:00:00Z'), spanMs: 3_600_000 }).map((r) => normalizeRecord(JSON.stringify(r))));
    let here = 0;
    const { pool } = store;
    const connect = pool.connect.bind(pool) as (...args: unknown[]) => unknown;
    const query = pool.query.bind(pool) as (...args: unknown[]) => unknown;
    pool.connect = ((...args: unknown[]) => (here++, connect(...args))) as typeof pool.connect;
    pool.query = ((...args: unknown[]) => (here++, query(...args))) as typeof pool.query;
    const window = { from: new Date('2026-11-20T00:00:00Z'), to: new Date('2026-11-21T00:00:00Z') };
    expect(await store.countEvents(emptyFilter)).toBe(50);
    expect((await store.listEvents(emptyFilter, { limit: 10, after: null })).events).toHaveLength(10);
    expect(await store.timeline(emptyFilter, 3_600_000, window)).not.toHaveLength(0);
    expect(await store.userActivity(emptyFilter)).not.toHaveLength(0);
    expect(here).toBe(0);
    // Writes and event by id stay on this thread.
    const [first] = (await store.listEvents(emptyFilter, { limit: 1, after: null })).events;
    expect((await store.getEvent(first.eventId))?.event.eventId).toBe(first.eventId);
    expect(here).toBeGreaterThan(0);
  });

  it('lists the newest events as of the last commit, whether this store or another replica committed it', async () => {
    await expectNewestAfterEachCommit(store, async (events) => {
      const other = new PostgresStore(TEST_PG_URL, { schema: schema.schema });
      try {
        await other.commitPage(events);
      } finally {
        await other.close();
      }
    });
  });

  it('refuses a read once closed, rather than leaving it waiting', async () => {
    const other = new ThreadedPostgresStore(TEST_PG_URL, { schema: schema.schema });
    await other.ready;
    expect(await other.countEvents(emptyFilter)).toBe(0);
    await other.close();
    await expect(other.countEvents(emptyFilter)).rejects.toThrow('the store is closed');
  });
});
