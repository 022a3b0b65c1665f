import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { WorkerCalls } from '@/lib/threads/worker-calls';
import type { PgOptions } from './postgres/connection';
import type { Store } from './types';

// A store's connection on a worker thread of its own (store-worker.ts): every call is a message,
// answered in the order sent. The SQLite store's reads and writes (sqlite/threaded-store.ts) and the
// PostgreSQL store's reads (postgres/threaded-pg-store.ts) run there, off the server's event loop.

export interface StoreCall {
  id: number;
  method: string;
  args: unknown[];
}
type ErrorFields = { message: string; name: string; code?: string };
export type StoreReply =
  | { id: number; result: unknown }
  | { id: number; error: ErrorFields }
  /** Sent once, when the thread has opened (and migrated) the database, or could not. */
  | { ready: true }
  | { openFailed: ErrorFields };

/** The thread's error, rebuilt: structured clone would keep the message but lose `code` (SQLITE_BUSY, …). */
function rebuild(error: ErrorFields): Error {
  const err = new Error(error.message) as Error & { code?: string };
  err.name = error.name;
  if (error.code) err.code = error.code;
  return err;
}

/** One worker thread with its own connection; calls are answered in the order they were sent. */
export class StoreThread {
  private readonly worker: Worker;
  private readonly calls: WorkerCalls<Extract<StoreReply, { id: number }>>;
  readonly ready: Promise<void>;

  /**
   * `url`: the store's DATABASE_URL (a SQLite file's path, or postgres://…); `cacheReads`: answers
   * kept until a commit (read-cache.ts); for SQLite, `cacheMb` its page cache; `pg`: a PostgreSQL
   * store's options.
   */
  constructor(url: string, options: { cacheMb?: number; cacheReads?: boolean; pg?: PgOptions } = {}) {
    const entry = path.join(/* turbopackIgnore: true */ process.cwd(), 'lib/store/store-worker.cjs');
    // The server's V8 flags (a 32 MB young generation, for rendering) would apply to each thread
    // too; a store thread allocates little but query results.
    this.worker = new Worker(/* turbopackIgnore: true */ entry, { workerData: { url, ...options }, resourceLimits: { maxYoungGenerationSizeMb: 8 } });
    let opened: () => void;
    let notOpened: (err: Error) => void;
    this.ready = new Promise<void>((resolve, reject) => ((opened = resolve), (notOpened = reject)));
    this.ready.catch(() => {}); // also reported by every call; a caller that never awaits it is not an unhandled rejection
    this.calls = new WorkerCalls(
      this.worker,
      (cause) => {
        notOpened(cause);
        return new Error(`the store's thread stopped: ${cause.message}`);
      },
      (message) => {
        const announced = message as Exclude<StoreReply, { id: number }>;
        if ('ready' in announced) opened();
        else this.calls.fail(rebuild(announced.openFailed));
      },
    );
    // The thread must not keep a server that is shutting down alive.
    this.worker.unref();
  }

  async call<T>(method: string, args: unknown[]): Promise<T> {
    const reply = await this.calls.send((id): StoreCall => ({ id, method, args }));
    if ('error' in reply) throw rebuild(reply.error);
    return reply.result as T;
  }

  async close(): Promise<void> {
    if (this.calls.stopped) return;
    this.calls.stop(new Error('the store is closed'));
    await this.worker.terminate();
  }
}

/** A store method as a thread answers it: the same arguments, the answer as a promise. */
export type StoreMethod<K extends keyof Store> = Store[K] extends (...args: infer A) => Promise<infer R> ? (...args: A) => Promise<R> : never;
