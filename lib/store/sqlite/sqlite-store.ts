import fs from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import Database from 'better-sqlite3';
import type { EventFilter } from '@/lib/filters/schema';
import type { ResourceRef, StoredEvent } from '@/lib/events/types';
import type { CursorKey } from '../cursor';
import { NewEventsWatch } from '../new-events-watch';
import type { DeliveryAttempt, NewDelivery, Watch, WatchDestination } from '../types';
import type { EventPage, NewEventsNote, ResourceSubject, StateCalls, Store, StoredEventDetail, SyncState } from '../types';
import type { ResourceRef as Ref } from '@/lib/events/types';
import { countAndSpan, timeline, timeSpan } from '../queries/aggregates';
import { userActivity } from '../queries/user-activity';
import { EVENTS_ON_ARN, RESOURCE_COLUMNS, RESOURCE_REFS, toSummary, type EventRow, type RecordColumns } from '../queries/rows';
import { oncePerTypeAndId, retell, withAliasIds } from '../alias-ids';
import { MIGRATIONS } from './schema';
import { streamEvents } from '../queries/export';
import { filterOptions } from '../queries/filter-options';
import { listEventsOldestFirst } from '../queries/list-oldest-first';
import { countEvents, getEvent, listEvents } from '../queries/list-events';
import { eventsAfter } from '../queries/events-after';
import * as watches from '../queries/watches';
import { relatedEvents } from '../queries/related';
import { previousState, resourceHistory } from '../queries/resource-history';
import type { Sql } from '../queries/sql';
import { Facets } from '../queries/rollup-writes';
import { RollupWriter } from './rollups';
import { cachedReads, sqliteVersion } from '../read-cache';
import { sqliteSql } from './sqlite-sql';
import { cacheStatements } from './statement-cache';
import { SyncStateTable, openLeases } from './sync-state';
import { userDetail, userErrorCodes } from '../queries/user-detail';
import { encodeRaw, rawReader, type RawRead } from '../raw-codec';
import { SchemaTooNewError, tooNewToOpen, tooNewToWrite } from '../schema-version';
import { newLockOwner } from '../lock-owner';
import { buildLeftoverIndexes, deferIndexes } from './deferred-indexes';

const schemaVersion = (db: Database.Database) => db.pragma('user_version', { simple: true }) as number;

function migrate(db: Database.Database): void {
  const version = () => schemaVersion(db);
  if (version() > MIGRATIONS.length) throw tooNewToOpen(`SQLite store ${db.name}`, version(), MIGRATIONS.length);
  let vacuum = false;
  for (let i = version(); i < MIGRATIONS.length; i++) {
    // IMMEDIATE takes the write lock before reading the version again: two processes or threads
    // opening a new file at once (the server's two store threads, a CLI beside the server) apply
    // each migration once.
    db.transaction(() => {
      if (version() > i) return;
      const step = MIGRATIONS[i];
      if (typeof step === 'string') db.exec(step);
      else if (step(db) === 'vacuum') vacuum = true;
      db.pragma(`user_version = ${i + 1}`);
    }).immediate();
  }
  if (vacuum) {
    // Outside any transaction, as VACUUM must be. Should another connection hold it off, the store
    // still works: the free pages are reused by the events stored next.
    try {
      db.exec('VACUUM');
      // In WAL mode the file shrinks when the vacuumed pages are checkpointed back; TRUNCATE then
      // empties the WAL, which held the whole store for a moment.
      db.pragma('wal_checkpoint(TRUNCATE)');
    } catch (err) {
      console.warn(`Packtrail: the store was not vacuumed (${(err as Error).message}); its free pages will be reused`);
    }
  }
}

export function openSqliteDatabase(file: string): Database.Database {
  // Relative paths are relative to the working directory, as DATABASE_URL=file:./data/… reads.
  fs.mkdirSync(path.dirname(/* turbopackIgnore: true */ file), { recursive: true });
  const db = new Database(file);
  // A new file only (an existing store keeps its page size). 16 kB pages against SQLite's 4 kB: a
  // 1M-event store is 3.3 GB instead of 3.7 (an event's raw record filled most of a 4 kB page, and
  // the rest went unused), and `npm run import` of it 48 s instead of 52.
  db.pragma('page_size = 16384');
  db.pragma('journal_mode = WAL');
  // NORMAL is durable across process crashes in WAL mode; only an OS crash can lose the last commit.
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  db.pragma('foreign_keys = ON');
  try {
    migrate(db);
  } catch (err) {
    db.close();
    throw err;
  }
  cacheStatements(db);
  return db;
}

