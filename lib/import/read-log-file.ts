import fs from 'node:fs';
import type { Readable } from 'node:stream';
import { gunzipSync } from 'node:zlib';

// One trail log file → its Records. A file is read whole (CloudTrail files are tens of MB at most)
// because a record's raw JSON is needed anyway; the cap keeps a gzip bomb from exhausting memory.
// Reading the bytes (I/O) and decoding them (CPU) are separate steps so the import can decode on a
// worker thread while the main thread writes to the store.

export const MAX_FILE_BYTES = 256 * 1024 * 1024;

/** A reason a person can act on, e.g. `bad gzip (incorrect header check)`; shown next to the file name. */
export class LogFileError extends Error {}

function tooLarge(gzipped: boolean, maxBytes: number): LogFileError {
  return new LogFileError(`larger than ${Math.round(maxBytes / 1048576)} MB${gzipped ? ' uncompressed' : ''}; not a CloudTrail log file`);
}

/** The file's bytes as stored (still gzipped if it is). */
export async function readLogBytes(input: Readable, gzipped: boolean, maxBytes = MAX_FILE_BYTES): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of input as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > maxBytes) throw tooLarge(false, maxBytes);
      chunks.push(chunk);
    }
  } catch (err) {
    input.destroy();
    throw err instanceof LogFileError ? err : new LogFileError(reasonOf(err));
  }
  return Buffer.concat(chunks, size);
}

/** A local file's bytes as stored, read in one call (on the parser thread). */
export function readLocalLogBytes(file: string, maxBytes = MAX_FILE_BYTES): Buffer {
  try {
    if (fs.statSync(file).size > maxBytes) throw tooLarge(false, maxBytes);
    return fs.readFileSync(file);
  } catch (err) {
    throw err instanceof LogFileError ? err : new LogFileError(reasonOf(err));
  }
}

/** Bytes → UTF-8 bytes of the JSON: gunzipped when `gzipped`, at most `maxBytes` of it, without a BOM. */
export function decodeLogBuffer(bytes: Uint8Array, gzipped: boolean, maxBytes = MAX_FILE_BYTES): Buffer {
  let buffer: Buffer;
  if (gzipped) {
    try {
      buffer = gunzipSync(bytes, { maxOutputLength: maxBytes });
    } catch (err) {
      if ((err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') throw tooLarge(true, maxBytes);
      throw new LogFileError(reasonOf(err));
    }
  } else {
    buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }
  // A BOM is not JSON, but editors add one to hand-made files.
  return buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf ? buffer.subarray(3) : buffer;
}

/** The reason shown for a file that failed to open or read. */
export function reasonOf(err: unknown): string {
  if (err instanceof LogFileError) return err.message;
  const e = err as { code?: unknown; name?: string; message?: string };
  const code = typeof e?.code === 'string' ? e.code : undefined;
  // zlib's errors carry Z_* codes: a damaged, truncated or not-gzip file.
  if (code?.startsWith('Z_')) return `bad gzip (${e.message})`;
  const label = code ?? (e?.name && e.name !== 'Error' ? e.name : undefined);
  return `cannot read (${label ? `${label}: ` : ''}${e?.message ?? String(err)})`;
}

export function recordsOf(text: string): unknown[] {
  if (text.trim() === '') throw new LogFileError('not JSON (empty file)');
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    throw new LogFileError(`not JSON (${(err as Error).message.slice(0, 120)})`);
  }
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) throw new LogFileError('no Records array (the file is JSON but not an object)');
  const records = (doc as { Records?: unknown }).Records;
  if (records === undefined) throw new LogFileError('no Records array');
  if (!Array.isArray(records)) throw new LogFileError('no Records array (Records is not an array)');
  return records;
}
