import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

// A NextToken names the sort key of the last event returned, not an offset: events delivered while a
// client pages (CloudTrail delivers late) then land before or after the cursor without shifting pages.
// The HMAC binds the token to the query, so reusing it with other parameters fails the way AWS does.

/** Sort key of an event: newest first, ties broken by insertion sequence (higher first). */
export interface TokenCursor {
  time: number; // EventTime, epoch ms
  seq: number;
}

const VERSION = 1;
const BODY_BYTES = 1 + 8 + 8; // version, time (float64), seq (float64)
const MAC_BYTES = 16; // truncated SHA-256: forging needs the key, 128 bits is plenty for a test double

export interface NextTokenCodec {
  encode(query: string, cursor: TokenCursor): string;
  /** The cursor, or null when the token is malformed, tampered with, or minted for another query. */
  decode(query: string, token: string): TokenCursor | null;
}

/** `key` defaults to fresh random bytes, so tokens from one emulator instance never work on another. */
export function createNextTokenCodec(key: Buffer = randomBytes(32)): NextTokenCodec {
  const mac = (query: string, body: Buffer) =>
    createHmac('sha256', key).update(body).update(query, 'utf8').digest().subarray(0, MAC_BYTES);

  return {
    encode(query, cursor) {
      const body = Buffer.alloc(BODY_BYTES);
      body.writeUInt8(VERSION, 0);
      body.writeDoubleBE(cursor.time, 1);
      body.writeDoubleBE(cursor.seq, 9);
      return Buffer.concat([body, mac(query, body)]).toString('base64url');
    },
    decode(query, token) {
      if (typeof token !== 'string' || !/^[A-Za-z0-9_-]+$/.test(token)) return null;
      const raw = Buffer.from(token, 'base64url');
      // Re-encoding catches non-canonical spellings of the same bytes (e.g. altered trailing bits).
      if (raw.length !== BODY_BYTES + MAC_BYTES || raw.toString('base64url') !== token) return null;
      const body = raw.subarray(0, BODY_BYTES);
      if (!timingSafeEqual(raw.subarray(BODY_BYTES), mac(query, body))) return null;
      if (body.readUInt8(0) !== VERSION) return null;
      const time = body.readDoubleBE(1);
      const seq = body.readDoubleBE(9);
      if (!Number.isFinite(time) || !Number.isSafeInteger(seq)) return null;
      return { time, seq };
    },
  };
}

/** Canonical text of the parameters a token is bound to; MaxResults may change between pages. */
export function tokenQueryKey(parts: {
  region: string;
  attribute: { key: string; value: string } | null;
  startTime: number | null;
  endTime: number | null;
  category: string | null;
}): string {
  return JSON.stringify([
    parts.region,
    parts.attribute ? [parts.attribute.key, parts.attribute.value] : null,
    parts.startTime,
    parts.endTime,
    parts.category,
  ]);
}