/**
 * What one commitPage has learnt, kept for its transaction only: it holds the write lock, so no
 * other process changes these meanwhile. `blocks`: the number each block of records got, once one
 * of its events is stored; `rids`: resources' numbers by type, id and ARN; `aliases`: ARNs' ties
 * (null: none). An import page of the demo shape, 50,000 events, names a few hundred resources.
 */
interface CommitMemo {
  blocks: Map<Uint8Array, number>;
  rids: Map<string, number>;
  aliases: Map<string, string | null>;
  /** The commit's records read back (to tell a sentence again), each block inflated once for its events in a row. */
  read: RawRead;
}

export class SqliteStore implements Store {
  readonly db: Database.Database;
  /** The connection as the shared queries (lib/store/queries) see it. */
  readonly sql: Sql;
  private readonly sync: SyncStateTable;
  private readonly leases: Database.Database;
  private readonly insertEvent: Database.Statement;
  private readonly insertRaw: Database.Statement;
  private readonly insertBlock: Database.Statement;
  private readonly findResource: Database.Statement;
  private readonly addResource: Database.Statement;
  private readonly insertRef: Database.Statement;
  private readonly findText: Database.Statement;
  private readonly addText: Database.Statement;
  /** Texts' numbers seen in this process; emptied when a transaction fails, whose new numbers are gone. */
  private readonly tids = new Map<string, number>();
  private readonly insertAlias: Database.Statement;
  private readonly toRename: Database.Statement;
  private readonly renameResource: Database.Statement;
  private readonly moveRefs: Database.Statement;
  private readonly dropRefs: Database.Statement;
  private readonly dropResource: Database.Statement;
  private readonly aliasOf: Database.Statement;
  private readonly eventsOnArn: Database.Statement;
  private readonly setDescription: Database.Statement;
  private readonly resourcesOf: Database.Statement;
  private readonly rollups: RollupWriter;

  /**
   * For the server's reading thread: `cacheReads`, answers kept until a commit (../read-cache.ts);
   * `cacheMb`, the connection's page cache (SQLite's default is 2 MB).
   */
  constructor(file: string, options: { cacheReads?: boolean; cacheMb?: number } = {}) {
    this.db = openSqliteDatabase(file);
    if (options.cacheMb) this.db.pragma(`cache_size = -${options.cacheMb * 1024}`);
    this.sql = options.cacheReads ? cachedReads(sqliteSql(this.db), sqliteVersion(this.db)) : sqliteSql(this.db);
    this.leases = openLeases(file);
    this.sync = new SyncStateTable(this.db, this.leases);
    this.rollups = new RollupWriter(this.db);
    this.insertEvent = this.db.prepare(`INSERT INTO events (event_id, event_time, event_source, event_name, region, account_id,
      read_only, error_code, error_message, source_ip, ip_key, user_agent_tid, principal, principal_type, principal_arn_tid,
      access_key_id, flags, search_text, description, request_id, session_created) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (event_id) DO NOTHING`);
    // The record compressed (raw-codec), a blob; records stored as text before stay text. An imported
    // record's block is numbered by the first of its events stored, and written with it.
    this.insertRaw = this.db.prepare('INSERT INTO event_raw (seq, raw, block) VALUES (?, ?, ?)');
    this.insertBlock = this.db.prepare('INSERT INTO raw_blocks (block, data) VALUES (?, ?)');
    // Resources are stored once (resource-dictionary-migration.ts); '' stands for no ARN.
    this.findResource = this.db.prepare('SELECT rid FROM resources WHERE arn = ? AND type = ? AND id = ?').pluck();
    this.addResource = this.db.prepare('INSERT INTO resources (type, id, arn) VALUES (?, ?, ?)');
    this.insertRef = this.db.prepare('INSERT OR IGNORE INTO event_resource_refs (event_seq, rid) VALUES (?, ?)');
    // User agents and principals' ARNs are stored once too (text-dictionary-migration.ts).
    this.findText = this.db.prepare('SELECT tid FROM texts WHERE text = ?').pluck();
    this.addText = this.db.prepare('INSERT INTO texts (text) VALUES (?)');
    this.insertAlias = this.db.prepare('INSERT INTO resource_aliases (arn, id, type) VALUES (?, ?, ?) ON CONFLICT (arn) DO NOTHING');
    this.toRename = this.db.prepare('SELECT rid, type FROM resources WHERE arn = ? AND id <> ?');
    this.renameResource = this.db.prepare('UPDATE resources SET id = ? WHERE rid = ?');
    this.moveRefs = this.db.prepare('UPDATE OR IGNORE event_resource_refs SET rid = ? WHERE rid = ?');
    this.dropRefs = this.db.prepare('DELETE FROM event_resource_refs WHERE rid = ?');
    this.dropResource = this.db.prepare('DELETE FROM resources WHERE rid = ?');
    this.aliasOf = this.db.prepare('SELECT id FROM resource_aliases WHERE arn = ?').pluck();
    this.eventsOnArn = this.db.prepare(EVENTS_ON_ARN);
    this.resourcesOf = this.db.prepare(`SELECT ${RESOURCE_COLUMNS} FROM ${RESOURCE_REFS} WHERE f.event_seq = ? ORDER BY r.type, r.id`);
    this.setDescription = this.db.prepare('UPDATE events SET description = ? WHERE seq = ?');
    // The server's reading thread leaves that to its writing one.
    if (!options.cacheReads) buildLeftoverIndexes(this.db, this.sync, newLockOwner());
  }

