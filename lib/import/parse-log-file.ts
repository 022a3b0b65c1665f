import { normalizeParsedRecord } from '@/lib/events/normalize';
import type { StoredEvent } from '@/lib/events/types';
import { decodeLogBytes, recordsOf } from './read-log-file';

// The CPU half of importing one file: bytes → records → the configured sources' events, through the
// sync's own normalisation. Pure, so it runs the same on a worker thread and in tests.

export interface ParsedLogFile {
  /** Records in the file, of any service. */
  records: number;
  events: StoredEvent[];
  /** Records of a configured source that have no eventID, so cannot be keyed. */
  withoutEventId: number;
}

type Obj = Record<string, unknown>;

/** Throws a LogFileError (with the reason to show) for a file that is not a readable trail log. */
export function parseLogFile(bytes: Uint8Array, gzipped: boolean, eventSources: readonly string[]): ParsedLogFile {
  const records = recordsOf(decodeLogBytes(bytes, gzipped));
  const sources = new Set(eventSources);
  const events: StoredEvent[] = [];
  let withoutEventId = 0;
  for (const record of records) {
    // Filter on the parsed object first: most of a trail is other services, and they cost nothing more.
    if (record === null || typeof record !== 'object' || !sources.has((record as Obj).eventSource as string)) continue;
    const region = (record as Obj).awsRegion;
    try {
      // The stored raw text is the record re-serialised; it parses back to this very object.
      events.push(normalizeParsedRecord(JSON.stringify(record), record, { region: typeof region === 'string' ? region : undefined }));
    } catch {
      withoutEventId++; // normalisation throws only when there is no event id to key it by
    }
  }
  return { records: records.length, events, withoutEventId };
}
