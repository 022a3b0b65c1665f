import type { EventSummary } from '@/lib/events/types';
import type { EventFilter } from '@/lib/filters/schema';
import { NewEventsWatch } from '../new-events-watch';
import { StoreThread, type StoreMethod } from '../store-thread';
import type { NewEventsNote, Store } from '../types';
import { EXPORT_CHUNK, eventsInChunks } from '../queries/export';
import { MainThreadReads } from './main-thread-reads';

// The SQLite store for the web server: connections live on worker threads and every call is a
// message. Queries run beside the server's rendering on the machine's other core, and no SQLite
// call can stall the event loop. Reads and writes have a thread each: a write waiting out another
// process's lock (a CLI import or sync, up to busy_timeout) then holds up only other writes, while
// WAL lets the reader go on answering pages. Measured: scripts/bench.ts, scripts/stress/load.ts.

/**
 * The reading thread's page cache. SQLite's default is 2 MB, 128 of the store's 16 kB pages: the
 * few thousand index probes of /users (its sources' counts) each went back to the file, which this
 * machine's kernel keeps only partly cached (2.5 GB store, 1.7 GB cached). /users for 7 and 30
 * days at 1M wide events, store level, three alternated runs: 47–56 → 37–40 ms and 60–68 → 49–52
 * ms. The cache is the thread's own memory and counts towards the server's RSS (target 512 MB).
 */
const READER_CACHE_MB = 64;

export class ThreadedSqliteStore implements Store {
  private readonly writer: StoreThread;
  private reader: StoreThread | null = null;
  private readonly readerStarted: Promise<StoreThread>;
  /** Resolves when the database is open; rejects with the reason it could not be (a bad path, a failed migration). */
  readonly ready: Promise<void>;

  constructor(file: string) {
    this.mainThread = new MainThreadReads(file);
    this.writer = new StoreThread(file);
    // The reader opens once the writer has migrated the file, so a new file is not migrated twice at once.
    this.readerStarted = this.writer.ready.then(
      () => (this.reader = new StoreThread(file, { cacheMb: READER_CACHE_MB, cacheReads: true })),
      (err: Error) => {
        throw new Error(`the store's thread stopped: ${err.message}`);
      },
    );
    this.readerStarted.catch(() => {});
    this.ready = this.readerStarted.then((reader) => reader.ready);
    this.ready.catch(() => {});
  }

  private read<K extends keyof Store>(method: K): StoreMethod<K> {
    return ((...args: unknown[]) => (this.reader ? this.reader.call(method, args) : this.readerStarted.then((r) => r.call(method, args)))) as StoreMethod<K>;
  }

  private write<K extends keyof Store>(method: K): StoreMethod<K> {
    return ((...args: unknown[]) => this.writer.call(method, args)) as StoreMethod<K>;
  }

  // Posted to the writer's thread: a generator cannot cross, its events can.
  commitPage: Store['commitPage'] = async (events, state) => this.writer.call('commitPage', [Array.isArray(events) ? events : [...events], state]) as ReturnType<Store['commitPage']>;
  saveSyncState = this.write('saveSyncState');
  acquireLock = this.write('acquireLock');
  releaseLock = this.write('releaseLock');
  campaign = this.write('campaign');
  createWatch = this.write('createWatch');
  addWatchDestination = this.write('addWatchDestination');
  deleteWatch = this.write('deleteWatch');
  queueDeliveries = this.write('queueDeliveries');
  recordAttempt = this.write('recordAttempt');
  resign = this.write('resign');

  listEvents = this.read('listEvents');
  countEvents = this.read('countEvents');
  private readonly mainThread: MainThreadReads;
  private readonly threadGetEvent = this.read('getEvent');
  /** On this thread (main-thread-reads.ts); on the store's thread while it starts, or when this connection must not wait. */
  getEvent: Store['getEvent'] = async (eventId) => {
    if (!this.reader) return this.threadGetEvent(eventId);
    const found = await this.mainThread.getEvent(eventId);
    return found === undefined ? this.threadGetEvent(eventId) : found;
  };
  timeline = this.read('timeline');
  timeSpan = this.read('timeSpan');
  countAndSpan = this.read('countAndSpan');
  userActivity = this.read('userActivity');
  userDetail = this.read('userDetail');
  userErrorCodes = this.read('userErrorCodes');
  relatedEvents = this.read('relatedEvents');
  previousState = this.read('previousState');
  resourceHistory = this.read('resourceHistory');
  listEventsOldestFirst = this.read('listEventsOldestFirst');
  filterOptions = this.read('filterOptions');
  getSyncStates = this.read('getSyncStates');
  getSyncState = this.read('getSyncState');
  lockHolder = this.read('lockHolder');
  leaderOf = this.read('leaderOf');
  lastStoredSeq = this.read('lastStoredSeq');
  listWatches = this.read('listWatches');
  getWatch = this.read('getWatch');
  dueDeliveries = this.read('dueDeliveries');
  recentDeliveries = this.read('recentDeliveries');
  eventsAfter = this.read('eventsAfter');

  /** Watched on the reader's connection, which sees the writer thread's commits as any other connection's. */
  private readonly watch = new NewEventsWatch(() => this.lastStoredSeq());
  onNewEvents(listener: (note: NewEventsNote) => void): () => void {
    return this.watch.subscribe(listener);
  }

  async *streamEvents(filter: EventFilter) {
    // Chunk by chunk, as the SQLite store streams: the thread never holds a statement open across messages.
    const reader = this.reader ?? (await this.readerStarted);
    yield* eventsInChunks((after) => reader.call<EventSummary[]>('readChunk', [filter, after, EXPORT_CHUNK]), EXPORT_CHUNK);
  }

  /** Bulk loads are the CLI's, on a SqliteStore of its own; here the work just runs. */
  async bulkLoad<T>(work: () => Promise<T>): Promise<T> {
    return work();
  }

  async close(): Promise<void> {
    this.watch.stop();
    await this.writer.close();
    await this.reader?.close();
    this.mainThread.close();
    // A reader still starting is closed as soon as it exists.
    void this.readerStarted.then((r) => r.close(), () => {});
  }
}
