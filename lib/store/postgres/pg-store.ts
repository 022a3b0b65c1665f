import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import type { ResourceRef, StoredEvent } from '@/lib/events/types';
import type { EventFilter } from '@/lib/filters/schema';
import { oncePerTypeAndId, retell, withAliasIds } from '../alias-ids';
import type { CursorKey } from '../cursor';
import { ownerAlive } from '../lock-owner';
import { countAndSpan, timeline, timeSpan } from '../queries/aggregates';
import { streamEvents } from '../queries/export';
import { filterOptions } from '../queries/filter-options';
import { countEvents, getEvent, listEvents } from '../queries/list-events';
import { eventsAfter } from '../queries/events-after';
import * as watches from '../queries/watches';
import { listEventsOldestFirst } from '../queries/list-oldest-first';
import { relatedEvents } from '../queries/related';
import { previousState, resourceHistory } from '../queries/resource-history';
import { facetRows, rollupBatchColumns, rollupStatements } from '../queries/rollup-writes';
import { EVENTS_ON_ARN, summariesOf, type EventRow, type RecordColumns } from '../queries/rows';
import type { Sql } from '../queries/sql';
import { userActivity } from '../queries/user-activity';
import { userDetail, userErrorCodes } from '../queries/user-detail';
import { encodeRaw, rawReader } from '../raw-codec';
import type { DeliveryAttempt, NewDelivery, Watch, WatchDestination } from '../types';
import type { NewEventsNote, ResourceSubject, StateCalls, Store, SyncState } from '../types';
import { explainPgError, poolConfig, type PgOptions } from './connection';
import { BinaryCopyWriter, type CopyType } from './copy-binary';
import { buildLeftoverIndexes, deferIndexes } from './deferred-indexes';
import { PgLeadership } from './pg-leadership';
import { PgListener } from './pg-listener';
import { PgPresence } from './pg-presence';
import { inTransaction, pgSql, POSTGRES } from './pg-sql';
import { PG_MIGRATIONS } from './schema';
import { sharedTextKey, sharedTexts } from './shared-texts';
import { SchemaTooNewError, tooNewToOpen, tooNewToWrite } from '../schema-version';
import { cachedReads, postgresVersion } from '../read-cache';

const BULK_LOADED_TABLES = 'events, event_records, raw_blocks, resources, event_resource_refs, texts, event_texts, resource_aliases, facets, rollup_hour, rollup_day, rollup_source_hour, rollup_source_day, rollup_principal_day, rollup_principal_hour, rollup_principal_error_day, rollup_principal_op, rollup_principal_op_day, rollup_principal_ip, rollup_principal_sources, source_addresses';

const EVENT_COLUMNS = `event_id, event_time, event_source, event_name, region, account_id, read_only, error_code, error_message,
  source_ip, ip_key, user_agent, principal, principal_type, principal_arn, access_key_id, flags, search_text, description, shared_texts, request_id, session_created`;

// A text's key in `texts` (schema.ts): its SHA-256, as a B-tree entry cannot hold a long user agent.
const textKey = (column: string) => `sha256(convert_to(${column}, 'UTF8'))`;
// A staged event as stored: the user agent and the principal's ARN by their numbers in `texts`,
// staged as their places among the batch's distinct texts (stage_texts), so each is hashed once a
// batch rather than once an event: hashing both for each of a 50,000-event page was ~200 ms of its
// 1.3 s insert (auto_explain), and the two texts, ~200 bytes an event on the demo, were copied with each.
const BY_NUMBER: Record<string, [stored: string, staged: string, stagedAs: string]> = {
  user_agent: ['user_agent_tid', 't.tids[s.user_agent_ord + 1]', 'user_agent_ord'],
  principal_arn: ['principal_arn_tid', 't.tids[s.principal_arn_ord + 1]', 'principal_arn_ord'],
  // A sentence and search text shared with other events of the batch, by their pair's number (shared-texts.ts).
  shared_texts: ['texts_xid', 'p.xids[s.texts_ord + 1]', 'texts_ord'],
};
const STORED = EVENT_COLUMNS.split(',').map((c) => c.trim());
const STORED_COLUMNS = STORED.map((c) => BY_NUMBER[c]?.[0] ?? c).join(', ');
const STAGED_AS_STORED = STORED.map((c) => BY_NUMBER[c]?.[1] ?? `s.${c}`).join(', ');
const STAGED_COLUMNS = STORED.map((c) => BY_NUMBER[c]?.[2] ?? c).join(', ');

