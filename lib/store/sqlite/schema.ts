import type Database from 'better-sqlite3';
import { addDescriptions } from './description-migration';
import { addRelatedKeys } from './related-keys-migration';
import { compressRawRecords } from './raw-compress-migration';
import { addResourceDictionary } from './resource-dictionary-migration';
import { addTextDictionary } from './text-dictionary-migration';
import { WATCH_TABLES_SQL } from '../queries/watch-tables';

// For /users: failed calls per UTC day, principal, account, operation, source IP, read/write and
// error code (counted from the events, each principal's error codes read every failed call in the
// window: 200 ms at 1M events; this rollup holds a few per cent of the principal one); and the
// principal rollup per hour too, for the partial days at a window's edges (`range=90d` starts
// mid-day and ends today: up to two days of events grouped one by one, 42 ms at 1M events).
// All-time totals per principal and operation, and per principal and source, for /users over a
// window open to now (lib/store/queries/principal-totals.ts): a few thousand and a few hundred
// thousand rows where the daily rollup holds a row for nearly every event (the bench's wide shape).
// The sources in the order /users lists them, newest first, and how many each principal has called
// from (counted as rollup_principal_ip gains a row: counting them per request was 14 ms at 266k).
const PRINCIPAL_TOTALS_SQLITE = `
  CREATE TABLE IF NOT EXISTS rollup_principal_op (
    principal TEXT NOT NULL,
    account_id TEXT NOT NULL,
    event_name TEXT NOT NULL,
    read_only INTEGER NOT NULL,
    failed INTEGER NOT NULL,
    n INTEGER NOT NULL,
    first_time INTEGER NOT NULL,
    last_time INTEGER NOT NULL,
    PRIMARY KEY (principal, account_id, event_name, read_only, failed)
  ) WITHOUT ROWID;
  DELETE FROM rollup_principal_op;
  INSERT INTO rollup_principal_op
    SELECT principal, account_id, event_name, read_only, failed, sum(n), min(first_time), max(last_time)
    FROM rollup_principal_day GROUP BY 1, 2, 3, 4, 5;
  CREATE TABLE IF NOT EXISTS rollup_principal_ip (
    principal TEXT NOT NULL,
    account_id TEXT NOT NULL,
    source_ip TEXT NOT NULL,
    n INTEGER NOT NULL,
    first_time INTEGER NOT NULL,
    last_time INTEGER NOT NULL,
    PRIMARY KEY (principal, account_id, source_ip)
  ) WITHOUT ROWID;
  DELETE FROM rollup_principal_ip;
  INSERT INTO rollup_principal_ip
    SELECT principal, account_id, source_ip, sum(n), min(first_time), max(last_time)
    FROM rollup_principal_day GROUP BY 1, 2, 3;
  CREATE INDEX IF NOT EXISTS rollup_principal_ip_recent ON rollup_principal_ip (principal, account_id, last_time DESC, source_ip, n);
  CREATE TABLE IF NOT EXISTS rollup_principal_sources (
    principal TEXT NOT NULL,
    account_id TEXT NOT NULL,
    sources INTEGER NOT NULL,
    PRIMARY KEY (principal, account_id)
  ) WITHOUT ROWID;
  DELETE FROM rollup_principal_sources;
  INSERT INTO rollup_principal_sources SELECT principal, account_id, count(*) FROM rollup_principal_ip GROUP BY 1, 2;
`;

