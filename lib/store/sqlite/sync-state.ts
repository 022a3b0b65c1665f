import type Database from 'better-sqlite3';
import { ownerAlive } from '../lock-owner';
import type { SyncState } from '../types';

export class SyncStateTable {
  constructor(private readonly db: Database.Database) {}

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
    return this.db.transaction(() => {
      const row = this.db.prepare('SELECT owner, expires_at FROM locks WHERE name = ?').get(name) as { owner: string; expires_at: number } | undefined;
      if (row && row.owner !== owner && row.expires_at > now && ownerAlive(row.owner)) return false;
      this.db
        .prepare('INSERT INTO locks (name, owner, expires_at) VALUES (?, ?, ?) ON CONFLICT (name) DO UPDATE SET owner = excluded.owner, expires_at = excluded.expires_at')
        .run(name, owner, now + ttlMs);
      return true;
    }).immediate();
  }

  /**
   * A lease renewed as it runs down: taken as acquireLock takes it, and written again only once less
   * than half of `ttlMs` is left. Campaigns come every second (the watch runner's rounds); a commit
   * each time dropped every answer the reading thread kept (read-cache.ts) as often.
   */
  holdLease(name: string, owner: string, ttlMs: number): boolean {
    const row = this.db.prepare('SELECT owner, expires_at FROM locks WHERE name = ?').get(name) as { owner: string; expires_at: number } | undefined;
    if (row?.owner === owner && row.expires_at - Date.now() > ttlMs / 2) return true;
    return this.acquireLock(name, owner, ttlMs);
  }

  releaseLock(name: string, owner: string): void {
    this.db.prepare('DELETE FROM locks WHERE name = ? AND owner = ?').run(name, owner);
  }

  lockHolder(name: string): string | null {
    const row = this.db.prepare('SELECT owner, expires_at FROM locks WHERE name = ?').get(name) as { owner: string; expires_at: number } | undefined;
    return row && row.expires_at > Date.now() && ownerAlive(row.owner) ? row.owner : null;
  }
}