// Staging tables for COPY (binary: the writer's types are the columns'), one set per connection,
// emptied at every commit. A staged event's `block` is its block of records' number, taken from
// the sequence before staging (numbers are only names: a batch that stores none leaves a gap).
const STAGE_EVENT_TYPES: CopyType[] = [
  'int4', 'text', 'int8', 'text', 'text', 'text', 'text', 'int2', 'text', 'text', 'text',
  'text', 'int4', 'text', 'text', 'int4', 'text', 'text', 'text', 'text', 'int4', 'text', 'text', 'bytea', 'int8',
];
const STAGING = `
  CREATE TEMP TABLE IF NOT EXISTS stage_events (
    ord integer NOT NULL, event_id text COLLATE "C" NOT NULL, event_time bigint NOT NULL, event_source text NOT NULL, event_name text NOT NULL,
    region text NOT NULL, account_id text NOT NULL, read_only smallint NOT NULL, error_code text, error_message text, source_ip text NOT NULL,
    ip_key text, user_agent_ord integer NOT NULL, principal text NOT NULL, principal_type text NOT NULL, principal_arn_ord integer, access_key_id text,
    flags text, search_text text, description text, texts_ord integer, request_id text, session_created text, raw bytea NOT NULL,
    block bigint
  ) ON COMMIT DELETE ROWS;
  CREATE TEMP TABLE IF NOT EXISTS stage_texts (ord integer NOT NULL, text text NOT NULL) ON COMMIT DELETE ROWS;
  CREATE TEMP TABLE IF NOT EXISTS stage_shared_texts (ord integer NOT NULL, description text NOT NULL, search_text text NOT NULL) ON COMMIT DELETE ROWS;
  CREATE TEMP TABLE IF NOT EXISTS stage_blocks (block bigint NOT NULL, data bytea NOT NULL) ON COMMIT DELETE ROWS;
  CREATE TEMP TABLE IF NOT EXISTS stage_resources (event_id text COLLATE "C" NOT NULL, type text COLLATE "C" NOT NULL, id text COLLATE "C" NOT NULL, arn text COLLATE "C" NOT NULL) ON COMMIT DELETE ROWS;
  CREATE TEMP TABLE IF NOT EXISTS rollup_batch (${rollupBatchColumns('text COLLATE "C"')}) ON COMMIT DELETE ROWS;`;

const ROLLUPS = rollupStatements(POSTGRES);
// A sentence told again (a resource's ARN tied to the id its user chose) is the event's own from
// then on, and so is its search text: the pair it shared still tells the old sentence.
export const RETELL = `UPDATE events SET description = $1, search_text = coalesce(search_text, (SELECT t.search_text FROM event_texts t WHERE t.xid = texts_xid)),
  texts_xid = NULL WHERE seq = $2`;
/** Events a bulk load stores before it first takes the statistics of what it reads back (analyseAsLoaded). */
const ANALYSE_FIRST_AT = 20_000;
// Writers commit one at a time (commitPage), and a migration waits for the commit in flight.
export const COMMIT_LOCK = "SELECT pg_advisory_xact_lock(hashtext('packtrail-commit:' || current_schema()))";

/*
 * Driver: node-postgres (`pg` 8) rather than `postgres` 3: COPY FROM STDIN as a Node stream
 * (pg-copy-streams, from the same maintainers), server-side cursors for reading a busy principal's
 * events in slices (pg-cursor), a plain Client for the sessions that must stay put (LISTEN, the
 * leader's advisory lock, presence), libpq's URL parameters and PG* variables honoured as psql
 * does, and a pool whose size we set. Both drivers run on Node 20; pg is the one most managed
 * PostgreSQL guides (RDS IAM tokens, Cloud SQL connectors) are written against.
 */

/**
 * The `Store` on PostgreSQL: the shared queries (lib/store/queries) through node-postgres, writes
 * through COPY into per-connection staging tables and one INSERT … ON CONFLICT DO NOTHING, so a
 * sync page and a bulk import take the same idempotent path.
 */
export class PostgresStore implements Store {
  readonly pool: pg.Pool;
  readonly sql: Sql;
  /** Resolves once the schema is current; rejects with a sentence saying why it cannot be. */
  readonly ready: Promise<void>;

  private readonly schema: string;
  private readonly listener: PgListener;
  private readonly leadership = new Map<string, PgLeadership>();
  private readonly presence: PgPresence;
  private readonly clientConfig: pg.ClientConfig;
  /** While a bulk load runs: events it stored, and how many it will have stored when it next takes the statistics. */
  private loading: { stored: number; next: number } | null = null;

  constructor(
    private readonly url: string,
    options: PgOptions = {},
  ) {
    const config = poolConfig(url, options);
    this.clientConfig = config;
    this.schema = options.schema ?? 'public';
    this.pool = new pg.Pool(config);
    this.presence = new PgPresence(config);
    this.listener = new PgListener(config, `packtrail_events_${this.schema}`, () => this.lastStoredSeq());
    // An idle client that loses its server (a restart, a failover) must not take the process down.
    this.pool.on('error', (err) => console.warn(`Packtrail: a pooled PostgreSQL connection closed: ${explainPgError(err, url).message}`));
    this.sql = options.cacheReads ? cachedReads(pgSql(this.pool), postgresVersion(this.pool)) : pgSql(this.pool);
    this.ready = this.migrate();
    this.ready.catch(() => {});
  }