  private insertOne(e: StoredEvent, known: CommitMemo): boolean {
    const s = e.summary;
    for (const alias of e.aliases) {
      // A tie once known stays: inserting it again would do nothing.
      if (typeof this.aliasIdOf(alias.arn, known) === 'string') continue;
      this.insertAlias.run(alias.arn, alias.id, alias.type);
      known.aliases.set(alias.arn, alias.id);
      if (this.renameByAlias(alias.arn, alias.id)) known.rids.clear(), this.retell(alias.arn);
    }
    const { resources, description } = withAliasIds(e, (arn) => this.aliasIdOf(arn, known) ?? undefined, known.read);
    const result = this.insertEvent.run(
      s.eventId, Date.parse(s.eventTime), s.eventSource, s.eventName, s.region, s.accountId, s.readOnly ? 1 : 0,
      s.errorCode, s.errorMessage, s.sourceIp, e.ipKey, this.tidOf(s.userAgent), s.principal, s.principalType, s.principalArn === null ? null : this.tidOf(s.principalArn),
      s.accessKeyId, e.flags.length ? e.flags.join(',') : null, e.searchText, description, e.requestId, e.sessionCreated,
    );
    if (result.changes === 0) return false;
    const seq = Number(result.lastInsertRowid);
    let block: number | null = null;
    if (e.rawBlock) {
      block = known.blocks.get(e.rawBlock) ?? null;
      if (block === null) this.insertBlock.run(seq, e.rawBlock), known.blocks.set(e.rawBlock, (block = seq));
    }
    this.insertRaw.run(seq, e.packed ? e.raw : encodeRaw(e.raw), block);
    for (const r of oncePerTypeAndId(resources)) this.insertRef.run(seq, this.ridOf(r, known));
    return true;
  }

  private tidOf(text: string): number {
    let tid = this.tids.get(text);
    if (tid === undefined) {
      tid = (this.findText.get(text) as number | undefined) ?? Number(this.addText.run(text).lastInsertRowid);
      if (this.tids.size >= 10_000) this.tids.clear();
      this.tids.set(text, tid);
    }
    return tid;
  }

  /** The id an ARN is tied to, or null for none. */
  private aliasIdOf(arn: string, known: CommitMemo): string | null {
    let id = known.aliases.get(arn);
    if (id === undefined) known.aliases.set(arn, (id = (this.aliasOf.get(arn) as string | undefined) ?? null));
    return id;
  }

  private ridOf(r: Ref, known: CommitMemo): number {
    const arn = r.arn ?? '';
    const key = `${r.type}\0${r.id}\0${arn}`;
    let rid = known.rids.get(key);
    if (rid === undefined) {
      rid = (this.findResource.get(arn, r.type, r.id) as number | undefined) ?? Number(this.addResource.run(r.type, r.id, arn).lastInsertRowid);
      known.rids.set(key, rid);
    }
    return rid;
  }

  /**
   * Names the resources stored under a v1 ARN by the id its user chose. Where that name is taken
   * already (an event stored after the tie), the two are one resource: references move to it.
   */
  private renameByAlias(arn: string, id: string): boolean {
    const stale = this.toRename.all(arn, id) as { rid: number; type: string }[];
    for (const { rid, type } of stale) {
      const named = this.findResource.get(arn, type, id) as number | undefined;
      if (named === undefined) {
        this.renameResource.run(id, rid);
        continue;
      }
      this.moveRefs.run(named, rid);
      this.dropRefs.run(rid);
      this.dropResource.run(rid);
    }
    return stale.length > 0;
  }

