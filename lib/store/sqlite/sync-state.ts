import DatabaseConstructor from 'better-sqlite3';
import type Database from 'better-sqlite3';
import { ownerAlive } from '../lock-owner';
import type { SyncState } from '../types';

/**
 * The file the leases are kept in, beside the store's: `packtrail.db-leases`. Their own file, so that
 * renewing one is not a commit to the store: the reading thread keeps its answers until the store's
 * data_version moves (read-cache.ts), and the sync role's renewals every 7.5 s dropped them all
 * (/users without IPv4 at 1M wide events made again, 1 s, after each).
 */
export function openLeases(storeFile: string): Database.Database {
  const db = new DatabaseConstructor(`${storeFile}-leases`);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  db.exec('CREATE TABLE IF NOT EXISTS locks (name TEXT PRIMARY KEY, owner TEXT NOT NULL, expires_at INTEGER NOT NULL)');
  return db;
}

export class SyncStateTable {
  /** `leases`: the connection to the leases' file (openLeases); `db`: the store's, for the sync state. */
  constructor(
    private readonly db: Database.Database,
    private readonly leases: Database.Database,
  ) {}

  all(): SyncState[] {
    const rows = this.db.prepare('SELECT state FROM sync_state ORDER BY account, region, event_source').pluck().all() as string[];
    return rows.map((s) => JSON.parse(s) as SyncState);
  }

  get(account: string, region: string, eventSource: string): SyncState | null {
    const row = this.db.prepare('SELECT state FROM sync_state WHERE account = ? AND region = ? AND event_source = ?').pluck().get(account, region, eventSource) as
      | string
      | undefined;
    return row ? (JSON.parse(row) as SyncState) : null;
  }

  save(state: SyncState): void {
    this.db
      .prepare('INSERT INTO sync_state (account, region, event_source, state) VALUES (?, ?, ?, ?) ON CONFLICT (account, region, event_source) DO UPDATE SET state = excluded.state')
      .run(state.account, state.region, state.eventSource, JSON.stringify(state));
  }

  /** Takes or renews the lease when it is free, expired, or already ours; atomic under SQLite's write lock. */
  acquireLock(name: string, owner: string, ttlMs: number): boolean {
    const now = Date.now();
    return this.leases.transaction(() => {
      const row = this.leases.prepare('SELECT owner, expires_at FROM locks WHERE name = ?').get(name) as { owner: string; expires_at: number } | undefined;
      if (row && row.owner !== owner && row.expires_at > now && ownerAlive(row.owner)) return false;
      this.leases
        .prepare('INSERT INTO locks (name, owner, expires_at) VALUES (?, ?, ?) ON CONFLICT (name) DO UPDATE SET owner = excluded.owner, expires_at = excluded.expires_at')
        .run(name, owner, now + ttlMs);
      return true;
    }).immediate();
  }

  /**
   * A lease renewed as it runs down: taken as acquireLock takes it, and written again only once less
   * than half of `ttlMs` is left: campaigns come every second (the watch runner's rounds).
   */
  holdLease(name: string, owner: string, ttlMs: number): boolean {
    const row = this.leases.prepare('SELECT owner, expires_at FROM locks WHERE name = ?').get(name) as { owner: string; expires_at: number } | undefined;
    if (row?.owner === owner && row.expires_at - Date.now() > ttlMs / 2) return true;
    return this.acquireLock(name, owner, ttlMs);
  }

  releaseLock(name: string, owner: string): void {
    this.leases.prepare('DELETE FROM locks WHERE name = ? AND owner = ?').run(name, owner);
  }

  lockHolder(name: string): string | null {
    const row = this.leases.prepare('SELECT owner, expires_at FROM locks WHERE name = ?').get(name) as { owner: string; expires_at: number } | undefined;
    return row && row.expires_at > Date.now() && ownerAlive(row.owner) ? row.owner : null;
  }
}

