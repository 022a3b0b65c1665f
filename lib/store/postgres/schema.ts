import { WATCH_TABLES_SQL } from '../queries/watch-tables';

// The PostgreSQL store's schema, versioned as SQLite's is: each step runs once, in order, in its own
// transaction, and packtrail_schema records how many have run. It starts where the SQLite store's
// migrations have arrived, so both answer the same queries (lib/store/queries) with the same SQL.
//
// Text columns sort and compare byte-wise (COLLATE "C"), as SQLite's BINARY does: cursors compare
// event ids, and lists are ordered by name. `nocase` and instr() give the shared SQL the two
// SQLite idioms it uses: a case-blind match of a literal source, and a substring test for `q`.

// Failed calls per principal and error code, and the principal rollup per hour, as in the SQLite
// store (lib/store/sqlite/schema.ts).
// All-time totals per principal and operation, and per principal and source, as in the SQLite
// store (lib/store/sqlite/schema.ts).
const PRINCIPAL_TOTALS_POSTGRES = `
  CREATE TABLE IF NOT EXISTS rollup_principal_op (
    principal text COLLATE "C" NOT NULL, account_id text COLLATE "C" NOT NULL, event_name text COLLATE "C" NOT NULL,
    read_only smallint NOT NULL, failed smallint NOT NULL, n bigint NOT NULL, first_time bigint NOT NULL, last_time bigint NOT NULL,
    PRIMARY KEY (principal, account_id, event_name, read_only, failed)
  );
  DELETE FROM rollup_principal_op;
  INSERT INTO rollup_principal_op
    SELECT principal, account_id, event_name, read_only, failed, sum(n), min(first_time), max(last_time)
    FROM rollup_principal_day GROUP BY 1, 2, 3, 4, 5;
  CREATE TABLE IF NOT EXISTS rollup_principal_ip (
    principal text COLLATE "C" NOT NULL, account_id text COLLATE "C" NOT NULL, source_ip text COLLATE "C" NOT NULL,
    n bigint NOT NULL, first_time bigint NOT NULL, last_time bigint NOT NULL,
    PRIMARY KEY (principal, account_id, source_ip)
  );
  DELETE FROM rollup_principal_ip;
  INSERT INTO rollup_principal_ip
    SELECT principal, account_id, source_ip, sum(n), min(first_time), max(last_time)
    FROM rollup_principal_day GROUP BY 1, 2, 3;
  CREATE INDEX IF NOT EXISTS rollup_principal_ip_recent ON rollup_principal_ip (principal, account_id, last_time DESC, source_ip) INCLUDE (n);
  CREATE TABLE IF NOT EXISTS rollup_principal_sources (
    principal text COLLATE "C" NOT NULL, account_id text COLLATE "C" NOT NULL, sources bigint NOT NULL,
    PRIMARY KEY (principal, account_id)
  );
  DELETE FROM rollup_principal_sources;
  INSERT INTO rollup_principal_sources SELECT principal, account_id, count(*) FROM rollup_principal_ip GROUP BY 1, 2;
`;

const PRINCIPAL_ERRORS_POSTGRES = `
  CREATE TABLE IF NOT EXISTS rollup_principal_hour (
    hour bigint NOT NULL, principal text COLLATE "C" NOT NULL, account_id text COLLATE "C" NOT NULL, event_name text COLLATE "C" NOT NULL,
    source_ip text COLLATE "C" NOT NULL, read_only smallint NOT NULL, failed smallint NOT NULL, n bigint NOT NULL,
    first_time bigint NOT NULL, last_time bigint NOT NULL,
    PRIMARY KEY (hour, principal, account_id, event_name, source_ip, read_only, failed)
  );
  DELETE FROM rollup_principal_hour;
  INSERT INTO rollup_principal_hour
    SELECT event_time - event_time % 3600000, principal, account_id, event_name, source_ip, read_only, CASE WHEN error_code IS NULL THEN 0 ELSE 1 END,
      count(*), min(event_time), max(event_time)
    FROM events GROUP BY 1, 2, 3, 4, 5, 6, 7;
  CREATE TABLE IF NOT EXISTS rollup_principal_error_day (
    day bigint NOT NULL, principal text COLLATE "C" NOT NULL, account_id text COLLATE "C" NOT NULL, event_name text COLLATE "C" NOT NULL,
    source_ip text COLLATE "C" NOT NULL, read_only smallint NOT NULL, error_code text COLLATE "C" NOT NULL, n bigint NOT NULL,
    PRIMARY KEY (day, principal, account_id, event_name, source_ip, read_only, error_code)
  );
  DELETE FROM rollup_principal_error_day;
  INSERT INTO rollup_principal_error_day
    SELECT event_time - event_time % 86400000, principal, account_id, event_name, source_ip, read_only, error_code, count(*)
    FROM events WHERE error_code IS NOT NULL GROUP BY 1, 2, 3, 4, 5, 6, 7;
`;

