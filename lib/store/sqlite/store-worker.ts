import { parentPort, workerData } from 'node:worker_threads';
import { readChunk } from '../queries/export';
import { SqliteStore } from './sqlite-store';
import type { StoreCall, StoreReply } from './threaded-store';

// The thread that owns the SQLite connection for ThreadedSqliteStore. Calls arrive one by one and
// run in order; each one is a synchronous better-sqlite3 call, so a write waiting out another
// process's lock (busy_timeout) blocks this thread, never the server's event loop.

type ErrorReply = Extract<StoreReply, { error: unknown }>['error'];
function describe(err: unknown): ErrorReply {
  // Sent as plain fields: SqliteError's own class and code would not survive the structured clone.
  const e = err as Error & { code?: unknown };
  return { message: e?.message ?? String(err), name: e?.name ?? 'Error', code: typeof e?.code === 'string' ? e.code : undefined };
}

let store: SqliteStore;
try {
  store = new SqliteStore(workerData.file as string);
  if (workerData.cacheMb) store.db.pragma(`cache_size = -${Number(workerData.cacheMb) * 1024}`);
} catch (err) {
  parentPort!.postMessage({ openFailed: describe(err) } satisfies StoreReply);
  process.exit(1);
}

/** The store method a call names; readChunk serves the export's chunks. Closing is the owner's. */
function methodOf(name: string): ((...args: never[]) => unknown) | undefined {
  if (name === 'readChunk') return (filter: never, after: never, size: never) => readChunk(store.sql, filter, after, size);
  if (name === 'close' || name === 'bulkLoad' || !Object.hasOwn(SqliteStore.prototype, name)) return undefined;
  return (store[name as keyof SqliteStore] as (...args: never[]) => unknown).bind(store);
}

parentPort!.on('message', async ({ id, method, args }: StoreCall) => {
  let reply: StoreReply;
  try {
    const fn = methodOf(method);
    if (!fn) throw new Error(`unknown store method ${method}`);
    reply = { id, result: await fn(...(args as never[])) };
  } catch (err) {
    reply = { id, error: describe(err) };
  }
  parentPort!.postMessage(reply);
});

parentPort!.on('close', () => void store.close());
parentPort!.postMessage({ ready: true } satisfies StoreReply);
