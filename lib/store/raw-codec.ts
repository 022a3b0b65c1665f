import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { RAW_DICTIONARY_V1 } from './raw-dictionary';
import { RAW_DICTIONARY_V2 } from './raw-dictionary-v2';

// A record as stored: CloudTrail's JSON deflated against a preset dictionary of CloudTrail's own
// field names and shapes, restored byte for byte. Each record is compressed alone, so reading one
// event inflates one record. Format: one version byte, then the deflate-raw stream against that
// version's dictionary, which never changes (`scripts/build-raw-dictionary.ts <version> <bytes>`):
//   1: RAW_DICTIONARY_V1, 16 kB (15,815 bytes): written until format 2, read forever;
//   2: RAW_DICTIONARY_V2, 8 kB (7,876 bytes): written now.
// A record stored as text (before this format) reads as it is. The level is not part of the format.
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
const LEVEL = 6;

/** The stored form of a record (its text, or its UTF-8 bytes as a trail file holds them): format 2. */
export function encodeRaw(record: string | Uint8Array): Buffer {
  const body = deflateRawSync(record, { dictionary: RAW_DICTIONARY_V2, level: LEVEL });
  const out = Buffer.allocUnsafe(body.length + 1);
  out[0] = V2;
  body.copy(out, 1);
  return out;
}

/** The record's text, exactly as CloudTrail sent it, from whatever the store holds. */
export function decodeRaw(stored: string | Uint8Array): string {
  if (typeof stored === 'string') return stored;
  const bytes = Buffer.isBuffer(stored) ? stored : Buffer.from(stored.buffer, stored.byteOffset, stored.byteLength);
  const dictionary = bytes[0] === V2 ? RAW_DICTIONARY_V2 : bytes[0] === V1 ? RAW_DICTIONARY_V1 : null;
  if (!dictionary) throw new Error(`stored record in an unknown format (${bytes[0]})`);
  return inflateRawSync(bytes.subarray(1), { dictionary }).toString('utf8');
}
