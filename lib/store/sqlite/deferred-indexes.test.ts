import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { T0, event, filter } from '@/lib/testing/store-fixtures';
import { useTempStore } from '@/lib/testing/temp-store';
import { SqliteStore } from './sqlite-store';

// An import into an empty SQLite store loads without its filter indexes and builds them once it
// ends (deferred-indexes.ts). These tests use the store's real file and a second connection to it.

const temp = useTempStore();

/** Every index of the store's file by name, with its definition (autoindexes by their table). */
function indexes(file: string): Record<string, string> {
  const db = new Database(file, { readonly: true });
  try {
    const rows = db.prepare("SELECT name, coalesce(sql, tbl_name) AS sql FROM sqlite_master WHERE type = 'index' ORDER BY name").all() as { name: string; sql: string }[];
    return Object.fromEntries(rows.map((r) => [r.name, r.sql]));
  } finally {
    db.close();
  }
}

/** 120 events of three principals, two operations and 40 source addresses, over two hours. */
const batch = (seed: number) =>
  Array.from({ length: 120 }, (_, i) =>
    event({
      eventId: `${seed}-${i}`,
      time: T0 - 7_200_000 + i * 60_000,
      user: ['ops-alice', 'deploy-bot', 'ops-bob'][i % 3],
      eventName: i % 4 === 0 ? 'DeleteChannel' : 'UpdateChannel',
      sourceIp: `10.0.${seed}.${i % 40}`,
    }),
  );

describe('an import into an empty SQLite store', () => {
  it('leaves the filter indexes out while it loads, answers filters and /users meanwhile, and builds them as they were', async () => {
    const { store } = temp;
    const before = indexes(store.db.name);
    let during: Record<string, string> = {};
    const byOperation = filter('op=DeleteChannel&range=24h');
    await store.bulkLoad(async () => {
      await store.commitPage(batch(1));
      during = indexes(store.db.name);
      // Answered by scans, and /users's queries name indexes that are out: asked again without them.
      expect((await store.listEvents(byOperation, { limit: 500, after: null })).events).toHaveLength(30);
      const users = await store.userActivity(filter('range=24h'));
      expect(users.map((u) => [u.principal, u.events, u.ipCount]).sort()).toEqual([['deploy-bot', 40, 40], ['ops-alice', 40, 40], ['ops-bob', 40, 40]]);
    });
    for (const out of ['events_name_time', 'events_principal_time', 'events_ip_key', 'rollup_principal_day_cells', 'rollup_principal_ip_recent']) {
      expect(Object.keys(during)).not.toContain(out);
    }
    expect(Object.keys(during)).toEqual(expect.arrayContaining(['events_time', 'sqlite_autoindex_events_1', 'event_resource_refs_rid']));
    expect(indexes(store.db.name)).toEqual(before);
    expect(store.db.prepare('SELECT count(*) FROM deferred_indexes').pluck().get()).toBe(0);
    expect((await store.listEvents(byOperation, { limit: 500, after: null })).events).toHaveLength(30);
  });

  it('keeps them in place when the store holds events already', async () => {
    const { store } = temp;
    await store.commitPage(batch(1));
    const before = indexes(store.db.name);
    let during: Record<string, string> = {};
    await store.bulkLoad(async () => {
      await store.commitPage(batch(2));
      during = indexes(store.db.name);
    });
    expect(during).toEqual(before);
  });

  it('leaves them to the import under way when another store opens, and the next store to open builds them when it died', async () => {
    const { store } = temp;
    const file = store.db.name;
    const before = indexes(file);
    await store.bulkLoad(async () => {
      await store.commitPage(batch(1));
      const meanwhile = new SqliteStore(file);
      await meanwhile.close();
      expect(Object.keys(indexes(file))).not.toContain('events_name_time');
    });
    expect(indexes(file)).toEqual(before);
    // What an import that died leaves: an index listed and dropped, and no lease held.
    const died = new Database(file);
    died.prepare('INSERT INTO deferred_indexes (name, definition) VALUES (?, ?)').run('events_name_time', before.events_name_time);
    died.exec('DROP INDEX events_name_time');
    died.close();
    const next = new SqliteStore(file);
    await next.close();
    expect(indexes(file)).toEqual(before);
  });
});