  /**
   * Tells again the stored sentences of events on a v1 resource whose ARN has just been tied to the
   * id its user chose: stored before, they named it by the ARN's internal id (a tag call, say).
   */
  private retell(arn: string): void {
    const rows = this.eventsOnArn.all(arn) as (EventRow & RecordColumns)[];
    // Synchronously, inside the insert's transaction: the shared queries are asynchronous.
    const read = rawReader();
    for (const row of rows) {
      const summary = toSummary(row, this.resourcesOf.all(row.seq) as Ref[]);
      this.setDescription.run(retell(summary, row.raw, row.raw_block, read), row.seq);
    }
  }

  /**
   * Why this process must not write, once a newer Packtrail has migrated the file under it. A
   * migration holds the write lock, as a commit does: a commit ends before one or sees its version.
   */
  private newerSchema(): SchemaTooNewError | null {
    const version = schemaVersion(this.db);
    return version > MIGRATIONS.length ? tooNewToWrite(`SQLite store ${this.db.name}`, version, MIGRATIONS.length) : null;
  }

  async commitPage(events: Iterable<StoredEvent>, state?: SyncState): Promise<{ inserted: number }> {
    const commit = this.db.transaction(() => {
      const newer = this.newerSchema();
      if (newer) throw newer;
      let inserted = 0;
      // The facets, not the events: an import's events are made as they are read (import-records.ts).
      const facets = new Facets();
      const known: CommitMemo = { blocks: new Map(), rids: new Map(), aliases: new Map(), read: rawReader() };
      const after = this.rollups.mark();
      for (const e of events) {
        if (this.insertOne(e, known)) inserted++, facets.add(e.summary);
      }
      if (inserted) this.rollups.add(after, facets);
      if (state) this.sync.save(state);
      return { inserted };
    });
    try {
      // Immediate: the write lock first (waiting out busy_timeout), as a read first would make the
      // write that follows it fail at once with SQLITE_BUSY when another process holds the lock.
      return commit.immediate();
    } catch (err) {
      this.tids.clear();
      throw err;
    }
  }

  async listEvents(filter: EventFilter, page: { limit: number; after: CursorKey | null }): Promise<EventPage> {
    return listEvents(this.sql, filter, page);
  }
  async countEvents(filter: EventFilter): Promise<number> {
    return countEvents(this.sql, filter);
  }
  async getEvent(eventId: string): Promise<StoredEventDetail | null> {
    return getEvent(this.sql, eventId);
  }

  async timeline(filter: EventFilter, bucketMs: number, window: { from: Date; to: Date }) {
    return timeline(this.sql, filter, bucketMs, window);
  }
  async timeSpan(filter: EventFilter) {
    return timeSpan(this.sql, filter);
  }
  async countAndSpan(filter: EventFilter) {
    return countAndSpan(this.sql, filter);
  }
  async userActivity(filter: EventFilter) {
    return userActivity(this.sql, filter);
  }
  async userDetail(principal: string, filter: EventFilter) {
    return userDetail(this.sql, principal, filter);
  }
  async userErrorCodes(filter: EventFilter) {
    return userErrorCodes(this.sql, filter);
  }

  async listEventsOldestFirst(filter: EventFilter, page: { limit: number; after: CursorKey | null }) {
    return listEventsOldestFirst(this.sql, filter, page);
  }
  streamEvents(filter: EventFilter) {
    return streamEvents(this.sql, filter);
  }
  async filterOptions() {
    return filterOptions(this.sql);
  }

  async relatedEvents(eventId: string, resources: ResourceRef[]) {
    return relatedEvents(this.sql, eventId, resources);
  }
  async previousState(subject: ResourceSubject, before: { eventTime: string; eventId: string }, calls: StateCalls) {
    return previousState(this.sql, subject, before, calls);
  }
  async resourceHistory(resource: string, limit?: number, before?: CursorKey | null) {
    return resourceHistory(this.sql, resource, limit, before);
  }

