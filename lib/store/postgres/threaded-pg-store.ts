import type { Store } from '../types';
import { StoreThread, type StoreMethod } from '../store-thread';
import type { PgOptions } from './connection';
import { PostgresStore } from './pg-store';

/**
 * The PostgreSQL store for the web server: the queries the pages ask (lists, counts, timelines,
 * /users) on a worker thread with a pool of its own, everything else (writes, the sync's role, the
 * new-events listener, event by id) here. PostgreSQL runs a query in its own process, but node-postgres
 * reads the protocol and parses every row on the thread that asked, and the shared queries add up
 * their rows there: on the server's event loop, beside the rendering, that was 6 ms of an events
 * page's CPU (1M demo events, range=7d: the timeline's 1,469 rows alone 2.6 ms). The thread keeps
 * answers asked twice until the next commit (read-cache.ts), as SQLite's reading thread does.
 */
export class ThreadedPostgresStore extends PostgresStore {
  private reader: StoreThread | null = null;
  private readonly readerStarted: Promise<StoreThread>;

  constructor(url: string, options: PgOptions = {}) {
    super(url, options);
    // Opened once this connection has migrated the schema: the thread then finds nothing to do.
    this.readerStarted = this.ready.then(() => (this.reader = new StoreThread(url, { pg: options, cacheReads: true })));
    this.readerStarted.catch(() => {});
  }

  private onThread<K extends keyof Store>(method: K): StoreMethod<K> {
    return ((...args: unknown[]) => (this.reader ? this.reader.call(method, args) : this.readerStarted.then((r) => r.call(method, args)))) as StoreMethod<K>;
  }

  override listEvents = this.onThread('listEvents');
  override listEventsOldestFirst = this.onThread('listEventsOldestFirst');
  override countEvents = this.onThread('countEvents');
  override timeline = this.onThread('timeline');
  override timeSpan = this.onThread('timeSpan');
  override countAndSpan = this.onThread('countAndSpan');
  override filterOptions = this.onThread('filterOptions');
  override userActivity = this.onThread('userActivity');
  override userDetail = this.onThread('userDetail');
  override userErrorCodes = this.onThread('userErrorCodes');
  override relatedEvents = this.onThread('relatedEvents');
  override previousState = this.onThread('previousState');
  override resourceHistory = this.onThread('resourceHistory');

  override async close(): Promise<void> {
    await this.reader?.close();
    // A thread still starting is closed as soon as it exists.
    void this.readerStarted.then((r) => r.close(), () => {});
    await super.close();
  }
}
