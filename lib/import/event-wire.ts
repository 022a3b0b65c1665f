import type { PrincipalType, ResourceRef, StoredEvent } from '@/lib/events/types';
import { RAW_BLOCK_RECORDS } from '@/lib/store/raw-codec';

// How a parser thread hands one file's events to the thread that writes the store. Posted as objects,
// each event's thirty-odd fields and their names were serialised by the parser and rebuilt, string by
// string, on the writer's thread: 1.6 s of the writer's time for 300k events, on the one thread the
// import waits for. Here the fields go as numbers in one Int32Array (moved, not copied) naming
// strings in a table where a file's repeated values (its sources, names, regions, principals, user
// agents, addresses) appear once, and the events' raw records as the places of their blocks in the
// file's raw buffer, which moves too. The table itself is UTF-8 bytes, moved too, and read into
// strings only when the file is stored: posted as strings, a file's table was made on arrival and
// waited among the files read ahead, so it outlived the young generation, and the writing thread's
// scavenges spent their time copying it (node --trace-gc). A lone surrogate (a JSON \ud800 escape)
// in a field arrives as U+FFFD, as the PostgreSQL driver would write it; better-sqlite3 would have
// written its three bytes as they are, which are not UTF-8. The raw record is not in the table.

/** One file's events as they cross between threads. */
export interface EventWire {
  count: number;
  /** The string table: string i is text's bytes from ends[i - 1] (0 for the first) to ends[i], UTF-8. */
  text: Uint8Array;
  ends: Int32Array;
  /** Per event, in order: the fixed fields (strings as table indexes, -1 for null), then its resources, flags and aliases, each counted. */
  cells: Int32Array;
  /** Byte lengths of the file's raw blocks, in the order they lie in the raw buffer; each event's own two bytes follow them. */
  blockLengths: number[];
}

/**
 * The wire form of `events`, whose raw records are the views parse-log-file places in `rawBuffer`:
 * the blocks first (event i in block i / RAW_BLOCK_RECORDS), then each event's two bytes. Null when
 * they are not: a parser that made them so is broken.
 */
export function toWire(events: readonly StoredEvent[], rawBuffer: ArrayBuffer): EventWire | null {
  const blockLengths: number[] = [];
  let rawStart = 0;
  for (let i = 0; i < events.length; i += RAW_BLOCK_RECORDS) {
    const block = events[i].rawBlock;
    if (block?.buffer !== rawBuffer || block.byteOffset !== rawStart) return null;
    blockLengths.push(block.byteLength);
    rawStart += block.byteLength;
  }
  const strings: string[] = [];
  const indexOf = new Map<string, number>();
  const once = (s: string) => strings.push(s) - 1;
  // Values a file repeats are looked up; those unique to an event (ids, sentences) are not worth the hashing.
  const shared = (s: string) => {
    let i = indexOf.get(s);
    if (i === undefined) indexOf.set(s, (i = once(s)));
    return i;
  };
  const orNull = (s: string | null, f: (s: string) => number) => (s === null ? -1 : f(s));
  const cells: number[] = [];
  for (let i = 0; i < events.length; i++) {
    const e = events[i];
    const raw = e.raw;
    if (!e.packed || typeof raw === 'string' || raw.buffer !== rawBuffer || raw.byteOffset !== rawStart + 2 * i || raw.byteLength !== 2) return null;
    if (e.rawBlock !== events[i - (i % RAW_BLOCK_RECORDS)].rawBlock) return null;
    const s = e.summary;
    cells.push(
      once(s.eventId), shared(s.eventTime), shared(s.eventSource), shared(s.eventName), shared(s.region), shared(s.accountId),
      s.readOnly ? 1 : 0, orNull(s.errorCode, shared), orNull(s.errorMessage, shared), shared(s.sourceIp), shared(s.userAgent),
      shared(s.principal), shared(s.principalType), orNull(s.principalArn, shared), orNull(s.accessKeyId, shared),
      once(s.description), orNull(e.ipKey, shared), once(e.searchText), orNull(e.requestId, once), orNull(e.sessionCreated, shared),
      s.resources.length,
    );
    for (const r of s.resources) cells.push(shared(r.type), shared(r.id), orNull(r.arn, shared));
    cells.push(e.flags.length);
    for (const f of e.flags) cells.push(shared(f));
    cells.push(e.aliases.length);
    for (const a of e.aliases) cells.push(shared(a.arn), shared(a.id), shared(a.type));
  }
  return { count: events.length, ...stringTable(strings), cells: Int32Array.from(cells), blockLengths };
}