const PRINCIPAL_ERRORS_SQLITE = `
  CREATE TABLE IF NOT EXISTS rollup_principal_hour (
    hour INTEGER NOT NULL,
    principal TEXT NOT NULL,
    account_id TEXT NOT NULL,
    event_name TEXT NOT NULL,
    source_ip TEXT NOT NULL,
    read_only INTEGER NOT NULL,
    failed INTEGER NOT NULL,
    n INTEGER NOT NULL,
    first_time INTEGER NOT NULL,
    last_time INTEGER NOT NULL,
    PRIMARY KEY (hour, principal, account_id, event_name, source_ip, read_only, failed)
  ) WITHOUT ROWID;
  DELETE FROM rollup_principal_hour;
  INSERT INTO rollup_principal_hour
    SELECT event_time - event_time % 3600000, principal, account_id, event_name, source_ip, read_only, error_code IS NOT NULL,
      count(*), min(event_time), max(event_time)
    FROM events GROUP BY 1, 2, 3, 4, 5, 6, 7;
  CREATE TABLE IF NOT EXISTS rollup_principal_error_day (
    day INTEGER NOT NULL,
    principal TEXT NOT NULL,
    account_id TEXT NOT NULL,
    event_name TEXT NOT NULL,
    source_ip TEXT NOT NULL,
    read_only INTEGER NOT NULL,
    error_code TEXT NOT NULL,
    n INTEGER NOT NULL,
    PRIMARY KEY (day, principal, account_id, event_name, source_ip, read_only, error_code)
  ) WITHOUT ROWID;
  DELETE FROM rollup_principal_error_day;
  INSERT INTO rollup_principal_error_day
    SELECT event_time - event_time % 86400000, principal, account_id, event_name, source_ip, read_only, error_code, count(*)
    FROM events WHERE error_code IS NOT NULL GROUP BY 1, 2, 3, 4, 5, 6, 7;
`;

