import { promisify } from 'node:util';
import { deflateRawSync, inflateRaw, inflateRawSync } from 'node:zlib';
import { RAW_DICTIONARY_V1 } from './raw-dictionary';
import { RAW_DICTIONARY_V2 } from './raw-dictionary-v2';

// A record as stored: CloudTrail's JSON deflated against a preset dictionary of CloudTrail's own
// field names and shapes, restored byte for byte. Format: one version byte, then the deflate-raw
// stream against that version's dictionary, which never changes
// (`scripts/build-raw-dictionary.ts <version> <bytes>`):
//   1: RAW_DICTIONARY_V1, 16 kB (15,815 bytes), one record: written until format 2, read forever;
//   2: RAW_DICTIONARY_V2, 8 kB (7,876 bytes), one record: written by the sync (a page is 50 events
//      of many hours, too few to share blocks);
//   3: a block of up to RAW_BLOCK_RECORDS records of one trail file, written by the import (below).
// A record stored as text (before this format) reads as it is. The level is not part of the format.
//
// Format 3, blocks. Compressing a record alone costs what node:zlib costs per call (~20 µs: it
// hashes the dictionary again each time) whatever its size, and the import compressed a million of
// them: 56 of the 135 CPU seconds of a 1M-event import (the demo shape, --cpu-prof of both parser
// threads). The records of one file compressed 32 at a time share that cost and each other's
// repeated fields. A stored block is the version byte, the record count and each record's length
// (unsigned LEB128), then the deflate-raw stream of the records one after another against
// RAW_DICTIONARY_V2. A record in a block is stored as [3, its index] beside the block's number.
// Records of every 20th file of the bench's 1M-event trails, one thread, encode CPU µs a record /
// ratio / µs to inflate one block (what reading one event costs); format 2's row is the same
// files' records one at a time and bench:codec's ratios and decode times (below):
//                 demo (52k records, 1,490 B mean)    wide (54k records, 1,495 B mean)
//   alone, level 6 (2)   34.6     4.6×   12–20        —          5.1×   12–20
//   16, level 6           9.7     10.9    34           9.8       10.2    41
//   32, level 1           4.3      9.6    54           4.5        9.4    55
//   32, level 3           4.4     10.4    53           4.8        9.9    59   ← written
//   32, level 6           8.1     12.5    48           8.8       11.4    57
//   64, level 3           4.2     10.7    98           4.1       10.2    96
//  128, level 3           3.9     10.8   163           4.0       10.4   182
// 32 at level 3: past it the encode cost hardly falls while reading one event inflates twice the
// bytes; level 6 doubles the cost for a fifth more ratio.
//
// Why 8 kB: node:zlib hashes the dictionary again for every record (it keeps no state between
// calls), a good part of what a record costs (deflating 2 bytes, 7 runs: 8–15 µs with no dictionary,
// 13–23 µs with 4 kB, 19–30 µs with 8 kB, 29–40 µs with 16 kB). On the demo store's records 8 kB
// costs 0.73 of 16 kB's encode CPU for a 10 % lower ratio; 4 kB costs 0.70 but for 25 % (records are
// ~13 % of a store: about +1.5 % against +4 % of store, estimated, not measured). The level changes
// the cost by less than the noise, so it stays 6, the best ratio.
// `npm run bench:codec -- STORE` (scripts/bench-raw-codec.ts; no STORE: generated records), CPU µs to
// encode a record, median of 11 rounds, two runs on a 2-core machine, 8,000 records each, with ratio:
//                     demo store (1M records, 1,484 B mean)    wide shape (1,426 B mean, up to 108 kB)
//   16 kB level 6 (1)   64.8, 64.8           5.16×               59.4, 67.9           5.51×
//    8 kB level 6 (2)   45–56 (0.70–0.83 ×)  4.64×               45–57 (0.73–0.86 ×)  5.08×
//    8 kB level 2       46–47                4.31×               45–50                4.78×
//    4 kB level 6       45–47 (0.69–0.71 ×)  3.88×               45–49 (0.68–0.72 ×)  4.74×
//    none level 6       41–42                1.88×               39–40                2.23×
// (× is each round's cost over 16 kB level 6's in the same round, the steadier figure on a shared
// machine; format 2's figures are its row's and encodeRaw's, the same work measured twice.) Decode
// costs 12–20 µs whatever the dictionary or level.
//
// Before format 2, bench:peer's 221k-event trail, median of 3 (store MB / import s, DuckDB 163 MB / 8.3 s):
//   uncompressed 772 / 13.8 · 32 kB 497 / 23.7 · 16 kB 517 / 18.8 (8 kB 506 / 17.6–20.2, 2 rounds)

