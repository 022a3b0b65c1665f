import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { ParsedLogFile } from './parse-log-file';

// parseLogFile on a worker thread: reading local files, decoding and normalising (about half of an
// import's CPU time) overlap the store's inserts on the main thread. The thread reads local files
// itself: read on the main thread, a file waited behind each batch's transaction (the event loop is
// blocked while it commits) and the parser ran dry.

export interface ParseRequest {
  id: number;
  /** The file's bytes, or the local path the parser thread reads them from. */
  bytes?: Uint8Array;
  path?: string;
  gzipped: boolean;
  eventSources: readonly string[];
}
export type ParseReply = { id: number; parsed: ParsedLogFile; fileBytes: number } | { id: number; reason: string };

/** A file's events (and its size as stored), or the reason it could not be read. */
export type ParseOutcome = { parsed: ParsedLogFile; fileBytes: number } | { reason: string };

export type LogSource = { bytes: Uint8Array } | { path: string };

export interface LogParser {
  parse(source: LogSource, gzipped: boolean): Promise<ParseOutcome>;
  close(): Promise<void>;
}

/** The worker crashed or could not start: the import stops rather than report every file as unreadable. */
export class ParserWorkerError extends Error {}

export function workerParser(eventSources: readonly string[]): LogParser {
  // The worker is TypeScript like the rest of lib/; its .cjs entry loads it through tsx.
  const worker = new Worker(path.join(__dirname, 'parse-worker.cjs'));
  const pending = new Map<number, { resolve: (o: ParseOutcome) => void; reject: (e: Error) => void }>();
  let nextId = 0;
  let failure: Error | null = null;
  const fail = (err: Error) => {
    failure ??= new ParserWorkerError(`the import's parser thread stopped: ${err.message}`);
    for (const p of pending.values()) p.reject(failure);
    pending.clear();
  };
  worker.on('message', (reply: ParseReply) => {
    const p = pending.get(reply.id);
    pending.delete(reply.id);
    p?.resolve('parsed' in reply ? { parsed: reply.parsed, fileBytes: reply.fileBytes } : { reason: reply.reason });
  });
  worker.on('error', fail);
  worker.on('exit', (code) => fail(new Error(`exit code ${code}`)));
  return {
    parse(source, gzipped) {
      if (failure) return Promise.reject(failure);
      return new Promise((resolve, reject) => {
        const id = nextId++;
        pending.set(id, { resolve, reject });
        const request: ParseRequest = { id, ...source, gzipped, eventSources };
        // Transferred, not copied: the main thread is done with the bytes.
        const bytes = 'bytes' in source ? source.bytes : null;
        const transferable = bytes !== null && bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength;
        worker.postMessage(request, transferable ? [bytes.buffer as ArrayBuffer] : []);
      });
    },
    async close() {
      failure ??= new ParserWorkerError('closed');
      await worker.terminate();
    },
  };
}