/** What postMessage moves rather than copies: the wire's typed arrays' buffers. */
export const wireBuffers = (wire: EventWire): ArrayBuffer[] => [wire.text.buffer as ArrayBuffer, wire.ends.buffer as ArrayBuffer, wire.cells.buffer as ArrayBuffer];

function stringTable(strings: string[]): Pick<EventWire, 'text' | 'ends'> {
  const ends = new Int32Array(strings.length);
  let total = 0;
  for (let i = 0; i < strings.length; i++) ends[i] = total += Buffer.byteLength(strings[i]);
  // A buffer of its own (not a slice of Node's pool), so it can be moved.
  const text = Buffer.allocUnsafeSlow(total);
  for (let i = 0, at = 0; i < strings.length; i++) at += text.write(strings[i], at);
  return { text, ends };
}

function readStrings({ text, ends }: EventWire): string[] {
  const bytes = Buffer.from(text.buffer, text.byteOffset, text.byteLength);
  const strings: string[] = new Array(ends.length);
  for (let i = 0, start = 0; i < ends.length; start = ends[i++]) strings[i] = bytes.toString('utf8', start, ends[i]);
  return strings;
}

/** The events `toWire` was given, their raw records views of `rawBuffer` again. */
export function fromWire(wire: EventWire, rawBuffer: ArrayBuffer): StoredEvent[] {
  const { cells } = wire;
  const strings = readStrings(wire);
  const blocks: Uint8Array[] = [];
  let at = 0;
  for (const n of wire.blockLengths) {
    blocks.push(new Uint8Array(rawBuffer, at, n));
    at += n;
  }
  const events: StoredEvent[] = new Array(wire.count);
  let c = 0;
  const str = () => strings[cells[c++]];
  const strOrNull = () => {
    const i = cells[c++];
    return i < 0 ? null : strings[i];
  };
  for (let i = 0; i < wire.count; i++) {
    const eventId = str(), eventTime = str(), eventSource = str(), eventName = str(), region = str(), accountId = str();
    const readOnly = cells[c++] === 1;
    const errorCode = strOrNull(), errorMessage = strOrNull(), sourceIp = str(), userAgent = str(), principal = str();
    const principalType = str() as PrincipalType;
    const principalArn = strOrNull(), accessKeyId = strOrNull(), description = str();
    const ipKey = strOrNull(), searchText = str(), requestId = strOrNull(), sessionCreated = strOrNull();
    const resources: ResourceRef[] = new Array(cells[c++]);
    for (let r = 0; r < resources.length; r++) resources[r] = { type: str(), id: str(), arn: strOrNull() };
    const flags: string[] = new Array(cells[c++]);
    for (let f = 0; f < flags.length; f++) flags[f] = str();
    const aliases: StoredEvent['aliases'] = new Array(cells[c++]);
    for (let a = 0; a < aliases.length; a++) aliases[a] = { arn: str(), id: str(), type: str() };
    events[i] = {
      summary: {
        eventId, eventTime, eventSource, eventName, region, accountId, readOnly, errorCode, errorMessage, sourceIp, userAgent,
        principal, principalType, principalArn, accessKeyId, resources, description,
      },
      raw: new Uint8Array(rawBuffer, at + 2 * i, 2),
      ipKey, searchText, flags, aliases, requestId, sessionCreated,
      rawBlock: blocks[Math.floor(i / RAW_BLOCK_RECORDS)],
      packed: true,
    };
  }
  return events;
}
