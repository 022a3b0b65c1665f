import { describeEvent } from '@/lib/events/describe/describe-event';
import type { EventSummary, ResourceRef, StoredEvent } from '@/lib/events/types';
import { decodeRaw, type RawRead } from './raw-codec';

// v1 ARNs carry an internal id; mutating calls tell which id its user chose (StoredEvent.aliases).
// Both stores keep those ties in resource_aliases and name resources by the chosen id, in the
// events stored after the tie and, retold, in those stored before it.

function parseRecordOrUndefined(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return undefined;
  }
}

/** The record's text, whatever form the event carries it in. */
export function recordText(e: StoredEvent, read: RawRead = decodeRaw): string {
  if (e.packed) return read(e.raw, e.rawBlock);
  return typeof e.raw === 'string' ? e.raw : Buffer.from(e.raw.buffer, e.raw.byteOffset, e.raw.byteLength).toString('utf8');
}

/**
 * The event's resources named by their chosen ids where known, and its sentence told with them.
 * `read` is the commit's rawReader(): an import's events come in blocks of 32 records, and where
 * their v1 ARNs are tied (many of the wide shape's), inflating the block for each event took 1.3 s
 * of the writing thread's 9.5 busy in a 100k-event SQLite import; once a block, the import's wall
 * time fell to 0.93x.
 */
export function withAliasIds(e: StoredEvent, idOf: (arn: string) => string | undefined, read: RawRead = decodeRaw): { resources: ResourceRef[]; description: string } {
  const s = e.summary;
  const resources = s.resources.map((r) => {
    const id = r.arn ? (idOf(r.arn) ?? r.id) : r.id;
    return id === r.id ? r : { ...r, id };
  });
  // A resource the record names by its ARN alone reads by the id its user chose, once known.
  const changed = resources.some((r, i) => r !== s.resources[i]);
  return { resources, description: changed ? describeEvent({ ...s, resources }, parseRecordOrUndefined(recordText(e, read))) : s.description };
}

/** A stored event's sentence told again from its record, once its resources carry the chosen ids. */
export function retell(summary: EventSummary, stored: string | Uint8Array, block: Uint8Array | null, read: RawRead = decodeRaw): string {
  return describeEvent(summary, parseRecordOrUndefined(read(stored, block)));
}

/** An event's references as both stores have always kept them: one per type and id, the first named. */
export function oncePerTypeAndId(resources: ResourceRef[]): ResourceRef[] {
  if (resources.length < 2) return resources;
  const seen = new Set<string>();
  return resources.filter((r) => {
    const key = `${r.type}\u0000${r.id}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
