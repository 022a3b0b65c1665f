import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { makeRecord } from '@/lib/testing/records';
import { decodeRaw } from '@/lib/store/raw-codec';
import { parseLogFile } from './parse-log-file';

// Records of other services are skipped by their eventSource bytes, unparsed. Whatever a file
// holds, the events kept must be exactly those a full JSON.parse and a filter keep.

const SOURCES = ['mediapackage.amazonaws.com', 'mediapackagev2.amazonaws.com'];
const OTHERS = ['s3.amazonaws.com', 'ec2.amazonaws.com', 'medialive.amazonaws.com', 'mediapackage.amazonaws.com.evil', 'mediapackage'];

const record = fc.record({
  source: fc.constantFrom(...SOURCES, ...OTHERS),
  // Where the source stands: as the record's own key, escaped, repeated, nested only, or missing.
  shape: fc.constantFrom('plain', 'escaped', 'repeated-last-other', 'repeated-last-ours', 'nested-only', 'missing', 'not-a-string'),
  id: fc.uuid(),
  text: fc.string({ maxLength: 20 }),
});

function recordText(r: { source: string; shape: string; id: string; text: string }): string {
  const base = JSON.stringify({ ...makeRecord({ eventId: r.id }), eventSource: undefined, note: r.text, requestParameters: { eventSource: SOURCES[0] } });
  const body = base.slice(1, -1);
  const source = JSON.stringify(r.source);
  switch (r.shape) {
    case 'plain': return `{"eventSource":${source},${body}}`;
    case 'escaped': return `{"eventSource":${source.replace(/\./g, '\\u002e')},${body}}`;
    case 'repeated-last-other': return `{"eventSource":${source},${body},"eventSource":"s3.amazonaws.com"}`;
    case 'repeated-last-ours': return `{"eventSource":"s3.amazonaws.com",${body},"eventSource":${source}}`;
    case 'not-a-string': return `{"eventSource":${source},${body},"eventSource":["${r.source}"]}`;
    case 'nested-only': return `{${body}}`;
    default: return `{${body}}`;
  }
}

function reference(text: string): string[] {
  return (JSON.parse(text).Records as { eventSource?: unknown; eventID: string }[]).filter((r) => typeof r.eventSource === 'string' && SOURCES.includes(r.eventSource)).map((r) => r.eventID);
}

describe('parseLogFile', () => {
  it('keeps exactly the records a full parse would keep, byte for byte, without parsing the others', () => {
    fc.assert(
      fc.property(fc.array(record, { maxLength: 12 }), (records) => {
        const text = `{"Records":[${records.map(recordText).join(',')}]}`;
        const parsed = parseLogFile(gzipSync(text), true, SOURCES);
        expect(parsed.records).toBe(records.length);
        expect(parsed.events.map((e) => e.summary.eventId)).toEqual(reference(text));
        // Each kept record leaves compressed, and restores to its exact bytes in the file.
        for (const e of parsed.events) expect(e.packed && text).toContain(decodeRaw(e.raw, e.rawBlock));
      }),
      { numRuns: 300 },
    );
  });

  it("compresses a file's kept records in blocks of 32, each shared by its events and written once per block", () => {
    const ours = Array.from({ length: 70 }, (_, i) => JSON.stringify({ ...makeRecord({ eventId: `e-${i}` }), note: i % 7 === 0 ? 'café – 東京 🎬' : 'x'.repeat(i) }));
    const theirs = JSON.stringify({ ...makeRecord({ eventId: 'other' }), eventSource: 's3.amazonaws.com' });
    const text = `{"Records":[${ours.flatMap((r) => [r, theirs]).join(',')}]}`;
    const { events } = parseLogFile(gzipSync(text), true, SOURCES);
    expect(events.map((e) => decodeRaw(e.raw, e.rawBlock))).toEqual(ours);
    const blocks = [...new Set(events.map((e) => e.rawBlock))];
    expect(blocks).toHaveLength(3);
    expect(events.map((e) => blocks.indexOf(e.rawBlock))).toEqual(ours.map((_, i) => Math.floor(i / 32)));
    // A fifth of the bytes or less leave the parser: the blocks, and two bytes an event.
    const stored = blocks.reduce((n, b) => n + b!.length, 0) + events.reduce((n, e) => n + e.raw.length, 0);
    expect(stored).toBeLessThan(Buffer.byteLength(ours.join('')) / 5);
  });
});
