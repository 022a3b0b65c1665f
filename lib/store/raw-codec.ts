import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { RAW_DICTIONARY_V1 } from './raw-dictionary';

// A record as stored: CloudTrail's JSON deflated against a preset dictionary of CloudTrail's own
// field names and shapes, restored byte for byte. The raw records are most of a store's bytes;
// each is compressed alone, so reading one event inflates one record.
//
// Format: one version byte, then the deflate-raw stream. Version 1 uses RAW_DICTIONARY_V1, level 6.
// A record stored as text (before this format) is returned as it is. Measured on 4,000 records per
// shape (scripts/…; see the issue 17 note): 32 kB dictionary at level 6 against level 1 and
// smaller dictionaries, ratio vs. encode µs per record, in this file's commit message.

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