const V1 = 0x01;
const V2 = 0x02;
const V3 = 0x03;
const LEVEL = 6;
const BLOCK_LEVEL = 3;
/** Records in one block at most: an index fits in a byte. */
export const RAW_BLOCK_RECORDS = 32;

/** The stored form of a record (its text, or its UTF-8 bytes as a trail file holds them): format 2. */
export function encodeRaw(record: string | Uint8Array): Buffer {
  const body = deflateRawSync(record, { dictionary: RAW_DICTIONARY_V2, level: LEVEL });
  const out = Buffer.allocUnsafe(body.length + 1);
  out[0] = V2;
  body.copy(out, 1);
  return out;
}

/** A block of records (their UTF-8 bytes) in format 3; `rawInBlock(i)` is the i-th record's own row. */
export function encodeRawBlock(records: readonly Uint8Array[]): Buffer {
  if (records.length < 1 || records.length > RAW_BLOCK_RECORDS) throw new RangeError(`a block holds 1 to ${RAW_BLOCK_RECORDS} records`);
  const header: number[] = [V3];
  for (const n of [records.length, ...records.map((r) => r.byteLength)]) leb128(n, header);
  const body = deflateRawSync(Buffer.concat(records), { dictionary: RAW_DICTIONARY_V2, level: BLOCK_LEVEL });
  return Buffer.concat([Buffer.from(header), body]);
}

/** What a record in a block stores in its own row: the format and its place in the block. */
export function rawInBlock(index: number): Buffer {
  return Buffer.from([V3, index]);
}

/**
 * The record's text, exactly as CloudTrail sent it, from whatever the store holds: its row's `raw`,
 * and for a record in a block (format 3) that block's bytes.
 */
export function decodeRaw(stored: string | Uint8Array, block?: Uint8Array | null): string {
  if (typeof stored === 'string') return stored;
  const bytes = asBuffer(stored);
  if (bytes[0] === V3) {
    if (!block) throw new Error('stored record is in a block, and the block was not read');
    return recordOf(openBlock(block), bytes[1]);
  }
  const dictionary = bytes[0] === V2 ? RAW_DICTIONARY_V2 : bytes[0] === V1 ? RAW_DICTIONARY_V1 : null;
  if (!dictionary) throw new Error(`stored record in an unknown format (${bytes[0]})`);
  return inflateRawSync(bytes.subarray(1), { dictionary }).toString('utf8');
}

/** A stored record's text from its row's `raw` and its block: decodeRaw, or a rawReader() of one's own. */
export type RawRead = (stored: string | Uint8Array, block?: Uint8Array | null) => string;

/**
 * decodeRaw for the rows of one query, which often follow each other through a block (a resource's
 * history, an import's commit): the last block read is inflated once, not once per record.
 */
export function rawReader(): RawRead {
  let last: { block: Buffer; opened: ReturnType<typeof openBlock> } | null = null;
  return (stored, block) => {
    if (typeof stored === 'string' || stored[0] !== V3 || !block) return decodeRaw(stored, block);
    const bytes = asBuffer(block);
    if (!last || !last.block.equals(bytes)) last = { block: bytes, opened: openBlock(bytes) };
    return recordOf(last.opened, stored[1]);
  };
}

