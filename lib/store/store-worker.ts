import { parentPort, workerData } from 'node:worker_threads';
import { readChunk } from './queries/export';
import { oneQuestion } from './read-cache';
import { sqliteFile } from './open-store';
import { isPostgresUrl, type PgOptions } from './postgres/connection';
import { PostgresStore } from './postgres/pg-store';
import { SqliteStore } from './sqlite/sqlite-store';
import type { StoreCall, StoreReply } from './store-thread';

// The thread that owns a store's connection for StoreThread (store-thread.ts). Calls arrive one by
// one; a SQLite call is synchronous and runs alone, so a write waiting out another process's lock
// (busy_timeout) blocks this thread, never the server's event loop. A PostgreSQL call's protocol,
// row parsing and the shared queries' own work run here too.

type ErrorReply = Extract<StoreReply, { error: unknown }>['error'];
function describe(err: unknown): ErrorReply {
  // Sent as plain fields: SqliteError's own class and code would not survive the structured clone.
  const e = err as Error & { code?: unknown };
  return { message: e?.message ?? String(err), name: e?.name ?? 'Error', code: typeof e?.code === 'string' ? e.code : undefined };
}

const url = workerData.url as string;

async function open(): Promise<SqliteStore | PostgresStore> {
  if (isPostgresUrl(url)) {
    const store = new PostgresStore(url, { ...(workerData.pg as PgOptions | undefined), cacheReads: Boolean(workerData.cacheReads) });
    await store.ready;
    return store;
  }
  return new SqliteStore(sqliteFile(url), { cacheReads: Boolean(workerData.cacheReads), cacheMb: workerData.cacheMb as number | undefined });
}

/** The store method a call names; readChunk serves the export's chunks. Closing is the owner's. */
function methodOf(store: SqliteStore | PostgresStore, name: string): ((...args: never[]) => unknown) | undefined {
  if (name === 'readChunk') return (filter: never, after: never, size: never) => readChunk(store.sql, filter, after, size);
  if (name === 'close' || name === 'bulkLoad' || !Object.hasOwn(Object.getPrototypeOf(store), name)) return undefined;
  return (store[name as keyof typeof store] as (...args: never[]) => unknown).bind(store);
}

open().then(
  (store) => {
    parentPort!.on('message', async ({ id, method, args }: StoreCall) => {
      let reply: StoreReply;
      try {
        const fn = methodOf(store, method);
        if (!fn) throw new Error(`unknown store method ${method}`);
        reply = { id, result: await oneQuestion(async () => fn(...(args as never[]))) };
      } catch (err) {
        reply = { id, error: describe(err) };
      }
      parentPort!.postMessage(reply);
    });
    parentPort!.on('close', () => void store.close());
    parentPort!.postMessage({ ready: true } satisfies StoreReply);
  },
  (err) => {
    parentPort!.postMessage({ openFailed: describe(err) } satisfies StoreReply);
    process.exit(1);
  },
);
