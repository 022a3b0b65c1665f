import os from 'node:os';
import Database from 'better-sqlite3';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { normalizeRecord } from '@/lib/events/normalize';
import { makeRecords } from '@/lib/testing/records';
import { useTempStore } from '@/lib/testing/temp-store';
import type { NewEventsNote } from '../types';
import { SqliteStore } from './sqlite-store';
import { ThreadedSqliteStore } from './threaded-store';

// Several processes on one SQLite file (a server and the CLI, or two servers): the same
// announcements and the same single holder of the background sync as on PostgreSQL.

const temp = useTempStore();
const events = (n: number) => makeRecords(n, { spanMs: 86_400_000 }).map((r) => normalizeRecord(JSON.stringify(r)));

describe('several processes on one SQLite file', () => {
  it('tells the server of events another connection (the CLI) stores', async () => {
    const server = new ThreadedSqliteStore(path.join(temp.dir, 'packtrail.db'));
    await server.ready;
    try {
      const note = new Promise<NewEventsNote>((resolve) => {
        const stop = server.onNewEvents((n) => n.count > 0 && (stop(), resolve(n)));
      });
      await new Promise((r) => setTimeout(r, 400)); // the watch's baseline
      await temp.store.commitPage(events(25));
      const heard = await note;
      expect(heard).toEqual({ count: 25, lastSeq: await server.lastStoredSeq() });
    } finally {
      await server.close();
    }
  });

  it('gives the sync role to one live process at a time, and frees a dead one\'s at once', async () => {
    const other = new SqliteStore(path.join(temp.dir, 'packtrail.db'));
    try {
      expect(await temp.store.campaign('sync', 'here:1:a', 15_000)).toBe(true);
      expect(await other.campaign('sync', `${os.hostname()}:${process.pid}:b`, 15_000)).toBe(false);
      expect(await other.leaderOf('sync')).toBe('here:1:a');
      await temp.store.resign('sync', 'here:1:a');
      expect(await other.leaderOf('sync')).toBe(null);
      // A holder on this host whose process is gone (pid 2^22 + 1 is past Linux's pid_max).
      expect(await temp.store.campaign('sync', `${os.hostname()}:4194305:dead`, 15_000)).toBe(true);
      expect(await other.campaign('sync', 'here:2:c', 15_000)).toBe(true);
    } finally {
      await other.close();
    }
  });

  it('keeps and renews the sync role without a commit to the store', async () => {
    // Another connection's view: PRAGMA data_version moves with each commit it did not make, and
    // the server's reading thread drops every answer it kept when it does.
    const watcher = new Database(path.join(temp.dir, 'packtrail.db'), { readonly: true });
    const leases = new Database(path.join(temp.dir, 'packtrail.db-leases'), { readonly: true });
    try {
      const commits = () => watcher.pragma('data_version', { simple: true });
      const renewals = () => leases.pragma('data_version', { simple: true });
      expect(await temp.store.campaign('sync', 'here:1:a', 300)).toBe(true);
      const [before, renewed] = [commits(), renewals()];
      // While more than half of the lease is left, not even the leases' file is written.
      for (let i = 0; i < 5; i++) expect(await temp.store.campaign('sync', 'here:1:a', 300)).toBe(true);
      expect(renewals()).toBe(renewed);
      await new Promise((r) => setTimeout(r, 200));
      expect(await temp.store.campaign('sync', 'here:1:a', 300)).toBe(true);
      expect(renewals()).not.toBe(renewed);
      await new Promise((r) => setTimeout(r, 200)); // past the first lease's end, within the renewed one
      expect(await temp.store.leaderOf('sync')).toBe('here:1:a');
      await temp.store.resign('sync', 'here:1:a');
      expect(commits()).toBe(before);
    } finally {
      leases.close();
      watcher.close();
    }
  });
});