// Migrations run in order on open; PRAGMA user_version records how many have been applied. A step
// is SQL, or a function for what SQL cannot say (it runs in the same transaction; one that frees
// much of the file returns 'vacuum', and the file is vacuumed once the migrations have run).
export const MIGRATIONS: (string | ((db: Database.Database) => 'vacuum' | void))[] = [
  `
  CREATE TABLE events (
    seq INTEGER PRIMARY KEY,
    event_id TEXT NOT NULL UNIQUE,
    event_time INTEGER NOT NULL,           -- epoch ms
    event_source TEXT NOT NULL,
    event_name TEXT NOT NULL,
    region TEXT NOT NULL,
    account_id TEXT NOT NULL,
    read_only INTEGER NOT NULL,
    error_code TEXT,
    error_message TEXT,
    source_ip TEXT NOT NULL,
    ip_key TEXT,                           -- 32 hex digits, IPv4 mapped; CIDR = key range
    user_agent TEXT NOT NULL,
    principal TEXT NOT NULL,
    principal_type TEXT NOT NULL,
    principal_arn TEXT,
    access_key_id TEXT,
    flags TEXT,
    search_text TEXT NOT NULL,
    raw TEXT NOT NULL                      -- CloudTrailEvent, byte-for-byte
  );
  -- Newest-first listing with a (time, id) cursor; every filter index ends in event_time so
  -- that a filtered list walks the index in order and stops after LIMIT rows.
  CREATE INDEX events_time ON events (event_time, event_id);
  CREATE INDEX events_name_time ON events (event_name, event_time);
  CREATE INDEX events_principal_time ON events (principal, event_time);
  CREATE INDEX events_ip_key ON events (ip_key, event_time);
  CREATE INDEX events_source_ip ON events (source_ip, event_time);
  CREATE INDEX events_region_time ON events (region, event_time);
  CREATE INDEX events_account_time ON events (account_id, event_time);
  CREATE INDEX events_source_time ON events (event_source, event_time);
  CREATE INDEX events_error_time ON events (error_code, event_time) WHERE error_code IS NOT NULL;
  CREATE INDEX events_access_key ON events (access_key_id, event_time) WHERE access_key_id IS NOT NULL;

  CREATE TABLE event_resources (
    event_seq INTEGER NOT NULL REFERENCES events (seq),
    type TEXT NOT NULL,
    id TEXT NOT NULL,
    arn TEXT,
    PRIMARY KEY (event_seq, type, id)
  ) WITHOUT ROWID;
  CREATE INDEX event_resources_id ON event_resources (id);
  CREATE INDEX event_resources_arn ON event_resources (arn) WHERE arn IS NOT NULL;

  -- v1 ARNs carry an internal id; mutating calls tell us which user id it stands for.
  CREATE TABLE resource_aliases (arn TEXT PRIMARY KEY, id TEXT NOT NULL, type TEXT NOT NULL);

  CREATE TABLE sync_state (
    region TEXT NOT NULL,
    event_source TEXT NOT NULL,
    state TEXT NOT NULL,                   -- JSON SyncState
    PRIMARY KEY (region, event_source)
  );
  CREATE TABLE locks (name TEXT PRIMARY KEY, owner TEXT NOT NULL, expires_at INTEGER NOT NULL);
  `,
  // Rollups kept current in the insert's transaction (never a cache that can go stale): the
  // distinct values the filter bar offers, and hourly counts for timelines and totals over long
  // windows. The second statement of each pair fills them from events already stored.
  `
  CREATE TABLE facets (kind TEXT NOT NULL, value TEXT NOT NULL, detail TEXT, PRIMARY KEY (kind, value)) WITHOUT ROWID;
  INSERT OR IGNORE INTO facets SELECT 'op', event_name, NULL FROM events GROUP BY event_name;
  INSERT OR IGNORE INTO facets SELECT 'source', event_source, NULL FROM events GROUP BY event_source;
  INSERT OR IGNORE INTO facets SELECT 'region', region, NULL FROM events GROUP BY region;
  INSERT OR IGNORE INTO facets SELECT 'account', account_id, NULL FROM events GROUP BY account_id;
  INSERT OR IGNORE INTO facets SELECT 'error', error_code, NULL FROM events WHERE error_code IS NOT NULL GROUP BY error_code;
  INSERT OR IGNORE INTO facets SELECT 'principal', principal, max(principal_type) FROM events GROUP BY principal;

  CREATE TABLE rollup_hour (
    hour INTEGER NOT NULL,
    event_name TEXT NOT NULL,
    event_source TEXT NOT NULL,
    region TEXT NOT NULL,
    account_id TEXT NOT NULL,
    read_only INTEGER NOT NULL,
    failed INTEGER NOT NULL,
    n INTEGER NOT NULL,
    PRIMARY KEY (hour, event_name, event_source, region, account_id, read_only, failed)
  ) WITHOUT ROWID;
  INSERT INTO rollup_hour
    SELECT event_time - event_time % 3600000, event_name, event_source, region, account_id, read_only, error_code IS NOT NULL, count(*)
    FROM events GROUP BY 1, 2, 3, 4, 5, 6, 7;
`,
  // Per principal and UTC day, for /users: counts by operation, source IP and outcome, with the
  // exact first and last time within each day so first/last seen stay exact.
  `
  CREATE TABLE rollup_principal_day (
    day INTEGER NOT NULL,
    principal TEXT NOT NULL,
    event_name TEXT NOT NULL,
    source_ip TEXT NOT NULL,
    read_only INTEGER NOT NULL,
    failed INTEGER NOT NULL,
    n INTEGER NOT NULL,
    first_time INTEGER NOT NULL,
    last_time INTEGER NOT NULL,
    PRIMARY KEY (day, principal, event_name, source_ip, read_only, failed)
  ) WITHOUT ROWID;
  INSERT INTO rollup_principal_day
    SELECT event_time - event_time % 86400000, principal, event_name, source_ip, read_only, error_code IS NOT NULL,
      count(*), min(event_time), max(event_time)
    FROM events GROUP BY 1, 2, 3, 4, 5, 6;
  `,
  // Daily counts beside the hourly ones: a 90-day timeline or total reads ~100 rows per
  // combination instead of ~2,200.
  `
  CREATE TABLE rollup_day (
    day INTEGER NOT NULL,
    event_name TEXT NOT NULL,
    event_source TEXT NOT NULL,
    region TEXT NOT NULL,
    account_id TEXT NOT NULL,
    read_only INTEGER NOT NULL,
    failed INTEGER NOT NULL,
    n INTEGER NOT NULL,
    PRIMARY KEY (day, event_name, event_source, region, account_id, read_only, failed)
  ) WITHOUT ROWID;
  INSERT INTO rollup_day
    SELECT hour - hour % 86400000, event_name, event_source, region, account_id, read_only, failed, sum(n)
    FROM rollup_hour GROUP BY 1, 2, 3, 4, 5, 6, 7;
  `,
  // The raw record (1.5 kB on average, up to megabytes) in its own table: an events row shrinks to
  // ~900 bytes, so four fit a 4 kB page instead of one, list and filter scans read a quarter of
  // the pages, and an import writes the record once, appended in seq order.
  `
  CREATE TABLE event_raw (seq INTEGER PRIMARY KEY REFERENCES events (seq), raw TEXT NOT NULL);
  INSERT INTO event_raw SELECT seq, raw FROM events;
  ALTER TABLE events DROP COLUMN raw;
  `,
  // A literal source (`AWS Internal`, `cloudformation.amazonaws.com`) is matched without regard to
  // case, which a BINARY index cannot serve: at 1M events the first page of a source no event has
  // scanned the whole time index (400 ms) and a count read all of events_source_ip (134 ms). Only rows without an IP key can
  // match a literal, so the index holds those alone (7 % of the demo's events) and an import
  // writes one index entry fewer for every event with an address.
  `
  DROP INDEX events_source_ip;
  CREATE INDEX events_source_literal ON events (source_ip COLLATE NOCASE, event_time) WHERE ip_key IS NULL;
  `,
  // "What changed" looks for the resource's previous snapshot (resource-history.ts): the newest
  // successful Create/Update/Delete/Put… call on it. Only successful mutating calls are indexed,
  // 2 % of the demo's events, so an import writes one entry for every fifty events.
  `
  CREATE INDEX events_state_calls ON events (event_name, region, account_id, event_time, event_id) WHERE read_only = 0 AND error_code IS NULL;
  `,
  // Hourly and daily counts that also key the source (its text, and its IP key for CIDR ranges):
  // `ip` and `notIp` over long windows. Excluding the office ranges leaves few events but has to
  // look at all of them: at 1M events a 90-day count read 455 ms and its day timeline 764 ms of
  // events; the rollup has one row per source, operation and outcome per hour.
  `
  CREATE TABLE rollup_source_hour (
    hour INTEGER NOT NULL,
    event_name TEXT NOT NULL,
    event_source TEXT NOT NULL,
    region TEXT NOT NULL,
    account_id TEXT NOT NULL,
    read_only INTEGER NOT NULL,
    failed INTEGER NOT NULL,
    source_ip TEXT NOT NULL,
    ip_key TEXT,
    n INTEGER NOT NULL,
    PRIMARY KEY (hour, event_name, event_source, region, account_id, read_only, failed, source_ip)
  ) WITHOUT ROWID;
  INSERT INTO rollup_source_hour
    SELECT event_time - event_time % 3600000, event_name, event_source, region, account_id, read_only, error_code IS NOT NULL, source_ip, ip_key, count(*)
    FROM events GROUP BY 1, 2, 3, 4, 5, 6, 7, 8;
  CREATE TABLE rollup_source_day (
    day INTEGER NOT NULL,
    event_name TEXT NOT NULL,
    event_source TEXT NOT NULL,
    region TEXT NOT NULL,
    account_id TEXT NOT NULL,
    read_only INTEGER NOT NULL,
    failed INTEGER NOT NULL,
    source_ip TEXT NOT NULL,
    ip_key TEXT,
    n INTEGER NOT NULL,
    PRIMARY KEY (day, event_name, event_source, region, account_id, read_only, failed, source_ip)
  ) WITHOUT ROWID;
  INSERT INTO rollup_source_day
    SELECT hour - hour % 86400000, event_name, event_source, region, account_id, read_only, failed, source_ip, ip_key, sum(n)
    FROM rollup_source_hour GROUP BY 1, 2, 3, 4, 5, 6, 7, 8;
  `,
  addDescriptions,
  // Sync state per account × region × source (several AWS accounts, each with its own quota and
  // watermark); what was stored before belongs to the credential chain's own account, `default`.
  `
  CREATE TABLE sync_state_accounts (
    account TEXT NOT NULL,
    region TEXT NOT NULL,
    event_source TEXT NOT NULL,
    state TEXT NOT NULL,                   -- JSON SyncState
    PRIMARY KEY (account, region, event_source)
  );
  INSERT INTO sync_state_accounts SELECT 'default', region, event_source, json_set(state, '$.account', 'default') FROM sync_state;
  DROP TABLE sync_state;
  ALTER TABLE sync_state_accounts RENAME TO sync_state;
  `,
  // The principal rollup keyed by account too: the same role session name in two accounts is two
  // principals on /users, and an account filter is answered from the rollup.
  `
  DROP TABLE rollup_principal_day;
  CREATE TABLE rollup_principal_day (
    day INTEGER NOT NULL,
    principal TEXT NOT NULL,
    account_id TEXT NOT NULL,
    event_name TEXT NOT NULL,
    source_ip TEXT NOT NULL,
    read_only INTEGER NOT NULL,
    failed INTEGER NOT NULL,
    n INTEGER NOT NULL,
    first_time INTEGER NOT NULL,
    last_time INTEGER NOT NULL,
    PRIMARY KEY (day, principal, account_id, event_name, source_ip, read_only, failed)
  ) WITHOUT ROWID;
  INSERT INTO rollup_principal_day
    SELECT event_time - event_time % 86400000, principal, account_id, event_name, source_ip, read_only, error_code IS NOT NULL,
      count(*), min(event_time), max(event_time)
    FROM events GROUP BY 1, 2, 3, 4, 5, 6, 7;
  `,
  addRelatedKeys,
  // Records stored as text by versions before raw-codec, compressed as new ones are.
  compressRawRecords,
  // Watches and the outbox of their deliveries (lib/watches). A delivery row is written in the
  // same transaction that moves its watch past the events it tells of, so a crash sends nothing
  // twice and loses nothing; the sender retries a row until a 2xx or its deadline.
  WATCH_TABLES_SQL,
  PRINCIPAL_ERRORS_SQLITE,
  // The daily principal rollup in the order /users adds it up in (lib/store/queries/user-activity.ts),
  // covering: a window of most of the stored days is grouped as it is read, instead of through a
  // temporary B-tree that sorted every row first. PostgreSQL aggregates by hash and needs none.
  `CREATE INDEX IF NOT EXISTS rollup_principal_day_cells ON rollup_principal_day (principal, account_id, event_name, source_ip, read_only, failed, day, n, first_time, last_time);`,
  PRINCIPAL_TOTALS_SQLITE,
  // The time index carries each event's operation and error code: a timeline in minute buckets
  // (the last 24 hours: 5-minute ones) is counted from the index alone, without a row read per
  // event (the bench's wide shape at 1M events: 22.5 → 9.9 ms). Wider entries, not another index.
  `DROP INDEX IF EXISTS events_time; CREATE INDEX events_time ON events (event_time, event_id, event_name, error_code);`,
  addResourceDictionary,
  addTextDictionary,
  // Imported records in blocks of a trail file's consecutive records (raw-codec format 3): a block
  // is numbered by the first of its events stored, and a record in one keeps its index in `raw`.
  // Stored records stay as they are (formats 1 and 2 are read forever).
  addRawBlocks,
  // Each distinct source with its IP key. The principal rollups keep a source as text, one row per
  // source where a principal calls from thousands (the bench's wide shape: a row for nearly every
  // event); an \`ip\`/\`notIp\` filter on them is a key range here, tested in SQL rather than on each
  // row handed to JavaScript (lib/store/queries/principal-rollup.ts).
  `
  CREATE TABLE IF NOT EXISTS source_addresses (source_ip TEXT PRIMARY KEY, ip_key TEXT) WITHOUT ROWID;
  INSERT OR IGNORE INTO source_addresses SELECT source_ip, ip_key FROM rollup_source_day GROUP BY source_ip;
  `,
  // Kept by the database from each new row of the daily source rollup, whichever version wrote it:
  // a Packtrail from before source_addresses (a CLI from another checkout, on the same file) writes
  // that rollup and not this table, and its sources would drop out of every CIDR-filtered /users.
  `
  CREATE TRIGGER IF NOT EXISTS rollup_source_day_addresses AFTER INSERT ON rollup_source_day
  BEGIN INSERT OR IGNORE INTO source_addresses (source_ip, ip_key) VALUES (new.source_ip, new.ip_key); END;
  INSERT OR IGNORE INTO source_addresses SELECT source_ip, ip_key FROM rollup_source_day GROUP BY source_ip;
  `,
  // /users over any window open to now (lib/store/queries/principal-totals.ts): each principal's
  // operations per day, without the source that makes the daily rollup a row for nearly every event
  // where principals call from thousands (the bench's wide shape: 202k rows against 1M at 1M
  // events), in the order they are added up; and the daily rollup's covering index led by the
  // source, so one source's days before a window are a short range.
  `
  CREATE TABLE IF NOT EXISTS rollup_principal_op_day (
    principal TEXT NOT NULL,
    account_id TEXT NOT NULL,
    event_name TEXT NOT NULL,
    read_only INTEGER NOT NULL,
    failed INTEGER NOT NULL,
    day INTEGER NOT NULL,
    n INTEGER NOT NULL,
    first_time INTEGER NOT NULL,
    last_time INTEGER NOT NULL,
    PRIMARY KEY (principal, account_id, event_name, read_only, failed, day)
  ) WITHOUT ROWID;
  DELETE FROM rollup_principal_op_day;
  INSERT INTO rollup_principal_op_day
    SELECT principal, account_id, event_name, read_only, failed, day, sum(n), min(first_time), max(last_time)
    FROM rollup_principal_day GROUP BY 1, 2, 3, 4, 5, 6;
  DROP INDEX IF EXISTS rollup_principal_day_cells;
  CREATE INDEX rollup_principal_day_cells ON rollup_principal_day (principal, account_id, source_ip, event_name, read_only, failed, day, n, first_time, last_time);
  `,
  // The sources /users lists, each with its first call as well: read from the index alone, not a
  // row looked up per source (20 per principal, 5 ms of /users for 30 days at 1M wide events).
  `
  DROP INDEX IF EXISTS rollup_principal_ip_recent;
  CREATE INDEX rollup_principal_ip_recent ON rollup_principal_ip (principal, account_id, last_time DESC, source_ip, n, first_time);
  `,
  // Leases live in their own file beside the store's (sync-state.ts, openLeases). The step also
  // tells an older Packtrail on this file that the schema is newer: it campaigns no more.
  'DROP TABLE IF EXISTS locks',
  addSharedTexts,
  // The indexes an import into an empty store builds once it ends (deferred-indexes.ts), listed
  // while they are out.
  'CREATE TABLE IF NOT EXISTS deferred_indexes (name TEXT PRIMARY KEY, definition TEXT NOT NULL)',
];