  private async migrate(): Promise<void> {
    let client: pg.PoolClient;
    try {
      client = await this.pool.connect();
    } catch (err) {
      throw explainPgError(err, this.url);
    }
    try {
      await client.query('BEGIN');
      // Replicas starting together migrate one at a time; the others then find nothing to do.
      await client.query("SELECT pg_advisory_xact_lock(hashtext('packtrail-migrate:' || current_schema()))");
      await client.query('CREATE TABLE IF NOT EXISTS packtrail_schema (version integer NOT NULL)');
      const found = await client.query<{ version: number }>('SELECT version FROM packtrail_schema');
      if (!found.rows.length) await client.query('INSERT INTO packtrail_schema (version) VALUES (0)');
      const version = found.rows[0]?.version ?? 0;
      if (version > PG_MIGRATIONS.length) throw tooNewToOpen('PostgreSQL store', version, PG_MIGRATIONS.length);
      // Commits in flight (replicas of the version before, during a rolling deploy) end first; the
      // steps below fill new rollups from what is stored, and later commits see the new version.
      if (version < PG_MIGRATIONS.length) await client.query(COMMIT_LOCK);
      for (let i = version; i < PG_MIGRATIONS.length; i++) await client.query(PG_MIGRATIONS[i]);
      if (version < PG_MIGRATIONS.length) await client.query('UPDATE packtrail_schema SET version = $1', [PG_MIGRATIONS.length]);
      await client.query('COMMIT');
    } catch (err) {
      await client.query('ROLLBACK').catch(() => {});
      throw err instanceof SchemaTooNewError ? err : explainPgError(err, this.url);
    } finally {
      client.release();
    }
    await buildLeftoverIndexes(this.pool, this.schema).catch((err) => Promise.reject(explainPgError(err, this.url)));
  }

