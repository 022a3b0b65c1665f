import type { StoredEvent } from '@/lib/events/types';
import type { Store } from '@/lib/store/types';
import type { LogEntry } from './log-entry';
import { prefetch } from './prefetch';
import { workerParser, type ParseOutcome } from './log-parser';
import { readLogBytes, reasonOf } from './read-log-file';

// Trail log files → the store. A parser thread reads (local files), decodes and normalises files
// while this thread writes batches; files are stored in listing order, and at most
// READ_AHEAD_FILES files (or READ_AHEAD_BYTES of them) and one batch are held. Records go through
// the sync's own normalisation, so an imported event is indistinguishable from a synced one, and
// the store's EventId key makes a second import add nothing.

/**
 * Events per commitPage transaction, at least: a file's events are committed together, so a batch
 * ends at the file that fills it. Each commit writes every page it dirtied to the WAL, and the
 * event_id index takes random UUIDs, so a batch rewrites most of that index's leaves whatever its
 * size: fewer, larger batches write less. At 1M events (npm run bench's trail), four alternating
 * pairs, 10,000 against 50,000: 47.1/41.4, 46.5/36.9, 50.5/49.3 and 47.9/43.1 s; system time
 * 25–29 s against 7–20 s.
 * The cost: peak RSS 0.98–1.0 → 1.06–1.09 GB, and a batch holds the write lock for ~1.2 s (24 µs an
 * event inside commitPage, measured before the events were made inside it too: about 1 µs more),
 * which a concurrent sync waits out (busy_timeout 5 s).
 */
export const DEFAULT_BATCH_SIZE = 50_000;
const FIRST_BATCH_SIZE = 10_000;

export interface ImportOptions {
  store: Store;
  /** Only records from these event sources are kept (the configured MediaPackage sources). */
  eventSources: string[];
  /** Events per commitPage transaction, at least (a batch ends at the end of a file). */
  batchSize?: number;
  onProgress?: (p: ImportProgress) => void;
}

export interface ImportCounts {
  /** Trail log files read and parsed. */
  filesRead: number;
  /** Records in those files, of any service. */
  records: number;
  /** Records from the configured event sources. */
  events: number;
  added: number;
  alreadyPresent: number;
  /** Names that are not trail log files (digests, Insights, others). */
  skipped: number;
  /** Records of a configured source that have no eventID, so cannot be keyed. */
  withoutEventId: number;
}

export interface ImportProgress extends ImportCounts {
  filesDone: number;
  /** Log files listed so far; final once `listingDone`. */
  filesTotal: number;
  listingDone: boolean;
  failed: number;
  eventsPerSecond: number;
  done: boolean;
}

export interface ImportSummary extends ImportCounts {
  failures: { name: string; reason: string }[];
  seconds: number;
}

/**
 * A batch's events, made a file at a time as the store reads them. Made all at once, a 50,000-event
 * batch outlived the young generation: the store's thread spent 1.8 s of a 300k demo import
 * copying it in scavenges of up to 300 ms (node --trace-gc).
 */
function* eventsOf(files: (() => StoredEvent[])[]): Generator<StoredEvent> {
  for (const file of files) yield* file();
}

/** Imports with the store tuned for a bulk load (checkpoints deferred), restored afterwards. */
export function importLogFiles(entries: AsyncIterable<LogEntry>, options: ImportOptions): Promise<ImportSummary> {
  return options.store.bulkLoad(() => importEntries(entries, options));
}

/**
 * Files handed to the parser ahead of the one being stored. The parser threads are given files only
 * when this thread's event loop runs, which a commit of 50,000 events blocks for one to two seconds:
 * they must have that long's work queued, or they wait while it commits and it waits for them after.
 * 300k demo events, four alternated pairs: 128 ahead against 32, 0.96× the wall time (0.90–0.99),
 * peak memory +126 MiB (a parsed file waits in its compact form, event-wire.ts). The byte cap (of
 * files parsed and not stored yet) bounds memory.
 */
const READ_AHEAD_FILES = 128;
const READ_AHEAD_BYTES = 64 * 1024 * 1024;

