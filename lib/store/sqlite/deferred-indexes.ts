import type Database from 'better-sqlite3';
import type { SyncStateTable } from './sync-state';

/**
 * The secondary indexes an import into an empty SQLite store leaves out while it loads, built once
 * it ends, as the PostgreSQL store does (../postgres/deferred-indexes.ts). Kept up row by row, the
 * indexes led by a source address, a principal or an access key take an entry in a page of their
 * own for nearly every event, and each commit writes most of their pages again (to the WAL, then
 * to the file); so do the covering indexes of the principal rollups, whose counts every upsert
 * moves. Built once from the loaded tables, each is one sort (SQLite's sorter threads gained
 * nothing: 8.3-8.7 s for the demo's 1M events either way). The same 1M-event trails imported in
 * turns with and without, three pairs each: the bench's wide shape 0.82x the time (0.68-0.92) and
 * 0.90x the CPU, the demo's mix 0.92x (0.86-1.04) and 0.94x; each store 2 % smaller.
 *
 * Unique indexes stay (an import is idempotent through them), and so does the time index: the events
 * list reads it, and a server answering during the import keeps its first page fast. So do the
 * resource references by resource: a v1 ARN tied to its id mid-import renames the resources stored
 * under it and tells their events again, found through that index (without it, each tie scanned
 * every reference: a 100k-event import of the wide shape took 30.0 s instead of 11.7). Filters on
 * other columns are answered by scans until the import ends; a query that names a missing index
 * is asked again without it (sqlite-sql.ts).
 *
 * Which indexes were dropped is written in `deferred_indexes` in the drop's own transaction, and
 * each is crossed off in the transaction that builds it again, so an import that dies leaves them
 * listed. The import holds a lease (`bulk-load`, in the leases' file) while it runs: a store opening
 * meanwhile leaves the list to it, and one opening after it has gone (its process dead, or the lease
 * run out) builds what is listed.
 */
const TABLES = ['events', 'rollup_principal_day', 'rollup_principal_ip'];
const KEPT = ['events_time'];
const LEASE = 'bulk-load';
/** Renewed every quarter of it; a commit holds the importing thread for seconds, not minutes. */
const LEASE_MS = 10 * 60_000;

/** An import's hold on the deferred indexes; `finish` builds them and lets go. */
export interface IndexDeferral {
  finish(): void;
}

/**
 * Drops the deferrable indexes when no event is stored. Null when another import holds the lease
 * (it builds them when it ends); otherwise a deferral to finish when the load ends, whether or not
 * anything was dropped now (it builds what an import that died left listed too).
 */
export function deferIndexes(db: Database.Database, leases: SyncStateTable, owner: string): IndexDeferral | null {
  if (!leases.acquireLock(LEASE, owner, LEASE_MS)) return null;
  const renew = setInterval(() => leases.acquireLock(LEASE, owner, LEASE_MS), LEASE_MS / 4);
  renew.unref();
  const letGo = () => {
    clearInterval(renew);
    leases.releaseLock(LEASE, owner);
  };
  try {
    db.transaction(() => {
      if (db.prepare('SELECT 1 FROM events LIMIT 1').get()) return;
      const found = db
        .prepare(
          `SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND sql NOT LIKE 'CREATE UNIQUE%'
           AND tbl_name IN (${TABLES.map(() => '?').join(', ')}) AND name NOT IN (${KEPT.map(() => '?').join(', ')}) ORDER BY name`,
        )
        .all(...TABLES, ...KEPT) as { name: string; sql: string }[];
      const list = db.prepare('INSERT OR IGNORE INTO deferred_indexes (name, definition) VALUES (?, ?)');
      for (const f of found) {
        list.run(f.name, f.sql);
        db.exec(`DROP INDEX "${f.name}"`);
      }
    }).immediate();
  } catch (err) {
    letGo();
    throw err;
  }
  return {
    finish() {
      try {
        buildListed(db);
      } finally {
        letGo();
      }
    },
  };
}

/** At open: builds what an import that died left listed, unless an import is under way. */
export function buildLeftoverIndexes(db: Database.Database, leases: SyncStateTable, owner: string): void {
  if (!db.prepare('SELECT 1 FROM deferred_indexes LIMIT 1').get()) return;
  if (!leases.acquireLock(LEASE, owner, LEASE_MS)) return;
  try {
    buildListed(db);
  } finally {
    leases.releaseLock(LEASE, owner);
  }
}

function buildListed(db: Database.Database): void {
  const listed = db.prepare('SELECT name, definition FROM deferred_indexes ORDER BY name').all() as { name: string; definition: string }[];
  const crossOff = db.prepare('DELETE FROM deferred_indexes WHERE name = ?');
  for (const { name, definition } of listed) {
    db.transaction(() => {
      db.exec(definition.replace(/^CREATE INDEX (IF NOT EXISTS )?/i, 'CREATE INDEX IF NOT EXISTS '));
      crossOff.run(name);
    }).immediate();
  }
}