  /** Runs `work` in one transaction on one connection. */
  private async transaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    await this.ready;
    const client = await this.pool.connect().catch((err) => Promise.reject(explainPgError(err, this.url)));
    try {
      return await inTransaction(client, work);
    } finally {
      client.release();
    }
  }

  private async read(): Promise<Sql> {
    await this.ready;
    return this.sql;
  }

  async commitPage(events: Iterable<StoredEvent>, state?: SyncState): Promise<{ inserted: number }> {
    const result = await this.commitOnePage(events, state);
    await this.analyseAsLoaded(result.inserted);
    return result;
  }

  /**
   * During a bulk load, the statistics of what a batch reads back (the resources and their events'
   * references, when a v1 ARN is tied to its id) each time the load has doubled what it stored.
   * Planned without them, where autovacuum is off or has not come round, reading a tied ARN's events
   * scanned every reference: 402 such reads took 17.7–28.9 s of a 1M-event import of the bench's
   * wide shape (44–72 ms each, for a few rows), and 0.54 s in all through the indexes. Statistics
   * that cannot be taken (a role that does not own the tables) only leave the plans as they were.
   */
  private async analyseAsLoaded(inserted: number): Promise<void> {
    const loading = this.loading;
    if (!loading) return;
    loading.stored += inserted;
    if (loading.stored < loading.next) return;
    loading.next = loading.stored * 2;
    await this.pool.query('ANALYZE resources, event_resource_refs, raw_blocks').catch(() => {});
  }

  private async commitOnePage(events: Iterable<StoredEvent>, state?: SyncState): Promise<{ inserted: number }> {
    return this.transaction(async (client) => {
      let inserted: StoredEvent[] = [];
      // Read more than once below (staged, perhaps staged again, then counted into the rollups).
      const unique = new Map<string, StoredEvent>();
      for (const e of events) if (!unique.has(e.summary.eventId)) unique.set(e.summary.eventId, e);
      if (unique.size) {
        const batch = [...unique.values()];
        // An import's page (50,000 events) is sorted and joined whole in the statements below: in
        // the default 4 MB, the sort by ord alone spilled 32 MB to disk, 290 ms of a 1.85 s insert
        // (auto_explain). 300k demo events, four alternated pairs: wall 0.96× (0.85–1.03).
        if (batch.length > 1000) await client.query("SET LOCAL work_mem = '128MB'");
        // Staged before the commit lock, so one writer's COPY (an import beside the server's sync)
        // runs beside another's insert instead of waiting for it.
        const assumed = await this.aliasIdsFor(client, batch);
        await this.stage(client, batch, assumed);
        // Writers commit one at a time, so storage numbers become visible in order: a reader that has
        // seen number n and reads on from it (live views) never misses one committed later below n.
        await client.query(COMMIT_LOCK);
        const newer = await this.newerSchema(client);
        if (newer) throw newer;
        await this.tieAliases(client, batch);
        const ids = await this.aliasIdsFor(client, batch);
        // Another writer tied one of these ARNs between the staging and the lock: stage again with its tie.
        if (batch.some((e) => e.summary.resources.some((r) => r.arn && assumed.get(r.arn) !== ids.get(r.arn)))) {
          await client.query('TRUNCATE stage_events, stage_texts, stage_shared_texts, stage_resources, stage_blocks');
          await this.stage(client, batch, ids);
        }
        const stored = await this.insertStaged(client, batch);
        inserted = stored.events;
        if (inserted.length) {
          await this.addRollups(client, stored.firstSeq - 1, inserted);
          // Delivered to every LISTENing replica when (and only if) this transaction commits.
          await client.query('SELECT pg_notify($1, $2)', [`packtrail_events_${this.schema}`, JSON.stringify({ count: inserted.length, lastSeq: stored.lastSeq })]);
        }
      }
      if (state) await saveState(client, state);
      return { inserted: inserted.length };
    });
  }

  /** Why this process must not write, once a newer Packtrail has migrated the schema under it (see migrate). */
  private async newerSchema(db: pg.ClientBase | pg.Pool): Promise<SchemaTooNewError | null> {
    const { rows } = await db.query<{ version: number }>('SELECT version FROM packtrail_schema');
    const version = rows[0]?.version ?? 0;
    return version > PG_MIGRATIONS.length ? tooNewToWrite('PostgreSQL store', version, PG_MIGRATIONS.length) : null;
  }

  /** The events' rows in the connection's staging tables, resources named through `aliasIds`. */
  private async stage(client: pg.PoolClient, events: StoredEvent[], aliasIds: Map<string, string>): Promise<void> {
    await client.query(STAGING);
    const eventRows = new BinaryCopyWriter(STAGE_EVENT_TYPES);
    const resourceRows = new BinaryCopyWriter(['text', 'text', 'text', 'text']);
    const blockRows = new BinaryCopyWriter(['int8', 'bytea']);
    const textRows = new BinaryCopyWriter(['int4', 'text']);
    // The batch's blocks of records (raw-codec format 3), each staged once under its number.
    const blocks = new Map<Uint8Array, number>();
    for (const e of events) if (e.rawBlock && !blocks.has(e.rawBlock)) blocks.set(e.rawBlock, blocks.size);
    const numbers = blocks.size ? await this.blockNumbers(client, blocks.size) : [];
    for (const [data, i] of blocks) blockRows.row([numbers[i], data]);
    const texts = new Map<string, number>();
    const textOrd = (text: string) => {
      const known = texts.get(text);
      if (known !== undefined) return known;
      const ord = texts.size;
      texts.set(text, ord);
      textRows.row([ord, text]);
      return ord;
    };
    const read = rawReader();
    const named = events.map((e) => withAliasIds(e, (arn) => aliasIds.get(arn), read));
    const shared = sharedTexts(events.map((e, i) => ({ description: named[i].description, searchText: e.searchText })));
    const sharedRows = new BinaryCopyWriter(['int4', 'text', 'text']);
    for (const p of shared.pairs) sharedRows.row([p.ord, p.description, p.searchText]);
    let resources = 0;
    events.forEach((e, ord) => {
      const block = e.rawBlock ? numbers[blocks.get(e.rawBlock)!] : null;
      const s = e.summary;
      const pair = shared.ords[ord];
      eventRows.row([
          ord, s.eventId, Date.parse(s.eventTime), s.eventSource, s.eventName, s.region, s.accountId, s.readOnly ? 1 : 0, s.errorCode, s.errorMessage,
          s.sourceIp, e.ipKey, textOrd(s.userAgent), s.principal, s.principalType, s.principalArn === null ? null : textOrd(s.principalArn), s.accessKeyId,
          e.flags.length ? e.flags.join(',') : null, pair === null ? e.searchText : null, pair === null ? named[ord].description : null, pair,
          e.requestId, e.sessionCreated, e.packed ? (e.raw as Uint8Array) : encodeRaw(e.raw), block,
      ]);
      for (const r of oncePerTypeAndId(named[ord].resources)) resourceRows.row([s.eventId, r.type, r.id, r.arn ?? '']), resources++;
    });
    await copyInto(client, `stage_events (ord, ${STAGED_COLUMNS}, raw, block)`, eventRows.finish());
    await copyInto(client, 'stage_texts (ord, text)', textRows.finish());
    if (shared.pairs.length) await copyInto(client, 'stage_shared_texts (ord, description, search_text)', sharedRows.finish());
    if (blocks.size) await copyInto(client, 'stage_blocks (block, data)', blockRows.finish());
    if (resources) await copyInto(client, 'stage_resources (event_id, type, id, arn)', resourceRows.finish());
  }

  /** `count` numbers for blocks of records, from their sequence. */
  private async blockNumbers(client: pg.PoolClient, count: number): Promise<number[]> {
    const { rows } = await client.query<{ block: string }>("SELECT nextval('raw_block_numbers') AS block FROM generate_series(1, $1)", [count]);
    return rows.map((r) => Number(r.block));
  }

  /**
   * Stores the staged events not stored yet, with their records and resources; returns those it
   * stored. Under the commit lock, so theirs are the only rows from firstSeq on.
   */
  private async insertStaged(client: pg.PoolClient, events: StoredEvent[]): Promise<{ events: StoredEvent[]; firstSeq: number; lastSeq: number }> {
    // Resources and texts first, in statements of their own: the rows below must see them.
    await client.query('INSERT INTO resources (type, id, arn) SELECT DISTINCT type, id, arn FROM stage_resources ON CONFLICT DO NOTHING');
    await client.query(`INSERT INTO texts (key, text) SELECT ${textKey('text')}, text FROM stage_texts ON CONFLICT (key) DO NOTHING`);
    await client.query(`INSERT INTO event_texts (key, description, search_text) SELECT ${sharedTextKey('x')}, description, search_text FROM stage_shared_texts x ON CONFLICT (key) DO NOTHING`);
    const { rows } = await client.query<{ event_id: string; seq: number }>(`
      WITH ins AS (
        -- The texts' numbers in one array, read by place: joined instead, the 50,000 wide rows were
        -- sorted for a merge join, then again by ord.
        INSERT INTO events (${STORED_COLUMNS}, raw_at, block)
        SELECT ${STAGED_AS_STORED}, CASE WHEN s.block IS NOT NULL THEN s.raw END, s.block
        FROM stage_events s,
          (SELECT array_agg(t.tid ORDER BY x.ord) AS tids FROM stage_texts x JOIN texts t ON t.key = ${textKey('x.text')}) t,
          (SELECT array_agg(p.xid ORDER BY x.ord) AS xids FROM stage_shared_texts x JOIN event_texts p ON p.key = ${sharedTextKey('x')}) p
        -- Stored ids left out here rather than by ON CONFLICT: under the commit lock no other writer
        -- inserts meanwhile, and a plain insert skips the speculative insertion's extra work per
        -- row (the unique index still guards). With it, and none on the references (their event
        -- numbers are new), this statement took 0.83–0.88× as long (300k demo events, two pairs).
        WHERE NOT EXISTS (SELECT 1 FROM events e WHERE e.event_id = s.event_id)
        ORDER BY s.ord
        RETURNING seq, event_id, block
      ), own AS (
        -- A record stored on its own (a synced event's), not in a block.
        INSERT INTO event_records (seq, raw) SELECT ins.seq, s.raw FROM ins JOIN stage_events s ON s.event_id = ins.event_id WHERE ins.block IS NULL
      ), blocks AS (
        -- Written only if one of its events is stored.
        INSERT INTO raw_blocks (block, data) SELECT block, data FROM stage_blocks WHERE block IN (SELECT block FROM ins)
      ), res AS (
        INSERT INTO event_resource_refs (event_seq, rid)
        SELECT ins.seq, x.rid FROM ins JOIN stage_resources r ON r.event_id = ins.event_id JOIN resources x ON x.arn = r.arn AND x.type = r.type AND x.id = r.id
      )
      SELECT event_id, seq FROM ins`);
    const stored = new Set(rows.map((r) => r.event_id));
    let firstSeq = Infinity;
    let lastSeq = 0;
    for (const { seq } of rows) (firstSeq = Math.min(firstSeq, seq)), (lastSeq = Math.max(lastSeq, seq));
    return { events: events.filter((e) => stored.has(e.summary.eventId)), firstSeq, lastSeq };
  }

  /** The ties the batch's ARNs will have once it is stored: those stored already, else the batch's own first. */
  private async aliasIdsFor(client: pg.PoolClient, events: StoredEvent[]): Promise<Map<string, string>> {
    const arns = [...new Set(events.flatMap((e) => e.summary.resources.map((r: ResourceRef) => r.arn).filter((a): a is string => !!a)))];
    const ids = new Map<string, string>();
    if (arns.length) {
      const { rows } = await client.query<{ arn: string; id: string }>('SELECT arn, id FROM resource_aliases WHERE arn = ANY($1::text[])', [arns]);
      for (const r of rows) ids.set(r.arn, r.id);
    }
    for (const e of events) for (const a of e.aliases) if (!ids.has(a.arn)) ids.set(a.arn, a.id);
    return ids;
  }

  /**
   * Records the ARN → id ties the batch teaches (the first one known for an ARN stays), names the
   * resources already stored under the ARN by the chosen id and tells their sentences again.
   */
  private async tieAliases(client: pg.PoolClient, events: StoredEvent[]): Promise<void> {
    const taught = new Map<string, { id: string; type: string }>();
    for (const e of events) for (const a of e.aliases) if (!taught.has(a.arn)) taught.set(a.arn, { id: a.id, type: a.type });
    if (!taught.size) return;
    const arns = [...taught.keys()].sort();
    const { rows: fresh } = await client.query<{ arn: string; id: string }>(
      `INSERT INTO resource_aliases (arn, id, type) SELECT * FROM unnest($1::text[], $2::text[], $3::text[])
       ON CONFLICT (arn) DO NOTHING RETURNING arn, id`,
      [arns, arns.map((a) => taught.get(a)!.id), arns.map((a) => taught.get(a)!.type)],
    );
    // A sync page mostly teaches ties it taught before: nothing new, nothing to rename.
    if (!fresh.length) return;
    // Which of the new ties name resources stored under another id, asked once: asked per tie, a
    // round trip each, it was 7.6 s of a 27.7 s import of 100k events of the bench's wide shape
    // (42,723 ties, every one of them of a resource not stored yet).
    const { rows: staleRows } = await client.query<{ arn: string; rid: string; type: string }>(
      'SELECT r.arn, r.rid, r.type FROM resources r JOIN unnest($1::text[], $2::text[]) AS t (arn, id) ON r.arn = t.arn AND r.id <> t.id',
      [fresh.map((f) => f.arn), fresh.map((f) => f.id)],
    );
    const stale = new Map<string, { rid: string; type: string }[]>();
    for (const r of staleRows) (stale.get(r.arn) ?? stale.set(r.arn, []).get(r.arn)!).push(r);
    const tx = pgSql(client);
    for (const { arn, id } of fresh) {
      const named = stale.get(arn);
      if (!named) continue;
      await renameByAlias(client, arn, id, named);
      const rows = await tx.all<EventRow & RecordColumns>(EVENTS_ON_ARN, [arn]);
      const summaries = await summariesOf(tx, rows);
      const read = rawReader();
      for (let i = 0; i < rows.length; i++) await client.query(RETELL, [retell(summaries[i], rows[i].raw, rows[i].raw_block, read), rows[i].seq]);
    }
  }

  /** Adds the events this transaction stored (every row after `after`) to the rollups and facets. */
  private async addRollups(client: pg.PoolClient, after: number, inserted: StoredEvent[]): Promise<void> {
    // In no particular order: writers hold the commit lock (commitPage) one at a time, so two never
    // upsert the same rows at once.
    const tx = pgSql(client);
    await tx.run(ROLLUPS.fill, [after]);
    for (const statement of ROLLUPS.rollups) await tx.run(statement);
    const facets = facetRows(inserted);
    await client.query('INSERT INTO facets (kind, value, detail) SELECT * FROM unnest($1::text[], $2::text[], $3::text[]) ON CONFLICT DO NOTHING', [
      facets.map((f) => f[0]),
      facets.map((f) => f[1]),
      facets.map((f) => f[2]),
    ]);
  }

  async listEvents(filter: EventFilter, page: { limit: number; after: CursorKey | null }) {
    return listEvents(await this.read(), filter, page);
  }
  async countEvents(filter: EventFilter) {
    return countEvents(await this.read(), filter);
  }
  async getEvent(eventId: string) {
    return getEvent(await this.read(), eventId);
  }
  async timeline(filter: EventFilter, bucketMs: number, window: { from: Date; to: Date }) {
    return timeline(await this.read(), filter, bucketMs, window);
  }
  async timeSpan(filter: EventFilter) {
    return timeSpan(await this.read(), filter);
  }
  async countAndSpan(filter: EventFilter) {
    return countAndSpan(await this.read(), filter);
  }
  async userActivity(filter: EventFilter) {
    return userActivity(await this.read(), filter);
  }
  async userDetail(principal: string, filter: EventFilter) {
    return userDetail(await this.read(), principal, filter);
  }
  async userErrorCodes(filter: EventFilter) {
    return userErrorCodes(await this.read(), filter);
  }
  async relatedEvents(eventId: string, resources: ResourceRef[]) {
    return relatedEvents(await this.read(), eventId, resources);
  }
  async previousState(subject: ResourceSubject, before: { eventTime: string; eventId: string }, calls: StateCalls) {
    return previousState(await this.read(), subject, before, calls);
  }
  async resourceHistory(resource: string, limit?: number, before?: CursorKey | null) {
    return resourceHistory(await this.read(), resource, limit, before);
  }
  async listEventsOldestFirst(filter: EventFilter, page: { limit: number; after: CursorKey | null }) {
    return listEventsOldestFirst(await this.read(), filter, page);
  }
  async *streamEvents(filter: EventFilter) {
    yield* streamEvents(await this.read(), filter);
  }
  async filterOptions() {
    return filterOptions(await this.read());
  }

  async getSyncStates(): Promise<SyncState[]> {
    const rows = await (await this.read()).column<string>('SELECT state FROM sync_state ORDER BY account, region, event_source');
    return rows.map((s) => JSON.parse(s) as SyncState);
  }
  async getSyncState(account: string, region: string, eventSource: string): Promise<SyncState | null> {
    const row = await (await this.read()).value<string>('SELECT state FROM sync_state WHERE account = ? AND region = ? AND event_source = ?', [account, region, eventSource]);
    return row ? (JSON.parse(row) as SyncState) : null;
  }
  async saveSyncState(state: SyncState): Promise<void> {
    await this.ready;
    await saveState(this.pool, state);
  }

  /**
   * Takes or renews the lease when it is free, expired, ours, or held by a process that is gone:
   * on this host by its pid, on any host by its presence session having ended (a replica killed
   * elsewhere frees its account-regions at once, not when the lease runs out).
   */
  async acquireLock(name: string, owner: string, ttlMs: number): Promise<boolean> {
    const presence = await this.presence.pid();
    return this.transaction(async (client) => {
      await client.query('INSERT INTO locks (name, owner, expires_at) VALUES ($1, $2, 0) ON CONFLICT (name) DO NOTHING', [name, owner]);
      const { rows } = await client.query<{ owner: string; expires_at: number; present: boolean }>(
        `SELECT owner, expires_at, (holder_pid IS NULL OR EXISTS (SELECT 1 FROM pg_stat_activity a WHERE a.pid = holder_pid)) AS present
         FROM locks WHERE name = $1 FOR UPDATE`,
        [name],
      );
      const now = Date.now();
      const held = rows[0];
      if (held && held.owner !== owner && held.expires_at > now && held.present && ownerAlive(held.owner)) return false;
      await client.query('UPDATE locks SET owner = $2, expires_at = $3, holder_pid = $4 WHERE name = $1', [name, owner, now + ttlMs, presence]);
      return true;
    });
  }
  async releaseLock(name: string, owner: string): Promise<void> {
    await (await this.read()).all('DELETE FROM locks WHERE name = ? AND owner = ?', [name, owner]);
  }
  async lockHolder(name: string): Promise<string | null> {
    const row = await (await this.read()).get<{ owner: string; expires_at: number; present: boolean }>(
      `SELECT owner, expires_at, (holder_pid IS NULL OR EXISTS (SELECT 1 FROM pg_stat_activity a WHERE a.pid = holder_pid)) AS present FROM locks WHERE name = ?`,
      [name],
    );
    return row && row.expires_at > Date.now() && row.present && ownerAlive(row.owner) ? row.owner : null;
  }

  async listWatches() {
    return watches.listWatches(await this.read());
  }
  async getWatch(id: string) {
    return watches.getWatch(await this.read(), id);
  }
  async createWatch(watch: Watch) {
    return watches.createWatch(await this.read(), watch);
  }
  async addWatchDestination(watchId: string, destination: WatchDestination) {
    return watches.addWatchDestination(await this.read(), watchId, destination);
  }
  async deleteWatch(id: string) {
    return watches.deleteWatch(await this.read(), id);
  }
  async queueDeliveries(watchId: string, fromSeq: number, afterSeq: number, deliveries: NewDelivery[], now: number) {
    return watches.queueDeliveries(await this.read(), watchId, fromSeq, afterSeq, deliveries, now);
  }
  async dueDeliveries(now: number, limit: number) {
    return watches.dueDeliveries(await this.read(), now, limit);
  }
  async recordAttempt(id: string, attempt: DeliveryAttempt, now: number) {
    return watches.recordAttempt(await this.read(), id, attempt, now);
  }
  async recentDeliveries(watchId: string, limit: number) {
    return watches.recentDeliveries(await this.read(), watchId, limit);
  }

  async eventsAfter(after: number, filter: EventFilter, limit: number) {
    return eventsAfter(await this.read(), after, filter, limit);
  }
  async lastStoredSeq(): Promise<number> {
    return (await (await this.read()).value<number>('SELECT coalesce(max(seq), 0) FROM events')) ?? 0;
  }
  onNewEvents(listener: (note: NewEventsNote) => void): () => void {
    return this.listener.subscribe(listener);
  }
  /** `ttlMs` is SQLite's lease; here the role lives exactly as long as the holder's session. */
  async campaign(role: string, owner: string, _ttlMs?: number): Promise<boolean> {
    await this.ready;
    // What the role does (syncing, sending watches) writes; a replica of the newer version takes it.
    // An unreachable server is the leadership session's to notice, as before.
    const newer = await this.newerSchema(this.pool).catch(() => null);
    if (newer) {
      await this.resign(role, owner);
      throw newer;
    }
    let held = this.leadership.get(role);
    if (!held) this.leadership.set(role, (held = new PgLeadership(this.clientConfig, `packtrail-leader:${this.schema}:${role}`)));
    return held.campaign(role, owner);
  }
  async leaderOf(role: string): Promise<string | null> {
    // The row names the last holder; the advisory lock says whether its session still lives.
    const row = await (await this.read()).get<{ owner: string }>(
      `SELECT l.owner FROM leaders l WHERE l.role = ?
         AND EXISTS (SELECT 1 FROM pg_locks k WHERE k.locktype = 'advisory' AND k.pid = l.backend_pid AND k.granted)`,
      [role],
    );
    return row?.owner ?? null;
  }
  async resign(role: string, owner: string): Promise<void> {
    const held = this.leadership.get(role);
    this.leadership.delete(role);
    await held?.resign();
    await (await this.read()).all('DELETE FROM leaders WHERE role = ? AND owner = ?', [role, owner]);
  }

  /**
   * COPY already streams an import; afterwards the planner needs statistics of what arrived, and
   * the index-only scans a visibility map. Autovacuum gets there in its own time, or never where it
   * is off (as on this project's test machines):
   * - without statistics a 1M-event store planned a principal's newest event (/users) as a bitmap
   *   AND over the account's index, 1.1 s, instead of 0.3 ms;
   * - without the map the last 24 hours' buckets read every row behind the covering time index
   *   (wide shape, 1M events: 11 → 6.6 ms), and the rollups' upserts left their dead rows (580k
   *   beside rollup_principal_ip's 266k live ones).
   * VACUUM (ANALYZE) took 5.1 s after the 1M-event demo import, where ANALYZE alone took 3.1.
   */
  async bulkLoad<T>(work: () => Promise<T>): Promise<T> {
    await this.ready;
    const deferral = await deferIndexes(this.clientConfig, this.schema);
    let loaded = false;
    this.loading = { stored: 0, next: ANALYSE_FIRST_AT };
    try {
      const result = await work();
      loaded = true;
      return result;
    } finally {
      this.loading = null;
      // Vacuumed before the deferred indexes are built: the table alone is quicker to go over.
      await this.pool.query(`VACUUM (ANALYZE) ${BULK_LOADED_TABLES}`).catch(() => {});
      // A build that fails leaves its index listed for the next open; it is the import's error
      // only when the load itself went well.
      await deferral?.finish().catch((err) => {
        if (loaded) throw explainPgError(err, this.url);
        console.warn(`Packtrail: indexes left for the next start: ${explainPgError(err, this.url).message}`);
      });
    }
  }

  async close(): Promise<void> {
    await this.ready.catch(() => {});
    await this.listener.close();
    await this.presence.close();
    for (const held of this.leadership.values()) await held.resign();
    await this.pool.end();
  }
}

