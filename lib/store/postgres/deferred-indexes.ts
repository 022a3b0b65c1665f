import pg from 'pg';

/**
 * The secondary indexes an import into an empty PostgreSQL store leaves out while it loads, built
 * once it ends. Kept up row by row, the random keys of 1M imported events left those B-trees 60–69 %
 * full; built once from the loaded table, they are packed. The bench's 1M demo events, three
 * alternated pairs: 1,838 against 1,986 MB each time, and 100.4 against 105.3 s (medians; the
 * pairs' ratios 0.82–1.04 are the machine's noise). The SQLite store does the same
 * (../sqlite/deferred-indexes.ts).
 *
 * Unique indexes stay (an import is idempotent through them), and so does the time index: the
 * events list reads it, and a server answering during the import keeps its first page fast. So do
 * the resource references by resource: a v1 ARN tied to its id mid-import renames the resources
 * stored under it and tells their events again, found through that index. Filters on other columns
 * are answered by scans until the import ends.
 *
 * Which indexes were dropped is written in `deferred_indexes` in the drop's own transaction, and
 * each is crossed off in the transaction that builds it again, so an import that dies leaves them
 * listed. An advisory lock, held on a session of the import's own, says one is under way: a store
 * opening meanwhile leaves the list to it, and one opening after the import's session has gone
 * builds what is listed.
 */
// The daily principal rollup's index by source too: where principals call from thousands of
// sources, it gains an entry for nearly every event.
const TABLES = ['events', 'rollup_principal_day'];
const KEPT = ['events_time'];
/**
 * The indexes that stay, built again once an import into an empty store ends: a trail's files come
 * region by region, so most of its times land inside the time index rather than at its end, and
 * event ids are random, and pages split half full. 1M demo events: events_time 134 MB (136 bytes an
 * entry) and the event id's 75 MB before, 94 and 57 MB after. CONCURRENTLY, so the server answering
 * meanwhile keeps both.
 */
const REPACKED = ['events_time', 'events_event_id_key'];

const lockKey = (schema: string) => `packtrail-deferred-indexes:${schema}`;

/** An import's hold on the deferred indexes; `finish` builds them and lets go. */
export interface IndexDeferral {
  finish(): Promise<void>;
}

/**
 * Drops the deferrable indexes when no event is stored. Null when another import holds them (it
 * builds them when it ends); otherwise a deferral to finish when the load ends, whether or not
 * anything was dropped now (it builds what an import that died left listed too).
 */
export async function deferIndexes(config: pg.ClientConfig, schema: string): Promise<IndexDeferral | null> {
  let startedEmpty = false;
  const client = new pg.Client(config);
  // A session that fails under the import only loses the lock; the list stays for the next open.
  client.on('error', () => {});
  await client.connect();
  try {
    const { rows } = await client.query<{ ok: boolean }>('SELECT pg_try_advisory_lock(hashtext($1)) AS ok', [lockKey(schema)]);
    if (!rows[0].ok) {
      await client.end();
      return null;
    }
    await client.query('BEGIN');
    const { rows: empty } = await client.query<{ empty: boolean }>('SELECT NOT EXISTS (SELECT 1 FROM events) AS empty');
    startedEmpty = empty[0].empty;
    if (startedEmpty) {
      // The tables' names resolve in the store's schema (its search_path), as the index's own does.
      const { rows: found } = await client.query<{ name: string; definition: string }>(
        `SELECT c.relname AS name, pg_get_indexdef(x.indexrelid) AS definition
         FROM pg_index x JOIN pg_class c ON c.oid = x.indexrelid
         WHERE x.indrelid = ANY($1::regclass[]) AND NOT x.indisunique AND c.relname <> ALL($2) ORDER BY c.relname`,
        [TABLES, KEPT],
      );
      for (const f of found) {
        await client.query('INSERT INTO deferred_indexes (name, definition) VALUES ($1, $2) ON CONFLICT DO NOTHING', [f.name, f.definition]);
        await client.query(`DROP INDEX ${client.escapeIdentifier(f.name)}`);
      }
    }
    await client.query('COMMIT');
  } catch (err) {
    await client.end().catch(() => {});
    throw err;
  }
  return {
    async finish() {
      try {
        await buildListed(client);
        if (startedEmpty) await repack(client);
      } finally {
        await client.end().catch(() => {});
      }
    },
  };
}

// A REINDEX CONCURRENTLY that dies leaves its new index behind, invalid and still kept up by
// every write, named after the old one with _ccnew.
const HALF_REPACKED = `SELECT c.relname AS name FROM pg_index x JOIN pg_class c ON c.oid = x.indexrelid
  WHERE NOT x.indisvalid AND x.indrelid = 'events'::regclass AND c.relname LIKE '%\\_ccnew%'`;

/** At open: builds what an import that died left listed, and drops a repack it left half done, unless an import is under way. */
export async function buildLeftoverIndexes(pool: pg.Pool, schema: string): Promise<void> {
  const { rows } = await pool.query<{ n: number }>(`SELECT (SELECT count(*) FROM deferred_indexes) + (SELECT count(*) FROM (${HALF_REPACKED}) h) AS n`);
  if (!Number(rows[0].n)) return;
  const client = await pool.connect();
  try {
    const { rows: lock } = await client.query<{ ok: boolean }>('SELECT pg_try_advisory_lock(hashtext($1)) AS ok', [lockKey(schema)]);
    if (!lock[0].ok) return;
    try {
      await buildListed(client);
      const { rows: half } = await client.query<{ name: string }>(HALF_REPACKED);
      for (const { name } of half) await client.query(`DROP INDEX CONCURRENTLY IF EXISTS ${client.escapeIdentifier(name)}`);
    } finally {
      await client.query('SELECT pg_advisory_unlock(hashtext($1))', [lockKey(schema)]);
    }
  } finally {
    client.release();
  }
}

async function repack(client: pg.ClientBase): Promise<void> {
  await client.query("SET maintenance_work_mem = '256MB'");
  for (const name of REPACKED) await client.query(`REINDEX INDEX CONCURRENTLY ${client.escapeIdentifier(name)}`);
  await client.query('RESET maintenance_work_mem');
}

async function buildListed(client: pg.ClientBase): Promise<void> {
  const { rows } = await client.query<{ name: string; definition: string }>('SELECT name, definition FROM deferred_indexes ORDER BY name');
  // Each index is one sort of the whole table; the default 64 MB spills 1M events' keys to disk.
  await client.query("SET maintenance_work_mem = '256MB'");
  for (const r of rows) {
    await client.query('BEGIN');
    try {
      await client.query(r.definition.replace(/^CREATE INDEX /, 'CREATE INDEX IF NOT EXISTS '));
      await client.query('DELETE FROM deferred_indexes WHERE name = $1', [r.name]);
      await client.query('COMMIT');
    } catch (err) {
      await client.query('ROLLBACK').catch(() => {});
      throw err;
    }
  }
  await client.query('RESET maintenance_work_mem');
}