export const PG_MIGRATIONS: string[] = [
  `
  CREATE COLLATION nocase (provider = icu, locale = 'und-u-ks-level2', deterministic = false);
  CREATE FUNCTION instr(text, text) RETURNS integer LANGUAGE sql IMMUTABLE PARALLEL SAFE AS 'SELECT strpos($1, $2)';

  CREATE TABLE events (
    seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    event_id text COLLATE "C" NOT NULL UNIQUE,
    event_time bigint NOT NULL,                 -- epoch ms
    event_source text COLLATE "C" NOT NULL,
    event_name text COLLATE "C" NOT NULL,
    region text COLLATE "C" NOT NULL,
    account_id text COLLATE "C" NOT NULL,
    read_only smallint NOT NULL,
    error_code text COLLATE "C",
    error_message text COLLATE "C",
    source_ip text COLLATE "C" NOT NULL,
    ip_key text COLLATE "C",                    -- 32 hex digits, IPv4 mapped; CIDR = key range
    user_agent text COLLATE "C" NOT NULL,
    principal text COLLATE "C" NOT NULL,
    principal_type text COLLATE "C" NOT NULL,
    principal_arn text COLLATE "C",
    access_key_id text COLLATE "C",
    flags text COLLATE "C",
    search_text text COLLATE "C" NOT NULL,
    description text COLLATE "C" NOT NULL,
    request_id text COLLATE "C",
    session_created text COLLATE "C"
  );
  CREATE INDEX events_time ON events (event_time, event_id);
  CREATE INDEX events_name_time ON events (event_name, event_time);
  CREATE INDEX events_principal_time ON events (principal, event_time);
  CREATE INDEX events_ip_key ON events (ip_key, event_time);
  CREATE INDEX events_region_time ON events (region, event_time);
  CREATE INDEX events_account_time ON events (account_id, event_time);
  CREATE INDEX events_source_time ON events (event_source, event_time);
  CREATE INDEX events_error_time ON events (error_code, event_time) WHERE error_code IS NOT NULL;
  CREATE INDEX events_access_key ON events (access_key_id, event_time) WHERE access_key_id IS NOT NULL;
  CREATE INDEX events_source_literal ON events (source_ip COLLATE nocase, event_time) WHERE ip_key IS NULL;
  CREATE INDEX events_state_calls ON events (event_name, region, account_id, event_time, event_id) WHERE read_only = 0 AND error_code IS NULL;

  -- The record as raw-codec stores it (deflated against a CloudTrail dictionary), restored byte for
  -- byte: never jsonb, which reorders keys and drops duplicates.
  CREATE TABLE event_raw (seq bigint PRIMARY KEY, raw bytea NOT NULL);

  CREATE TABLE event_resources (
    event_seq bigint NOT NULL,
    type text COLLATE "C" NOT NULL,
    id text COLLATE "C" NOT NULL,
    arn text COLLATE "C",
    PRIMARY KEY (event_seq, type, id)
  );
  CREATE INDEX event_resources_id ON event_resources (id);
  CREATE INDEX event_resources_arn ON event_resources (arn) WHERE arn IS NOT NULL;
  CREATE TABLE resource_aliases (arn text COLLATE "C" PRIMARY KEY, id text COLLATE "C" NOT NULL, type text COLLATE "C" NOT NULL);

  CREATE TABLE facets (kind text COLLATE "C" NOT NULL, value text COLLATE "C" NOT NULL, detail text COLLATE "C", PRIMARY KEY (kind, value));
  CREATE TABLE rollup_hour (
    hour bigint NOT NULL, event_name text COLLATE "C" NOT NULL, event_source text COLLATE "C" NOT NULL, region text COLLATE "C" NOT NULL,
    account_id text COLLATE "C" NOT NULL, read_only smallint NOT NULL, failed smallint NOT NULL, n bigint NOT NULL,
    PRIMARY KEY (hour, event_name, event_source, region, account_id, read_only, failed)
  );
  CREATE TABLE rollup_day (
    day bigint NOT NULL, event_name text COLLATE "C" NOT NULL, event_source text COLLATE "C" NOT NULL, region text COLLATE "C" NOT NULL,
    account_id text COLLATE "C" NOT NULL, read_only smallint NOT NULL, failed smallint NOT NULL, n bigint NOT NULL,
    PRIMARY KEY (day, event_name, event_source, region, account_id, read_only, failed)
  );
  CREATE TABLE rollup_source_hour (
    hour bigint NOT NULL, event_name text COLLATE "C" NOT NULL, event_source text COLLATE "C" NOT NULL, region text COLLATE "C" NOT NULL,
    account_id text COLLATE "C" NOT NULL, read_only smallint NOT NULL, failed smallint NOT NULL, source_ip text COLLATE "C" NOT NULL,
    ip_key text COLLATE "C", n bigint NOT NULL,
    PRIMARY KEY (hour, event_name, event_source, region, account_id, read_only, failed, source_ip)
  );
  CREATE TABLE rollup_source_day (
    day bigint NOT NULL, event_name text COLLATE "C" NOT NULL, event_source text COLLATE "C" NOT NULL, region text COLLATE "C" NOT NULL,
    account_id text COLLATE "C" NOT NULL, read_only smallint NOT NULL, failed smallint NOT NULL, source_ip text COLLATE "C" NOT NULL,
    ip_key text COLLATE "C", n bigint NOT NULL,
    PRIMARY KEY (day, event_name, event_source, region, account_id, read_only, failed, source_ip)
  );
  CREATE TABLE rollup_principal_day (
    day bigint NOT NULL, principal text COLLATE "C" NOT NULL, account_id text COLLATE "C" NOT NULL, event_name text COLLATE "C" NOT NULL,
    source_ip text COLLATE "C" NOT NULL, read_only smallint NOT NULL, failed smallint NOT NULL, n bigint NOT NULL,
    first_time bigint NOT NULL, last_time bigint NOT NULL,
    PRIMARY KEY (day, principal, account_id, event_name, source_ip, read_only, failed)
  );

  CREATE TABLE sync_state (
    account text COLLATE "C" NOT NULL, region text COLLATE "C" NOT NULL, event_source text COLLATE "C" NOT NULL,
    state text NOT NULL,                        -- JSON SyncState
    PRIMARY KEY (account, region, event_source)
  );
  -- holder_pid: the backend pid of the holder's presence session (PostgresStore.presence); when that
  -- session is gone, so is the holder, whatever host it ran on.
  CREATE TABLE locks (name text COLLATE "C" PRIMARY KEY, owner text NOT NULL, expires_at bigint NOT NULL, holder_pid integer);
  `,
  // Who holds a role (the background sync): the holder's session keeps an advisory lock for as
  // long as it lives, and writes here which replica it is, for /sync to show.
  `
  CREATE TABLE leaders (role text COLLATE "C" PRIMARY KEY, owner text NOT NULL, backend_pid integer NOT NULL, since bigint NOT NULL);
  `,
  // Watches and their deliveries' outbox (lib/watches), as in the SQLite store.
  WATCH_TABLES_SQL,
  PRINCIPAL_ERRORS_POSTGRES,
  PRINCIPAL_TOTALS_POSTGRES,
  // The time index carries each event's operation and error code, as in the SQLite store: minute
  // buckets are counted from the index (an index-only scan where the table is vacuumed).
  `DROP INDEX IF EXISTS events_time; CREATE INDEX events_time ON events (event_time, event_id) INCLUDE (event_name, error_code);`,
  // Resources stored once, events pointing at them by number, as in the SQLite store
  // (lib/store/sqlite/resource-dictionary-migration.ts); '' stands for no ARN.
  `
  CREATE TABLE resources (
    rid bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    type text COLLATE "C" NOT NULL,
    id text COLLATE "C" NOT NULL,
    arn text COLLATE "C" NOT NULL,
    UNIQUE (arn, type, id)
  );
  CREATE INDEX resources_id ON resources (id);
  CREATE TABLE event_resource_refs (event_seq bigint NOT NULL, rid bigint NOT NULL, PRIMARY KEY (event_seq, rid));
  CREATE INDEX event_resource_refs_rid ON event_resource_refs (rid, event_seq);
  INSERT INTO resources (type, id, arn) SELECT type, id, coalesce(arn, '') FROM event_resources GROUP BY 1, 2, 3;
  INSERT INTO event_resource_refs (event_seq, rid)
    SELECT r.event_seq, x.rid FROM event_resources r JOIN resources x ON x.arn = coalesce(r.arn, '') AND x.type = r.type AND x.id = r.id
    ON CONFLICT DO NOTHING;
  DROP TABLE event_resources;
  `,
  // User agents and principals' ARNs stored once, as in the SQLite store
  // (lib/store/sqlite/text-dictionary-migration.ts). Keyed by SHA-256: a B-tree entry holds at
  // most ~2.7 kB, and a user agent may be longer.
  `
  CREATE TABLE texts (tid bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, key bytea NOT NULL UNIQUE, text text COLLATE "C" NOT NULL);
  INSERT INTO texts (key, text) SELECT sha256(convert_to(t, 'UTF8')), t
    FROM (SELECT user_agent AS t FROM events UNION SELECT principal_arn FROM events WHERE principal_arn IS NOT NULL) x;
  ALTER TABLE events ADD COLUMN user_agent_tid bigint, ADD COLUMN principal_arn_tid bigint;
  UPDATE events e SET
    user_agent_tid = (SELECT tid FROM texts WHERE key = sha256(convert_to(e.user_agent, 'UTF8'))),
    principal_arn_tid = (SELECT tid FROM texts WHERE key = sha256(convert_to(e.principal_arn, 'UTF8')));
  ALTER TABLE events DROP COLUMN user_agent, DROP COLUMN principal_arn;
  `,
  // Imported records in blocks of a trail file's consecutive records, as in the SQLite store
  // (raw-codec format 3). A block is compressed already: kept out of line without pglz's attempt.
  `
  CREATE TABLE raw_blocks (block bigint PRIMARY KEY, data bytea NOT NULL);
  ALTER TABLE raw_blocks ALTER COLUMN data SET STORAGE EXTERNAL;
  ALTER TABLE event_raw ADD COLUMN block bigint;
  `,
  // Each distinct source with its IP key, as in the SQLite store: the principal rollups keep a
  // source as text, and a CIDR filter on them is this table's key range.
  `
  CREATE TABLE source_addresses (source_ip text COLLATE "C" PRIMARY KEY, ip_key text COLLATE "C");
  INSERT INTO source_addresses SELECT DISTINCT ON (source_ip) source_ip, ip_key FROM rollup_source_day ORDER BY source_ip;
  `,
  // Kept by the database from the daily source rollup's new rows, once per statement, whichever
  // version wrote them: a replica from before source_addresses, still serving during a rolling
  // deploy, writes that rollup and not this table, and its sources would drop out of every
  // CIDR-filtered /users. Filled again for what such a replica wrote before this step.
  `
  CREATE FUNCTION note_source_addresses() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    INSERT INTO source_addresses (source_ip, ip_key) SELECT DISTINCT ON (source_ip) source_ip, ip_key FROM added ORDER BY source_ip ON CONFLICT DO NOTHING;
    RETURN NULL;
  END $$;
  CREATE TRIGGER rollup_source_day_addresses AFTER INSERT ON rollup_source_day REFERENCING NEW TABLE AS added
    FOR EACH STATEMENT EXECUTE FUNCTION note_source_addresses();
  INSERT INTO source_addresses SELECT DISTINCT ON (source_ip) source_ip, ip_key FROM rollup_source_day ORDER BY source_ip ON CONFLICT DO NOTHING;
  `,
  // The indexes an import into an empty store builds once it ends (deferred-indexes.ts), listed
  // until each is built again, so one left out by an import that died is built at the next open.
  `CREATE TABLE IF NOT EXISTS deferred_indexes (name text COLLATE "C" PRIMARY KEY, definition text NOT NULL);`,
  // Each principal's operations per day, and the daily rollup by source, as in the SQLite store
  // (lib/store/sqlite/schema.ts), for /users over any window open to now.
  `
  CREATE TABLE IF NOT EXISTS rollup_principal_op_day (
    principal text COLLATE "C" NOT NULL, account_id text COLLATE "C" NOT NULL, event_name text COLLATE "C" NOT NULL,
    read_only smallint NOT NULL, failed smallint NOT NULL, day bigint NOT NULL, n bigint NOT NULL, first_time bigint NOT NULL, last_time bigint NOT NULL,
    PRIMARY KEY (principal, account_id, event_name, read_only, failed, day)
  );
  DELETE FROM rollup_principal_op_day;
  INSERT INTO rollup_principal_op_day
    SELECT principal, account_id, event_name, read_only, failed, day, sum(n), min(first_time), max(last_time)
    FROM rollup_principal_day GROUP BY 1, 2, 3, 4, 5, 6;
  CREATE INDEX IF NOT EXISTS rollup_principal_day_source ON rollup_principal_day (principal, account_id, source_ip, day) INCLUDE (n);
  `,
  // The sources /users lists with their first call, from the index alone (as in the SQLite store).
  `
  DROP INDEX IF EXISTS rollup_principal_ip_recent;
  CREATE INDEX rollup_principal_ip_recent ON rollup_principal_ip (principal, account_id, last_time DESC, source_ip) INCLUDE (n, first_time);
  `,
  // An imported event's place in its block of records is kept in its own row, not in a row of
  // event_raw of its own (52 bytes and 22 of primary key an event, for 2 bytes and a number: 72 of
  // the 1M demo events' 1,700 MB). event_records keeps the records stored on their own (synced
  // events, and those stored before), and the view event_raw reads both, as the queries shared
  // with the SQLite store expect (lib/store/queries/rows.ts). Blocks are numbered by a sequence of
  // their own, from above those numbered before by their first event, so an event's row is
  // written with its block's number.
  `
  ALTER TABLE events ADD COLUMN IF NOT EXISTS raw_at bytea, ADD COLUMN IF NOT EXISTS block bigint;
  DO $$ BEGIN
    IF to_regclass('event_records') IS NULL THEN ALTER TABLE event_raw RENAME TO event_records; END IF;
  END $$;
  CREATE SEQUENCE IF NOT EXISTS raw_block_numbers;
  SELECT setval('raw_block_numbers', greatest((SELECT max(block) FROM raw_blocks), (SELECT last_value FROM raw_block_numbers), 1));
  CREATE OR REPLACE VIEW event_raw AS
    SELECT e.seq, coalesce(r.raw, e.raw_at) AS raw, coalesce(r.block, e.block) AS block
    FROM events e LEFT JOIN event_records r ON r.seq = e.seq;
  `,
  // A sentence and search text that several events of an import's batch share, stored once
  // (shared-texts.ts): the row holds its pair's number and NULL in both columns. Rows written
  // before keep their own.
  `
  CREATE TABLE IF NOT EXISTS event_texts (
    xid integer GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, key bytea NOT NULL UNIQUE,
    description text COLLATE "C" NOT NULL, search_text text COLLATE "C" NOT NULL
  );
  ALTER TABLE events ADD COLUMN IF NOT EXISTS texts_xid integer, ALTER COLUMN description DROP NOT NULL, ALTER COLUMN search_text DROP NOT NULL;
  `,
];