  async getSyncStates() {
    return this.sync.all();
  }
  async getSyncState(account: string, region: string, eventSource: string) {
    return this.sync.get(account, region, eventSource);
  }
  async saveSyncState(state: SyncState) {
    this.sync.save(state);
  }
  async acquireLock(name: string, owner: string, ttlMs: number) {
    return this.sync.acquireLock(name, owner, ttlMs);
  }
  async releaseLock(name: string, owner: string) {
    this.sync.releaseLock(name, owner);
  }
  async lockHolder(name: string) {
    return this.sync.lockHolder(name);
  }
  async listWatches() {
    return watches.listWatches(this.sql);
  }
  async getWatch(id: string) {
    return watches.getWatch(this.sql, id);
  }
  async createWatch(watch: Watch) {
    return watches.createWatch(this.sql, watch);
  }
  async addWatchDestination(watchId: string, destination: WatchDestination) {
    return watches.addWatchDestination(this.sql, watchId, destination);
  }
  async deleteWatch(id: string) {
    return watches.deleteWatch(this.sql, id);
  }
  async queueDeliveries(watchId: string, fromSeq: number, afterSeq: number, deliveries: NewDelivery[], now: number) {
    return watches.queueDeliveries(this.sql, watchId, fromSeq, afterSeq, deliveries, now);
  }
  async dueDeliveries(now: number, limit: number) {
    return watches.dueDeliveries(this.sql, now, limit);
  }
  async recordAttempt(id: string, attempt: DeliveryAttempt, now: number) {
    return watches.recordAttempt(this.sql, id, attempt, now);
  }
  async recentDeliveries(watchId: string, limit: number) {
    return watches.recentDeliveries(this.sql, watchId, limit);
  }

  async eventsAfter(after: number, filter: EventFilter, limit: number) {
    return eventsAfter(this.sql, after, filter, limit);
  }
  async lastStoredSeq(): Promise<number> {
    return (this.db.prepare('SELECT coalesce(max(seq), 0) FROM events').pluck().get() as number) ?? 0;
  }
  private watch: NewEventsWatch | null = null;
  onNewEvents(listener: (note: NewEventsNote) => void): () => void {
    this.watch ??= new NewEventsWatch(() => this.lastStoredSeq());
    return this.watch.subscribe(listener);
  }
  async campaign(role: string, owner: string, ttlMs: number): Promise<boolean> {
    const newer = this.newerSchema();
    if (newer) {
      // What the role does (syncing, sending watches) writes; a replica of the newer version takes it.
      this.sync.releaseLock(`leader:${role}`, owner);
      throw newer;
    }
    return this.sync.holdLease(`leader:${role}`, owner, ttlMs);
  }
  async leaderOf(role: string): Promise<string | null> {
    return this.sync.lockHolder(`leader:${role}`);
  }
  async resign(role: string, owner: string): Promise<void> {
    this.sync.releaseLock(`leader:${role}`, owner);
  }

  async bulkLoad<T>(work: () => Promise<T>): Promise<T> {
    // The connection's own checkpoints (every 1,000 pages) would stop the import each time; a
    // worker thread with its own connection does them instead, alongside the inserts.
    this.db.pragma('wal_autocheckpoint = 0');
    this.db.pragma('cache_size = -262144');
    // Pages beyond the cache are read in place instead of through a pread and a copy each (SQLite
    // caps the size at its build's limit, 2 GB here). A 1M-event import: 40.6 / 39.6 → 37.7 / 37.6 s,
    // system time 21.7 / 20.3 → 16.8 / 16.3 s, peak RSS unchanged at 1.0 GB. The server's threads
    // keep reading through pread: mapped pages would count towards its RSS.
    this.db.pragma(`mmap_size = ${2 ** 31}`);
    const deferral = deferIndexes(this.db, this.sync, newLockOwner());
    const checkpointer = new Worker(path.join(__dirname, 'checkpointer.cjs'), { workerData: { file: this.db.name, intervalMs: 250 } });
    const stopped = new Promise((resolve) => checkpointer.once('exit', resolve));
    let loaded = false;
    try {
      const result = await work();
      loaded = true;
      return result;
    } finally {
      try {
        // A build that fails leaves its index listed for the next open; it is the import's error
        // only when the load itself went well.
        deferral?.finish();
      } catch (err) {
        if (loaded) throw err;
        console.warn(`Packtrail: indexes left for the next start: ${(err as Error).message}`);
      } finally {
        checkpointer.postMessage('stop');
        await stopped;
        this.db.pragma('wal_checkpoint(TRUNCATE)');
        this.db.pragma('wal_autocheckpoint = 1000');
        this.db.pragma('cache_size = -2000');
        this.db.pragma('mmap_size = 0');
      }
    }
  }

  async close() {
    this.watch?.stop();
    if (this.db.open) this.db.close();
    if (this.leases.open) this.leases.close();
  }
}