/**
 * Names the resources stored under a v1 ARN by another id (`stale`) by the id its user chose; where
 * that name is taken already, the two are one resource and the references move to it (as
 * SqliteStore does).
 */
async function renameByAlias(client: pg.PoolClient, arn: string, id: string, stale: { rid: string; type: string }[]): Promise<void> {
  for (const { rid, type } of stale) {
    const { rows: named } = await client.query<{ rid: string }>('SELECT rid FROM resources WHERE arn = $1 AND type = $2 AND id = $3', [arn, type, id]);
    if (!named.length) {
      await client.query('UPDATE resources SET id = $1 WHERE rid = $2', [id, rid]);
      continue;
    }
    await client.query(
      `WITH moved AS (DELETE FROM event_resource_refs WHERE rid = $2 RETURNING event_seq)
       INSERT INTO event_resource_refs (event_seq, rid) SELECT event_seq, $1 FROM moved ON CONFLICT DO NOTHING`,
      [named[0].rid, rid],
    );
    await client.query('DELETE FROM resources WHERE rid = $1', [rid]);
  }
}

async function saveState(db: pg.Pool | pg.PoolClient, state: SyncState): Promise<void> {
  await db.query(
    `INSERT INTO sync_state (account, region, event_source, state) VALUES ($1, $2, $3, $4)
     ON CONFLICT (account, region, event_source) DO UPDATE SET state = excluded.state`,
    [state.account, state.region, state.eventSource, JSON.stringify(state)],
  );
}

async function copyInto(client: pg.PoolClient, target: string, chunks: Buffer[]): Promise<void> {
  const stream = client.query(copyFrom(`COPY ${target} FROM STDIN (FORMAT binary)`));
  await pipeline(Readable.from(chunks), stream);
}
