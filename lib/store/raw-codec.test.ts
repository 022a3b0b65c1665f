import { createHash, randomBytes } from 'node:crypto';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { makeRecord } from '@/lib/testing/records';
import { decodeRaw, decodeRawAsync, encodeRaw, encodeRawBlock, rawInBlock, rawReader, RAW_BLOCK_RECORDS } from './raw-codec';
import { RAW_DICTIONARY_V1 } from './raw-dictionary';
import { RAW_DICTIONARY_V2 } from './raw-dictionary-v2';

describe('raw-codec', () => {
  it('restores any text byte for byte, from its string or its UTF-8 bytes', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 3000 }), (text) => {
        // CloudTrail's records are UTF-8: the contract is every string that survives UTF-8.
        const utf8 = Buffer.from(text, 'utf8').toString('utf8');
        expect(decodeRaw(encodeRaw(utf8))).toBe(utf8);
        expect(decodeRaw(encodeRaw(Buffer.from(utf8)))).toBe(utf8);
      }),
      { numRuns: 500 },
    );
    expect(decodeRaw(encodeRaw(''))).toBe('');
  });

  it('keeps a record of a megabyte exactly, and shrinks a typical one several times', () => {
    const big = JSON.stringify({ ...makeRecord(), requestParameters: { policy: 'x'.repeat(200) + '{"Sid":"a"}'.repeat(90_000) } });
    expect(big.length).toBeGreaterThan(1_000_000);
    expect(decodeRaw(encodeRaw(big))).toBe(big);
    const record = JSON.stringify(makeRecord({ eventName: 'UpdateOriginEndpoint' }));
    expect(encodeRaw(record).length).toBeLessThan(record.length / 3);
  });

  it('reads text stored before compression as it is, and refuses a format it does not know', () => {
    expect(decodeRaw('{"eventID":"a"}')).toBe('{"eventID":"a"}');
    expect(() => decodeRaw(Buffer.from([0x7b, 0x22]))).toThrow(/unknown format/);
  });

  it('reads records stored in format 1 byte for byte, and writes format 2', () => {
    const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');
    // The dictionaries are the formats: a store's blobs are readable only with these exact bytes.
    expect(sha256(RAW_DICTIONARY_V1)).toBe('0273856064e0b1e42a0a91c93c39184dd79aa14d01e8fa15a0e701c63d12e0dc');
    expect(sha256(RAW_DICTIONARY_V2)).toBe('75c61d389b381bfeb0928f4032f1d5a3e4eb514613503773d02662fae5a6a839');
    const v1 = (text: string) => Buffer.concat([Buffer.from([0x01]), deflateRawSync(text, { dictionary: RAW_DICTIONARY_V1, level: 6 })]);
    const texts = [
      JSON.stringify(makeRecord({ eventName: 'UpdateOriginEndpoint' })),
      JSON.stringify({ ...makeRecord(), requestParameters: { description: 'café – 東京 🎬', id: 'x'.repeat(5000) } }),
      '',
    ];
    for (const text of texts) {
      const old = v1(text);
      expect(decodeRaw(old)).toBe(text);
      expect(decodeRaw(new Uint8Array(old))).toBe(text);
      const stored = encodeRaw(text);
      expect(stored[0]).toBe(0x02);
      expect(encodeRaw(Buffer.from(text))[0]).toBe(0x02);
      expect(inflateRawSync(stored.subarray(1), { dictionary: RAW_DICTIONARY_V2 }).toString('utf8')).toBe(text);
      expect(decodeRaw(stored)).toBe(text);
    }
  });

  it('restores every record of a block byte for byte (format 3), from the block and its own two bytes', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'binary', maxLength: 600 }), { minLength: 1, maxLength: RAW_BLOCK_RECORDS }), (texts) => {
        const utf8 = texts.map((t) => Buffer.from(t, 'utf8').toString('utf8'));
        const block = encodeRawBlock(utf8.map((t) => Buffer.from(t)));
        const read = rawReader();
        utf8.forEach((t, i) => {
          expect(decodeRaw(rawInBlock(i), block)).toBe(t);
          expect(read(rawInBlock(i), new Uint8Array(block))).toBe(t);
        });
      }),
      { numRuns: 300 },
    );
    const big = JSON.stringify({ ...makeRecord(), requestParameters: { policy: '{"Sid":"a"}'.repeat(100_000) } });
    const records = [JSON.stringify(makeRecord()), big, ''].map((t) => Buffer.from(t));
    const block = encodeRawBlock(records);
    expect(block[0]).toBe(0x03);
    expect(decodeRaw(rawInBlock(1), block)).toBe(big);
    // 32 records of one file share their fields: far smaller than each compressed alone.
    const file = Array.from({ length: 32 }, (_, i) => Buffer.from(JSON.stringify(makeRecord({ eventName: i % 2 ? 'UpdateChannel' : 'DescribeChannel' }))));
    expect(encodeRawBlock(file).length).toBeLessThan(file.reduce((n, r) => n + encodeRaw(r).length, 0) / 1.5);
  });

  it('reads each record from its own block when a reader goes back and forth between blocks', () => {
    // A commit's events of two files interleaved, as the stores' reader (alias-ids.ts) may see them.
    const files = [0, 1].map((f) => Array.from({ length: 5 }, (_, i) => Buffer.from(JSON.stringify(makeRecord({ eventName: `Op${f}x${i}` })))));
    const blocks = files.map((records) => encodeRawBlock(records));
    const read = rawReader();
    for (const [f, i] of [[0, 0], [1, 0], [1, 3], [0, 4], [0, 2], [1, 1]]) expect(read(rawInBlock(i), blocks[f])).toBe(files[f][i].toString('utf8'));
  });

  it('reads the same text asynchronously, whether the record or its block is inflated on the calling thread or off it', async () => {
    const small = JSON.stringify(makeRecord());
    // Random hex compresses about 2×: well past what is inflated on the calling thread, as a block and alone.
    const large = JSON.stringify({ ...makeRecord(), requestParameters: { policy: randomBytes(300_000).toString('hex') } });
    const block = encodeRawBlock([small, large].map((t) => Buffer.from(t)));
    expect(await decodeRawAsync(rawInBlock(0), block)).toBe(small);
    expect(await decodeRawAsync(rawInBlock(1), new Uint8Array(block))).toBe(large);
    const alone = encodeRawBlock([Buffer.from(small)]);
    expect(await decodeRawAsync(rawInBlock(0), alone)).toBe(small);
    for (const text of [small, large]) {
      expect(await decodeRawAsync(encodeRaw(text))).toBe(text);
      expect(await decodeRawAsync(text)).toBe(text);
    }
    await expect(decodeRawAsync(rawInBlock(2), block)).rejects.toThrow(/no record 2/);
    await expect(decodeRawAsync(rawInBlock(0))).rejects.toThrow(/block was not read/);
  });

  it('refuses a record in a block without its block, past its end, or a block that is not one', () => {
    const block = encodeRawBlock([Buffer.from('{"a":1}'), Buffer.from('{"b":2}')]);
    expect(() => decodeRaw(rawInBlock(0))).toThrow(/block was not read/);
    expect(() => decodeRaw(rawInBlock(2), block)).toThrow(/no record 2/);
    expect(() => decodeRaw(rawInBlock(0), encodeRaw('{}'))).toThrow(/unknown format/);
    expect(() => decodeRaw(rawInBlock(0), block.subarray(0, 3))).toThrow();
    expect(() => encodeRawBlock([])).toThrow(RangeError);
    expect(() => encodeRawBlock(Array.from({ length: RAW_BLOCK_RECORDS + 1 }, () => Buffer.from('{}')))).toThrow(RangeError);
  });
});
