// Where each element of a trail file's top-level "Records" array starts and ends, in the file's
// UTF-8 bytes: an imported event keeps its record exactly as CloudTrail wrote it, without being
// serialised again (JSON.stringify and encoding back to UTF-8 were a fifth of an import's parsing).
// Structure bytes are ASCII and never occur inside a UTF-8 multi-byte sequence, so scanning bytes
// is exact. A file shaped otherwise (records that are not objects, records with whitespace) gives
// null, and the caller falls back to re-serialising the parsed records.

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const COLON = 0x3a;
const RECORDS = Buffer.from('Records');
const EVENT_SOURCE = Buffer.from('eventSource');

export interface RecordSpans {
  /** Offsets [start0, end0, start1, end1, …] of the records. */
  spans: number[];
  /**
   * Per record, where its own (top-level) `eventSource` string value lies, between the quotes, as
   * [start, end] pairs parallel to `spans`; -1, -1 when it has none that is a string. The last one
   * wins, as in JSON.parse. A trail is mostly other services: their records need not be parsed.
   */
  sources: number[];
}

/** The records of a compact trail file, or null when the file is not shaped as expected. */
export function recordSpans(bytes: Buffer): RecordSpans | null {
  const n = bytes.length;
  let spans: number[] | null = null;
  let sources: number[] = [];
  let source: [number, number] = [-1, -1];
  let sourceKey = false; // the record's last key was eventSource, so its next string at depth 3 is the value
  let depth = 0;
  let key = -1; // start of the last string seen at depth 1 (a key, or a string value)
  let keyEnd = -1;
  let inRecords = false;
  let recordStart = -1;
  for (let i = 0; i < n; i++) {
    const c = bytes[i];
    if (c === QUOTE) {
      const start = i + 1;
      // The closing quote is the next one not escaped by an odd run of backslashes.
      for (;;) {
        i = bytes.indexOf(QUOTE, i + 1);
        if (i < 0) return null;
        let slashes = 0;
        while (bytes[i - 1 - slashes] === BACKSLASH) slashes++;
        if (slashes % 2 === 0) break;
      }
      if (depth === 1) (key = start), (keyEnd = i);
      else if (inRecords && depth === 3) {
        if (bytes[i + 1] === COLON) {
          sourceKey = i - start === EVENT_SOURCE.length && bytes.compare(EVENT_SOURCE, 0, EVENT_SOURCE.length, start, i) === 0;
          if (sourceKey) source = [-1, -1]; // a repeated key: the last value counts, even if not a string
        } else if (sourceKey) (source = [start, i]), (sourceKey = false);
      }
    } else if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
      if (depth === 1 && c === OPEN_ARRAY && keyEnd - key === RECORDS.length && bytes.compare(RECORDS, 0, RECORDS.length, key, keyEnd) === 0) {
        // A repeated key: JSON.parse keeps the last one, and so does this.
        spans = [];
        sources = [];
        inRecords = true;
      } else if (inRecords && depth === 2) {
        if (c !== OPEN_OBJECT) return null;
        recordStart = i;
        source = [-1, -1];
        sourceKey = false;
      }
      depth++;
    } else if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) {
      depth--;
      if (depth < 0) return null;
      if (inRecords && depth === 2) spans!.push(recordStart, i + 1), sources.push(source[0], source[1]);
      else if (inRecords && depth === 1) inRecords = false;
    } else if (inRecords && (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09)) {
      // Whitespace between records is fine; inside one it is a hand-formatted file, whose records are
      // stored compact like every other (re-serialised) rather than with their indentation.
      if (depth > 2) return null;
    } else if (inRecords && depth === 2 && c !== 0x2c) {
      return null; // a record that is not an object (null, a number…)
    }
  }
  return depth === 0 && spans ? { spans, sources } : null;
}
