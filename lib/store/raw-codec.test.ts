import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { makeRecord } from '@/lib/testing/records';
import { decodeRaw, encodeRaw } from './raw-codec';

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
});
