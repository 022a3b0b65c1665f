import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { EventSummary } from '@/lib/events/types';
import type { EventFilter } from '@/lib/filters/schema';
import type { CursorKey } from '../cursor';
import type { Store } from '../types';
import { EXPORT_CHUNK } from './export';

// The SQLite store for the web server: the connection lives on a worker thread and every call is a
// message. Queries then run beside the server's rendering on the machine's other core, and a write
// that waits for the lock (a CLI import or sync holding it) cannot stall the event loop. Measured
// at 1M events on 2 cores: see scripts/bench.ts (events page) and scripts/stress/load.ts.

export interface StoreCall {
  id: number;
  method: string;
  args: unknown[];
}
export type StoreReply =
  | { id: number; result: unknown }
  | { id: number; error: { message: string; name: string; code?: string } }
  /** Sent once, when the thread has opened (and migrated) the database, or could not. */
  | { ready: true }
  | { openFailed: { message: string; name: string; code?: string } };

/** The thread's error, rebuilt: structured clone would keep the message but lose `code` (SQLITE_BUSY, …). */
function rebuild(error: { message: string; name: string; code?: string }): Error {
  const err = new Error(error.message) as Error & { code?: string };
  err.name = error.name;
  if (error.code) err.code = error.code;
  return err;
}

type Method<K extends keyof Store> = Store[K] extends (...args: infer A) => Promise<infer R> ? (...args: A) => Promise<R> : never;

export class ThreadedSqliteStore implements Store {
  private readonly worker: Worker;
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  private nextId = 0;
  private stopped: Error | null = null;
  /** Resolves when the database is open; rejects with the reason it could not be (a bad path, a failed migration). */
  readonly ready: Promise<void>;

  constructor(file: string) {
    const entry = path.join(/* turbopackIgnore: true */ process.cwd(), 'lib/store/sqlite/store-worker.cjs');
    this.worker = new Worker(/* turbopackIgnore: true */ entry, { workerData: { file } });
    let opened: () => void;
    let notOpened: (err: Error) => void;
    this.ready = new Promise<void>((resolve, reject) => ((opened = resolve), (notOpened = reject)));
    this.ready.catch(() => {}); // also reported by every call; a caller that never awaits it is not an unhandled rejection
    const fail = (err: Error) => {
      notOpened(err);
      this.stopped ??= new Error(`the store's thread stopped: ${err.message}`);
      for (const p of this.pending.values()) p.reject(this.stopped);
      this.pending.clear();
    };
    this.worker.on('message', (reply: StoreReply) => {
      if ('ready' in reply) return opened();
      if ('openFailed' in reply) return fail(rebuild(reply.openFailed));
      const p = this.pending.get(reply.id);
      this.pending.delete(reply.id);
      if ('error' in reply) p?.reject(rebuild(reply.error));
      else p?.resolve(reply.result);
    });
    this.worker.on('error', fail);
    this.worker.on('exit', (code) => fail(new Error(`exit code ${code}`)));
    // The thread must not keep a server that is shutting down alive.
    this.worker.unref();
  }

  private call<T>(method: string, args: unknown[]): Promise<T> {
    if (this.stopped) return Promise.reject(this.stopped);
    return new Promise<T>((resolve, reject) => {
      const id = this.nextId++;
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.worker.postMessage({ id, method, args } satisfies StoreCall);
    });
  }

  private forward<K extends keyof Store>(method: K): Method<K> {
    return ((...args: unknown[]) => this.call(method, args)) as Method<K>;
  }

  commitPage = this.forward('commitPage');
  listEvents = this.forward('listEvents');
  countEvents = this.forward('countEvents');
  getEvent = this.forward('getEvent');
  timeline = this.forward('timeline');
  timeSpan = this.forward('timeSpan');
  userActivity = this.forward('userActivity');
  userDetail = this.forward('userDetail');
  userErrorCodes = this.forward('userErrorCodes');
  relatedEvents = this.forward('relatedEvents');
  previousState = this.forward('previousState');
  resourceHistory = this.forward('resourceHistory');
  listEventsOldestFirst = this.forward('listEventsOldestFirst');
  filterOptions = this.forward('filterOptions');
  getSyncStates = this.forward('getSyncStates');
  getSyncState = this.forward('getSyncState');
  saveSyncState = this.forward('saveSyncState');
  acquireLock = this.forward('acquireLock');
  releaseLock = this.forward('releaseLock');
  lockHolder = this.forward('lockHolder');

  async *streamEvents(filter: EventFilter) {
    // Chunk by chunk, as the SQLite store streams: the thread never holds a statement open across messages.
    let after: CursorKey | null = null;
    for (;;) {
      const chunk: EventSummary[] = await this.call('readChunk', [filter, after, EXPORT_CHUNK]);
      yield* chunk;
      if (chunk.length < EXPORT_CHUNK) return;
      const last = chunk[chunk.length - 1];
      after = { time: Date.parse(last.eventTime), eventId: last.eventId };
    }
  }

  /** Bulk loads are the CLI's, on a SqliteStore of its own; here the work just runs. */
  async bulkLoad<T>(work: () => Promise<T>): Promise<T> {
    return work();
  }

  async close(): Promise<void> {
    if (this.stopped) return;
    this.stopped = new Error('the store is closed');
    await this.worker.terminate();
  }
}
