import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { WorkerCalls } from '@/lib/threads/worker-calls';
import type { StoredEvent } from '@/lib/events/types';
import type { ParsedLogFile } from './parse-log-file';
import { fromWire, type EventWire } from './event-wire';

// parseLogFile on worker threads: reading local files, decoding, normalising and compressing each
// record (most of an import's CPU time) overlap the store's inserts on the main thread. A thread
// reads local files itself: read on the main thread, a file waited behind each batch's transaction
// (the event loop is blocked while it commits) and the parser ran dry. One thread per core, at most
// two: compressing records (~65 µs each) made one parser thread the import's bottleneck.

export interface ParseRequest {
  id: number;
  /** The file's bytes, or the local path the parser thread reads them from. */
  bytes?: Uint8Array;
  path?: string;
  gzipped: boolean;
  eventSources: readonly string[];
}
/** What a file holds besides its events: its records, and those without an event id. */
type FileCounts = Omit<ParsedLogFile, 'events'>;

export type ParseReply = { id: number; counts: FileCounts; wire: EventWire; rawBuffer: ArrayBuffer; fileBytes: number } | { id: number; reason: string };

/**
 * A file's counts, its events (`count` of them) and its size as stored, or the reason it could not
 * be read. The events are made when asked for: a file parsed ahead waits in its compact form
 * (event-wire.ts).
 */
export type ParseOutcome = { parsed: FileCounts; count: number; events: () => StoredEvent[]; fileBytes: number } | { reason: string };

export type LogSource = { bytes: Uint8Array } | { path: string };

export interface LogParser {
  parse(source: LogSource, gzipped: boolean): Promise<ParseOutcome>;
  close(): Promise<void>;
}

/** The worker crashed or could not start: the import stops rather than report every file as unreadable. */
export class ParserWorkerError extends Error {}

export function workerParser(eventSources: readonly string[], threads = Math.min(2, os.availableParallelism())): LogParser {
  // The worker is TypeScript like the rest of lib/; its .cjs entry loads it through tsx.
  const pool = Array.from({ length: Math.max(1, threads) }, () => {
    const worker = new Worker(path.join(__dirname, 'parse-worker.cjs'));
    const calls = new WorkerCalls<ParseReply>(worker, (cause) => new ParserWorkerError(`the import's parser thread stopped: ${cause.message}`));
    return { worker, calls, busy: 0 };
  });
  return {
    async parse(source, gzipped) {
      // The least busy thread; files are stored in the order they were handed out, whichever finishes first.
      const thread = pool.reduce((a, b) => (b.busy < a.busy ? b : a));
      thread.busy++;
      try {
        // Transferred, not copied: the main thread is done with the bytes.
        const bytes = 'bytes' in source ? source.bytes : null;
        const transferable = bytes !== null && bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength;
        const reply = await thread.calls.send((id): ParseRequest => ({ id, ...source, gzipped, eventSources }), transferable ? [bytes.buffer as ArrayBuffer] : []);
        if (!('wire' in reply)) return { reason: reply.reason };
        const { wire, rawBuffer } = reply;
        return { parsed: reply.counts, count: wire.count, events: () => fromWire(wire, rawBuffer), fileBytes: reply.fileBytes };
      } finally {
        thread.busy--;
      }
    },
    async close() {
      for (const t of pool) t.calls.stop(new ParserWorkerError('closed'));
      await Promise.all(pool.map((t) => t.worker.terminate()));
    },
  };
}
