import { describe, expect, it } from 'vitest';
import { generateDemoHistory } from '@/lib/emulator/demo-history';
import { EVENT_SOURCES } from '@/lib/events/resources';
import type { StoredEvent } from '@/lib/events/types';
import { parseLogFile } from './parse-log-file';
import { fromWire, toWire, wireBuffers } from './event-wire';

// The events a parser thread hands over must arrive as parse-log-file made them, field for field,
// raw records and their blocks included.

const SOURCES = Object.values(EVENT_SOURCES) as string[];

/** An event with its raw record and block as hex, which toEqual compares by value rather than through their buffers. */
const comparable = (e: StoredEvent) => ({ ...e, raw: Buffer.from(e.raw).toString('hex'), rawBlock: Buffer.from(e.rawBlock!).toString('hex') });

function parsedFile() {
  const records = generateDemoHistory({ seed: 7, start: new Date('2026-11-01T00:00:00Z'), end: new Date('2026-11-02T00:00:00Z'), eventsPerDay: 2_000 }).map((h) => h.record as Record<string, unknown>);
  // Records the demo does not write: a time that is no time (flagged), a call from a service, and
  // text beyond ASCII (the string table crosses as UTF-8 bytes).
  records.push({ ...records[0], eventID: '00000000-0000-4000-8000-000000000001', eventTime: 'yesterday' });
  records.push({ ...records[1], eventID: '00000000-0000-4000-8000-000000000002', sourceIPAddress: 'cloudformation.amazonaws.com' });
  records.push({ ...records[2], eventID: '00000000-0000-4000-8000-000000000003', userAgent: 'Régie Ünïcödé 🚀 agent', requestParameters: { description: 'chaîne 体育 ✓' } });
  return parseLogFile(Buffer.from(JSON.stringify({ Records: records })), false, SOURCES);
}

describe('event wire', () => {
  it('brings every field of every event across a thread unchanged', () => {
    const file = parsedFile();
    const expected = file.events.map(comparable); // before their buffer is moved below
    const wire = toWire(file.events, file.rawBuffer!)!;
    expect(wire).not.toBeNull();
    // As postMessage moves it: its buffers and the raw buffer transferred, the rest cloned.
    const moved = structuredClone({ wire, rawBuffer: file.rawBuffer! }, { transfer: [...wireBuffers(wire), file.rawBuffer!] });
    const back = fromWire(moved.wire, moved.rawBuffer);
    expect(back.map(comparable)).toEqual(expected);
    // The file holds what the wire has special cases for, or this test would prove little.
    const seen = {
      blocks: wire.blockLengths.length - 1,
      resources: back.filter((e) => e.summary.resources.some((r) => r.arn === null)).length,
      aliases: back.filter((e) => e.aliases.length > 0).length,
      flags: back.filter((e) => e.flags.length > 0).length,
      errors: back.filter((e) => e.summary.errorCode !== null).length,
      withoutIpKey: back.filter((e) => e.ipKey === null).length,
      withoutArn: back.filter((e) => e.summary.principalArn === null).length,
      beyondAscii: back.filter((e) => /[^\x00-\x7f]/.test(e.summary.userAgent + e.searchText)).length,
    };
    for (const [what, n] of Object.entries(seen)) expect(n, what).toBeGreaterThan(0);
  });

  it('declines events whose raw records are not views of the buffer', () => {
    const file = parsedFile();
    const asText: StoredEvent[] = file.events.map((e, i) => (i === 40 ? { ...e, raw: 'the record as text', packed: undefined } : e));
    expect(toWire(asText, file.rawBuffer!)).toBeNull();
    const blockElsewhere = file.events.map((e, i) => (i === 33 ? { ...e, rawBlock: new Uint8Array(e.rawBlock!) } : e));
    expect(toWire(blockElsewhere, file.rawBuffer!)).toBeNull();
    expect(toWire(file.events, file.rawBuffer!)).not.toBeNull();
  });

  it('carries a file without events', () => {
    const none = toWire([], new ArrayBuffer(0))!;
    expect(fromWire(structuredClone(none), new ArrayBuffer(0))).toEqual([]);
  });
});
