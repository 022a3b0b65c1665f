import { normalizeParsedRecord } from '@/lib/events/normalize';
import type { StoredEvent } from '@/lib/events/types';
import { decodeLogBuffer, recordsOf } from './read-log-file';
import { recordSpans } from './record-spans';

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

/**
 * Throws a LogFileError (with the reason to show) for a file that is not a readable trail log.
 * Each event's raw record is its bytes in the file, copied into one buffer for the whole file
 * (`rawBuffer`, for a worker to transfer rather than copy), so the decompressed file is not kept
 * alive by the few records a mixed trail has of MediaPackage.
 */
export function parseLogFile(bytes: Uint8Array, gzipped: boolean, eventSources: readonly string[]): ParsedLogFile & { rawBuffer: ArrayBuffer | null } {
  const json = decodeLogBuffer(bytes, gzipped);
  const records = recordsOf(json.toString('utf8'));
  const spans = recordSpans(json);
  const sources = new Set(eventSources);
  const kept: number[] = [];
  for (let i = 0; i < records.length; i++) {
    const record = records[i];
    // Filter on the parsed object first: most of a trail is other services, and they cost nothing more.
    if (record !== null && typeof record === 'object' && sources.has((record as Obj).eventSource as string)) kept.push(i);
  }
  let rawBuffer: ArrayBuffer | null = null;
  let raws: Uint8Array[] = [];
  if (spans !== null && spans.length === records.length * 2 && kept.length) {
    rawBuffer = new ArrayBuffer(kept.reduce((n, i) => n + spans[2 * i + 1] - spans[2 * i], 0));
    let at = 0;
    raws = kept.map((i) => {
      const record = json.subarray(spans[2 * i], spans[2 * i + 1]);
      const raw = new Uint8Array(rawBuffer!, at, record.length);
      raw.set(record);
      at += record.length;
      return raw;
    });
  }
  const events: StoredEvent[] = [];
  let withoutEventId = 0;
  kept.forEach((i, k) => {
    const record = records[i];
    const region = (record as Obj).awsRegion;
    // Byte-for-byte when the file's structure was found, otherwise re-serialised (it parses back to this very object).
    const raw = raws[k] ?? JSON.stringify(record);
    try {
      events.push(normalizeParsedRecord(raw, record, { region: typeof region === 'string' ? region : undefined }));
    } catch {
      withoutEventId++; // normalisation throws only when there is no event id to key it by
    }
  });
  return { records: records.length, events, withoutEventId, rawBuffer };
}
