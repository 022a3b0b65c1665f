import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { RAW_DICTIONARY_V1 } from './raw-dictionary';

// A record as stored: CloudTrail's JSON deflated against a preset dictionary of CloudTrail's own
// field names and shapes, restored byte for byte. Each record is compressed alone, so reading one
// event inflates one record. Format: one version byte, then the deflate-raw stream; version 1 uses
// RAW_DICTIONARY_V1 (16 kB) at level 6. A record stored as text (before this format) reads as it is.
//
// Why 16 kB: the dictionary is hashed again for every record (node:zlib keeps no state between
// calls), so a bigger one costs import time, while the records are by now a small share of a store.
// bench:peer's 221k-event trail, median of 3 (store MB / import s, DuckDB 163 MB / 8.3 s):
//   uncompressed 772 / 13.8 · 32 kB 497 / 23.7 · 16 kB 517 / 18.8 (8 kB 506 / 17.6–20.2, 2 rounds)
// Per record (the dictionary comes from the demo generator at seed 11): the demo at seed 42 5.1×,
// the test generator's records 4.7×, VOD and SSO-console records with IPv6 sources, a shape the
// demo has not, 4.0× (no dictionary 1.7–2.0×); encode 45–50 µs, decode 20–37 µs.

const V1 = 0x01;
const LEVEL = 6;

/** The stored form of a record (its text, or its UTF-8 bytes as a trail file holds them). */
export function encodeRaw(record: string | Uint8Array): Buffer {
  const body = deflateRawSync(record, { dictionary: RAW_DICTIONARY_V1, level: LEVEL });
  const out = Buffer.allocUnsafe(body.length + 1);
  out[0] = V1;
  body.copy(out, 1);
  return out;
}

/** The record's text, exactly as CloudTrail sent it, from whatever the store holds. */
export function decodeRaw(stored: string | Uint8Array): string {
  if (typeof stored === 'string') return stored;
  const bytes = Buffer.isBuffer(stored) ? stored : Buffer.from(stored.buffer, stored.byteOffset, stored.byteLength);
  if (bytes[0] !== V1) throw new Error(`stored record in an unknown format (${bytes[0]})`);
  return inflateRawSync(bytes.subarray(1), { dictionary: RAW_DICTIONARY_V1 }).toString('utf8');
}
