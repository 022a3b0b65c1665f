// The watch tables, in SQL both engines read alike (text, and integers that hold epoch ms). IF NOT
// EXISTS: a store migrated again from an earlier step (the migration tests) runs it twice.

export const WATCH_TABLES_SQL = `
  CREATE TABLE IF NOT EXISTS watches (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    query TEXT NOT NULL,                 -- the /events query string it matches
    builtin TEXT,                        -- the built-in watch's key, else NULL
    created_at BIGINT NOT NULL,
    after_seq BIGINT NOT NULL            -- storage number told up to: events stored before the watch are never sent
  );
  CREATE TABLE IF NOT EXISTS watch_destinations (
    id TEXT PRIMARY KEY,
    watch_id TEXT NOT NULL,
    type TEXT NOT NULL,                  -- webhook | slack
    url TEXT NOT NULL,
    secret TEXT                          -- webhook HMAC key; never leaves the server
  );
  CREATE INDEX IF NOT EXISTS watch_destinations_watch ON watch_destinations (watch_id);
  CREATE TABLE IF NOT EXISTS deliveries (
    id TEXT PRIMARY KEY,                 -- X-Packtrail-Delivery, the same on every retry
    watch_id TEXT NOT NULL,
    destination_id TEXT NOT NULL,
    kind TEXT NOT NULL,                  -- event | digest | test
    body TEXT NOT NULL,                  -- the JSON we post
    created_at BIGINT NOT NULL,
    next_at BIGINT NOT NULL,
    attempts INTEGER NOT NULL,
    status TEXT NOT NULL,                -- pending | delivered | failed
    last_error TEXT,
    finished_at BIGINT
  );
  CREATE INDEX IF NOT EXISTS deliveries_due ON deliveries (status, next_at);
  CREATE INDEX IF NOT EXISTS deliveries_watch ON deliveries (watch_id, created_at);
`;