/** Idempotent, as every later step is: the upgrade tests run the steps again from an older version. */
function addRawBlocks(db: Database.Database): void {
  db.exec('CREATE TABLE IF NOT EXISTS raw_blocks (block INTEGER PRIMARY KEY, data BLOB NOT NULL)');
  const columns = db.prepare("SELECT name FROM pragma_table_info('event_raw')").pluck().all();
  if (!columns.includes('block')) db.exec('ALTER TABLE event_raw ADD COLUMN block INTEGER');
}

/**
 * The table of sentences and search texts that events share, and each row's pointer into it
 * (lib/store/queries/rows.ts), which the queries shared with the PostgreSQL store read. There the
 * import stores each shared pair once (postgres/shared-texts.ts); here every event keeps its own in
 * its row (this store is within its size target without it), so the table stays empty.
 */
function addSharedTexts(db: Database.Database): void {
  db.exec('CREATE TABLE IF NOT EXISTS event_texts (xid INTEGER PRIMARY KEY, description TEXT NOT NULL, search_text TEXT NOT NULL)');
  const columns = db.prepare("SELECT name FROM pragma_table_info('events')").pluck().all();
  if (!columns.includes('texts_xid')) db.exec('ALTER TABLE events ADD COLUMN texts_xid INTEGER');
}
