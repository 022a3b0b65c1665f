import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';

// One trail log file → its Records. A file is read whole (CloudTrail files are tens of MB at most)
// because a record's raw JSON is needed anyway; the cap keeps a gzip bomb from exhausting memory.

export const MAX_FILE_BYTES = 256 * 1024 * 1024;

/** A reason a person can act on, e.g. `bad gzip (incorrect header check)`; shown next to the file name. */
export class LogFileError extends Error {}

export async function readLogText(input: Readable, gzipped: boolean, maxBytes = MAX_FILE_BYTES): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  const collect = async (source: AsyncIterable<Buffer>) => {
    for await (const chunk of source) {
      size += chunk.length;
      if (size > maxBytes) throw new LogFileError(`larger than ${Math.round(maxBytes / 1048576)} MB${gzipped ? ' uncompressed' : ''}; not a CloudTrail log file`);
      chunks.push(chunk);
    }
  };
  try {
    if (gzipped) await pipeline(input, createGunzip(), collect);
    else await pipeline(input, collect);
  } catch (err) {
    throw new LogFileError(reasonOf(err));
  }
  const text = Buffer.concat(chunks, size).toString('utf8');
  // A BOM is not JSON, but editors add one to hand-made files.
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
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

/** Reads, decompresses and parses one file; every failure is a LogFileError with its reason. */
export async function readLogRecords(input: Readable, gzipped: boolean): Promise<unknown[]> {
  return recordsOf(await readLogText(input, gzipped));
}
