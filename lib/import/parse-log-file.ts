import { normalizeParsedRecord } from '@/lib/events/normalize';
import type { StoredEvent } from '@/lib/events/types';
import { decodeLogBuffer, recordsOf } from './read-log-file';
import { recordSpans, type RecordSpans } from './record-spans';
import { encodeRawBlock, rawInBlock, RAW_BLOCK_RECORDS } from '@/lib/store/raw-codec';

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
const BACKSLASH = 0x5c;

/**
 * Throws a LogFileError (with the reason to show) for a file that is not a readable trail log.
 * Each event's raw record is its bytes in the file, compressed as the store keeps them
 * (lib/store/raw-codec, in blocks) into one buffer for the whole file (`rawBuffer`, for a worker to transfer
 * rather than copy), so the decompressed file is not kept alive by the few records a mixed trail
 * has of MediaPackage.
 */
export function parseLogFile(bytes: Uint8Array, gzipped: boolean, eventSources: readonly string[]): ParsedLogFile & { rawBuffer: ArrayBuffer | null } {
  const json = decodeLogBuffer(bytes, gzipped);
  const scan = recordSpans(json);
  const picked = scan && pickBySource(json, scan, eventSources);
  if (!picked) return parseWholeFile(json, scan?.spans ?? null, eventSources);
  return toEvents(json, scan.spans, picked.kept, picked.records, scan.spans.length / 2);
}

/**
 * The records of the configured sources, told apart by their eventSource bytes: the other services'
 * records (most of an organisation trail) are never parsed. A value with an escape is parsed to be
 * sure. Null when a kept record does not parse on its own: the whole file is then read as JSON, so
 * a damaged file fails with the same reason as before.
 */
function pickBySource(json: Buffer, { spans, sources }: RecordSpans, eventSources: readonly string[]): { kept: number[]; records: unknown[] } | null {
  const wanted = eventSources.map((s) => Buffer.from(s));
  const kept: number[] = [];
  const records: unknown[] = [];
  for (let i = 0; i < spans.length / 2; i++) {
    const [start, end] = [sources[2 * i], sources[2 * i + 1]];
    if (start < 0) continue;
    const escaped = json.subarray(start, end).includes(BACKSLASH);
    if (!escaped && !wanted.some((w) => w.length === end - start && json.compare(w, 0, w.length, start, end) === 0)) continue;
    let record: unknown;
    try {
      record = JSON.parse(json.toString('utf8', spans[2 * i], spans[2 * i + 1]));
    } catch {
      return null;
    }
    if (escaped && !eventSources.includes((record as Obj).eventSource as string)) continue;
    kept.push(i);
    records.push(record);
  }
  return { kept, records };
}

/** A file whose records could not be sliced or picked: parsed whole, then filtered. */
function parseWholeFile(json: Buffer, spans: number[] | null, eventSources: readonly string[]): ParsedLogFile & { rawBuffer: ArrayBuffer | null } {
  const all = recordsOf(json.toString('utf8'));
  const sources = new Set(eventSources);
  const kept: number[] = [];
  const records: unknown[] = [];
  all.forEach((record, i) => {
    if (record !== null && typeof record === 'object' && sources.has((record as Obj).eventSource as string)) kept.push(i), records.push(record);
  });
  return toEvents(json, spans !== null && spans.length === all.length * 2 ? spans : null, kept, records, all.length);
}

/** Normalises the kept records; each raw record is its bytes in the file when the file was sliced. */
function toEvents(json: Buffer, spans: number[] | null, kept: number[], records: unknown[], total: number): ParsedLogFile & { rawBuffer: ArrayBuffer | null } {
  // Each record's bytes in the file, when its structure was found.
  const raws: Uint8Array[] = spans !== null ? kept.map((i) => json.subarray(spans[2 * i], spans[2 * i + 1])) : [];
  const events: StoredEvent[] = [];
  const bytes: Uint8Array[] = [];
  let withoutEventId = 0;
  records.forEach((record, k) => {
    const region = (record as Obj).awsRegion;
    // Byte-for-byte when the file's structure was found, otherwise re-serialised (it parses back to this very object).
    const raw = raws[k] ?? JSON.stringify(record);
    try {
      events.push(normalizeParsedRecord(raw, record, { region: typeof region === 'string' ? region : undefined }));
      bytes.push(typeof raw === 'string' ? Buffer.from(raw) : raw);
    } catch {
      withoutEventId++; // normalisation throws only when there is no event id to key it by
    }
  });
  if (!events.length) return { records: total, events, withoutEventId, rawBuffer: null };
  // Records leave this thread compressed, as the store keeps them, in blocks of the file's
  // consecutive records (raw-codec format 3): the compression runs here, beside the thread that
  // writes the store, and a tenth of the bytes crosses to it. Each event carries its block (the
  // same view for the block's events, which the store writes once) and its own two bytes.
  const blocks: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += RAW_BLOCK_RECORDS) blocks.push(encodeRawBlock(bytes.slice(i, i + RAW_BLOCK_RECORDS)));
  const rawBuffer = new ArrayBuffer(blocks.reduce((n, b) => n + b.length, 0) + 2 * events.length);
  let at = 0;
  const place = (b: Uint8Array) => {
    const view = new Uint8Array(rawBuffer, at, b.length);
    view.set(b);
    at += b.length;
    return view;
  };
  const blockViews = blocks.map(place);
  events.forEach((e, i) => {
    e.raw = place(rawInBlock(i % RAW_BLOCK_RECORDS));
    e.rawBlock = blockViews[Math.floor(i / RAW_BLOCK_RECORDS)];
    e.packed = true;
  });
  return { records: total, events, withoutEventId, rawBuffer };
}