/** A block's header: where each record starts in the inflated block (then where the last ends), and where the deflate stream starts. */
function blockHeader(block: Uint8Array): { bytes: Buffer; starts: number[]; body: number } {
  const bytes = asBuffer(block);
  if (bytes[0] !== V3) throw new Error(`stored block in an unknown format (${bytes[0]})`);
  const at = { i: 1 };
  const count = readLeb128(bytes, at);
  const starts = [0];
  for (let k = 0; k < count; k++) starts.push(starts[k] + readLeb128(bytes, at));
  return { bytes, starts, body: at.i };
}

function checked(all: Buffer, starts: number[]): { all: Buffer; starts: number[] } {
  if (all.length !== starts[starts.length - 1]) throw new Error('stored block does not hold the records it lists');
  return { all, starts };
}

/** A block's records inflated, one after another, and where each starts (then where the last ends). */
function openBlock(block: Uint8Array): { all: Buffer; starts: number[] } {
  const { bytes, starts, body } = blockHeader(block);
  return checked(inflateRawSync(bytes.subarray(body), { dictionary: RAW_DICTIONARY_V2 }), starts);
}

const inflateOffThread = promisify(inflateRaw);

/**
 * Bytes a record's inflating may come to and still run on the calling thread (~0.1 ms of CPU; a
 * block of the demo's records is ~48 kB). A larger one, a block of the wide shape's 1 MB policies,
 * is inflated on libuv's thread pool, so a server thread reading event by id on its own connection
 * (sqlite/main-thread-reads.ts) is never held up by it.
 */
export const INFLATE_ON_THREAD_MAX = 128 * 1024;

/** Inflates `body` against `dictionary`: on the calling thread when `size` is small, else on libuv's pool. */
async function inflateSized(body: Buffer, dictionary: Buffer, size: number): Promise<Buffer> {
  return size <= INFLATE_ON_THREAD_MAX ? inflateRawSync(body, { dictionary }) : inflateOffThread(body, { dictionary });
}

/**
 * decodeRaw for one record read on a thread that must not stall: the same text, with a large block
 * or record inflated off the thread. A lone record (formats 1 and 2) gives its size only once
 * inflated, so its compressed size stands in: CloudTrail records compress about 5 to 20 times.
 */
export async function decodeRawAsync(stored: string | Uint8Array, block?: Uint8Array | null): Promise<string> {
  if (typeof stored === 'string') return stored;
  const bytes = asBuffer(stored);
  if (bytes[0] === V3 && block) {
    const { bytes: blockBytes, starts, body } = blockHeader(block);
    return recordOf(checked(await inflateSized(blockBytes.subarray(body), RAW_DICTIONARY_V2, starts[starts.length - 1]), starts), bytes[1]);
  }
  const dictionary = bytes[0] === V2 ? RAW_DICTIONARY_V2 : bytes[0] === V1 ? RAW_DICTIONARY_V1 : null;
  if (!dictionary) return decodeRaw(stored, block); // says why it cannot be read
  return (await inflateSized(bytes.subarray(1), dictionary, bytes.length * 20)).toString('utf8');
}

function recordOf({ all, starts }: ReturnType<typeof openBlock>, index: number): string {
  if (index >= starts.length - 1) throw new Error(`stored block has no record ${index}`);
  return all.toString('utf8', starts[index], starts[index + 1]);
}

function asBuffer(b: Uint8Array): Buffer {
  return Buffer.isBuffer(b) ? b : Buffer.from(b.buffer, b.byteOffset, b.byteLength);
}

function leb128(n: number, out: number[]): void {
  for (; n >= 0x80; n = Math.floor(n / 0x80)) out.push((n % 0x80) | 0x80);
  out.push(n);
}

function readLeb128(b: Buffer, at: { i: number }): number {
  let n = 0;
  for (let scale = 1; ; scale *= 0x80) {
    const byte = b[at.i++];
    if (byte === undefined) throw new Error('stored block is cut short');
    n += (byte & 0x7f) * scale;
    if (byte < 0x80) return n;
  }
}
