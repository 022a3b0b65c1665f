import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { normalizeRecord } from '@/lib/events/normalize';
import { emptyFilter } from '@/lib/filters/schema';
import { makeRecords } from '@/lib/testing/records';
import { expectNewestAfterEachCommit } from '@/lib/testing/newest-after-commits';
import { tempDir } from '@/lib/testing/sync-harness';
import { SqliteStore } from './sqlite-store';
import { MainThreadReads } from './main-thread-reads';
import { ThreadedSqliteStore } from './threaded-store';

let dir: string;
let store: ThreadedSqliteStore;
beforeEach(async () => {
  dir = tempDir();
  store = new ThreadedSqliteStore(path.join(dir, 'packtrail.db'));
  await store.ready;
});
afterEach(async () => {
  await store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('the SQLite store on worker threads', () => {
  it('writes and reads the same file a SqliteStore in this thread sees, records byte-for-byte', async () => {
    const records = makeRecords(1203, { newest: Date.parse('2026-11-20T12:00:00Z'), spanMs: 3_600_000 });
    const events = records.map((r) => normalizeRecord(JSON.stringify(r)));
    expect(await store.commitPage(events)).toEqual({ inserted: 1203 });
    expect(await store.countEvents(emptyFilter)).toBe(1203);
    const page = await store.listEvents(emptyFilter, { limit: 3, after: null });
    expect(page.events.map((e) => e.eventId)).toEqual(events.slice(0, 3).map((e) => e.summary.eventId));
    expect((await store.getEvent(events[7].summary.eventId))?.cloudTrailEvent).toBe(JSON.stringify(records[7]));
    const span = await store.timeSpan(emptyFilter);
    expect(span?.to).toBeInstanceOf(Date); // Dates cross the thread as Dates

    // Export crosses chunk boundaries (500) without a gap or a repeat.
    const streamed: string[] = [];
    for await (const e of store.streamEvents(emptyFilter)) streamed.push(e.eventId);
    expect(streamed).toEqual(events.map((e) => e.summary.eventId));

    const direct = new SqliteStore(path.join(dir, 'packtrail.db'));
    try {
      expect(await direct.countEvents(emptyFilter)).toBe(1203);
    } finally {
      await direct.close();
    }
  });

  it('lists the newest events as of the last commit, whether this store or another process committed it', async () => {
    await expectNewestAfterEachCommit(store, async (events) => {
      const other = new SqliteStore(path.join(dir, 'packtrail.db')); // a CLI import
      try {
        await other.commitPage(events);
      } finally {
        await other.close();
      }
    });
  });

  it('takes a generator of events, as the import passes them, though a generator cannot cross to its thread', async () => {
    const records = makeRecords(40, { newest: Date.parse('2026-11-20T12:00:00Z'), spanMs: 3_600_000 });
    function* made() {
      for (const r of records) yield normalizeRecord(JSON.stringify(r));
    }
    expect(await store.commitPage(made())).toEqual({ inserted: 40 });
    expect(await store.countEvents(emptyFilter)).toBe(40);
  });

  it('keeps answering reads while a write waits for another process to release the lock', async () => {
    const other = new SqliteStore(path.join(dir, 'packtrail.db'));
    try {
      other.db.exec('BEGIN IMMEDIATE'); // a CLI import in the middle of a batch
      const event = normalizeRecord(JSON.stringify(makeRecords(1)[0]));
      let committed = false;
      const write = store.commitPage([event]).then((r) => ((committed = true), r));
      const started = performance.now();
      expect(await store.countEvents(emptyFilter)).toBe(0);
      expect(performance.now() - started).toBeLessThan(1000);
      expect(committed).toBe(false);
      other.db.exec('COMMIT');
      expect(await write).toEqual({ inserted: 1 });
    } finally {
      await other.close();
    }
  });

  it('answers calls made before the thread is ready, in order', async () => {
    const fresh = new ThreadedSqliteStore(path.join(dir, 'second.db'));
    try {
      const [saved, states] = await Promise.all([
        fresh.acquireLock('sync:us-west-2', 'me', 60_000),
        fresh.getSyncStates(),
      ]);
      expect(saved).toBe(true);
      expect(states).toEqual([]);
      expect(await fresh.lockHolder('sync:us-west-2')).toBe('me');
    } finally {
      await fresh.close();
    }
  });

  it('reads an event by id on the calling thread, and sees what is committed after its connection opened', async () => {
    const [first, second] = makeRecords(2);
    const [firstId, secondId] = [first, second].map((r) => String(r.eventID));
    await store.commitPage([normalizeRecord(JSON.stringify(first))]);
    const reads = new MainThreadReads(path.join(dir, 'packtrail.db'));
    try {
      expect((await reads.getEvent(firstId))?.cloudTrailEvent).toBe(JSON.stringify(first));
      expect(await reads.getEvent(secondId)).toBeNull();
      await store.commitPage([normalizeRecord(JSON.stringify(second))]);
      expect((await reads.getEvent(secondId))?.cloudTrailEvent).toBe(JSON.stringify(second));
      expect((await store.getEvent(secondId))?.event.eventName).toBe(second.eventName);
    } finally {
      reads.close();
    }
  });

  it('does not wait on the calling thread for a lock: it says it could not read, so the store thread is asked instead', async () => {
    const [record] = makeRecords(1);
    await store.commitPage([normalizeRecord(JSON.stringify(record))]);
    await store.close(); // WAL admits an exclusive lock only with no other connection open
    const file = path.join(dir, 'packtrail.db');
    const other = new SqliteStore(file);
    const reads = new MainThreadReads(file);
    try {
      other.db.pragma('locking_mode = EXCLUSIVE'); // kept after the write: no one else reads the file
      other.db.exec('CREATE TABLE held (x)');
      const started = performance.now();
      expect(await reads.getEvent(String(record.eventID))).toBeUndefined();
      expect(performance.now() - started).toBeLessThan(1000); // the store's own connections wait up to 5 s
    } finally {
      reads.close();
      await other.close();
    }
    const again = new MainThreadReads(file);
    try {
      expect((await again.getEvent(String(record.eventID)))?.cloudTrailEvent).toBe(JSON.stringify(record));
    } finally {
      again.close();
    }
  });

  it('says why a database cannot be opened, and fails calls with that reason instead of hanging', async () => {
    const notADatabase = path.join(dir, 'notes.txt');
    fs.writeFileSync(notADatabase, 'this is not a SQLite file, but long enough to have a header '.repeat(10));
    const broken = new ThreadedSqliteStore(notADatabase);
    try {
      await expect(broken.ready).rejects.toThrow(/not a database/);
      await expect(broken.countEvents(emptyFilter)).rejects.toThrow(/store's thread stopped: .*not a database/);
    } finally {
      await broken.close();
    }
  });
});