async function importEntries(entries: AsyncIterable<LogEntry>, options: ImportOptions): Promise<ImportSummary> {
  const { store, onProgress } = options;
  const batchSize = Math.max(1, options.batchSize ?? DEFAULT_BATCH_SIZE);
  // The first commit is smaller, so the store's thread starts writing sooner: the parser threads start
  // slowly, and a whole first batch took them 2–3 s of a 300k demo import (sampled). It still waits
  // for them about as long in those first seconds. Nine alternated pairs of that import: 0.94× the
  // wall time (0.89–1.16); the wide shape, three pairs: 0.98×.
  let nextBatch = Math.min(batchSize, FIRST_BATCH_SIZE);
  const started = performance.now();
  const counts: ImportCounts = { filesRead: 0, records: 0, events: 0, added: 0, alreadyPresent: 0, skipped: 0, withoutEventId: 0 };
  const failures: ImportSummary['failures'] = [];
  const listing = prefetch(entries, (e) => e.kind === 'log');
  const parser = workerParser(options.eventSources);
  // The batch is its files, still compact (eventsOf).
  let batch: (() => StoredEvent[])[] = [];
  let batchEvents = 0;
  let failedLogFiles = 0;

  const report = (done: boolean) => {
    if (!onProgress) return;
    const { count, done: listingDone } = listing.listed();
    const seconds = Math.max(0.001, (performance.now() - started) / 1000);
    onProgress({ ...counts, filesDone: counts.filesRead + failedLogFiles, filesTotal: count, listingDone, failed: failures.length, eventsPerSecond: counts.events / seconds, done });
  };
  // One batch commits while the next is read: a PostgreSQL server inserts on its own core meanwhile
  // (SQLite's commit is synchronous and done by the time it returns). The previous commit is
  // awaited first, so batches are stored in order and a failed one stops the import at the next.
  // Two commits in flight gained nothing on 2 cores: a 48k-event import into PostgreSQL, batches of
  // 10,000, median of 3 in turns: one 8.98 s, two 9.08 s.
  let committing: Promise<void> = Promise.resolve();
  const flush = async () => {
    if (!batchEvents) return;
    const files = batch;
    const sent = batchEvents;
    batch = [];
    batchEvents = 0;
    await committing;
    committing = store.commitPage(eventsOf(files)).then(({ inserted }) => {
      counts.added += inserted;
      // Includes a record delivered twice within the import: it, too, was stored already.
      counts.alreadyPresent += sent - inserted;
    });
    committing.catch(() => {}); // awaited at the next flush or at the end
  };
  type Ahead = { name: string; bytes: number; outcome: Promise<ParseOutcome> };
  const readAndParse = async (entry: Extract<LogEntry, { kind: 'log' }>, item: Ahead): Promise<ParseOutcome> => {
    let outcome: ParseOutcome;
    if (entry.path !== undefined) {
      outcome = await parser.parse({ path: entry.path }, entry.gzipped);
    } else {
      let bytes: Uint8Array;
      try {
        bytes = await readLogBytes(await entry.open(), entry.gzipped);
      } catch (err) {
        return { reason: reasonOf(err) };
      }
      outcome = await parser.parse({ bytes }, entry.gzipped);
    }
    if ('fileBytes' in outcome) {
      item.bytes = outcome.fileBytes;
      aheadBytes += item.bytes;
    }
    return outcome;
  };
  const storeFile = async (item: Ahead) => {
    const result = await item.outcome;
    aheadBytes -= item.bytes;
    const { name } = item;
    if ('reason' in result) {
      failures.push({ name, reason: result.reason });
      failedLogFiles++;
    } else {
      counts.filesRead++;
      counts.records += result.parsed.records;
      counts.withoutEventId += result.parsed.withoutEventId;
      counts.events += result.count;
      if (result.count) batch.push(result.events);
      batchEvents += result.count;
      if (batchEvents >= nextBatch) {
        nextBatch = batchSize;
        await flush();
      }
    }
    report(false);
  };

  const ahead: Ahead[] = [];
  let aheadBytes = 0; // compressed bytes of the files read ahead and not stored yet
  try {
    for await (const entry of listing) {
      if (entry.kind === 'skip') {
        counts.skipped++;
        continue;
      }
      if (entry.kind === 'unreadable') {
        failures.push({ name: entry.name, reason: entry.reason });
        report(false);
        continue;
      }
      const item = { name: entry.name, bytes: 0 } as Ahead;
      item.outcome = readAndParse(entry, item);
      item.outcome.catch(() => {}); // awaited in order below; a crashed parser must not be an unhandled rejection meanwhile
      ahead.push(item);
      while (ahead.length >= READ_AHEAD_FILES || aheadBytes > READ_AHEAD_BYTES) await storeFile(ahead.shift()!);
    }
    while (ahead.length) await storeFile(ahead.shift()!);
    await flush();
    await committing;
  } finally {
    await parser.close();
  }
  report(true);
  return { ...counts, failures, seconds: (performance.now() - started) / 1000 };
}
