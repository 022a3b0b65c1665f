import Database from 'better-sqlite3';
import { getEvent } from '../queries/list-events';
import type { Sql } from '../queries/sql';
import type { StoredEventDetail } from '../types';
import { sqliteSql } from './sqlite-sql';
import { cacheStatements } from './statement-cache';

// Event by id read on the server's own thread, from a read-only connection of its own, instead of
// by a message to the store's thread (threaded-store.ts). The lookup is two index probes and one
// record's inflating, ~0.1 ms whatever the store's size; the hop to the store thread and back cost
// more than that, and on a busy 2-core machine its wake-ups made the tail: the 1M-event demo store,
// 1,000 requests each interleaved with the empty route, twice, p95 4.5 / 5.0 ms over the thread
// against 2.8 / 2.9 ms from here (empty route 1.8 / 2.0 ms; p50 1.7 ms both ways).
// A large block is inflated off the thread (raw-codec decodeRawAsync). Queries that scan stay on
// the store's thread.

export class MainThreadReads {
  private sql: Sql | null = null;
  private db: Database.Database | null = null;
  private closed = false;

  /** `file` must already be migrated: the store's own thread opens it first. */
  constructor(private readonly file: string) {}

  /**
   * The event (null when the store lacks it), or undefined when this connection could not read
   * right now: a writer resetting the WAL can hold readers off for a moment, and this thread must
   * not wait (busy timeout 0); the store's thread, which may wait, is asked instead.
   */
  async getEvent(eventId: string): Promise<StoredEventDetail | null | undefined> {
    try {
      return await getEvent(this.connection(), eventId);
    } catch (err) {
      if ((err as { code?: string }).code === 'SQLITE_BUSY') return undefined;
      throw err;
    }
  }

  private connection(): Sql {
    if (this.closed) throw new Error('the store is closed');
    if (!this.sql) {
      this.db = new Database(this.file, { readonly: true, fileMustExist: true, timeout: 0 });
      cacheStatements(this.db);
      this.sql = sqliteSql(this.db);
    }
    return this.sql;
  }

  close(): void {
    this.closed = true;
    this.db?.close();
    this.db = this.sql = null;
  }
}
