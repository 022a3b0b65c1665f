import type Database from 'better-sqlite3';
import type { EventSummary, ResourceRef } from '@/lib/events/types';
import type { EventFilter } from '@/lib/filters/schema';
import type { CursorKey } from '../cursor';
import { SUMMARY_COLUMNS, toSummary, type EventRow } from './rows';
import { buildWhere } from './where';

// Streams every matching event, newest first, for export. Each chunk is a short keyset query
// read with .iterate(): no statement stays open across an await, so a slow download never holds
// the connection (a sync can write between chunks) and at most one chunk sits in memory.

export const EXPORT_CHUNK = 500;

/** Resources of the given events, in one query (read with .iterate(), nothing kept but the map). */
export function resourcesFor(db: Database.Database, seqs: number[]): Map<number, ResourceRef[]> {
  const map = new Map<number, ResourceRef[]>();
  if (!seqs.length) return map;
  const rows = db
    .prepare(`SELECT event_seq, type, id, arn FROM event_resources WHERE event_seq IN (${seqs.map(() => '?').join(',')}) ORDER BY type, id`)
    .iterate(...seqs) as IterableIterator<{ event_seq: number; type: string; id: string; arn: string | null }>;
  for (const r of rows) {
    const list = map.get(r.event_seq) ?? [];
    list.push({ type: r.type, id: r.id, arn: r.arn });
    map.set(r.event_seq, list);
  }
  return map;
}

/** One chunk after `after` (exclusive), newest first; fewer than `size` rows means the end. */
export function readChunk(db: Database.Database, filter: EventFilter, after: CursorKey | null, size: number): EventSummary[] {
  const where = buildWhere(filter, after ? [{ sql: '(e.event_time, e.event_id) < (?, ?)', params: [after.time, after.eventId] }] : []);
  const statement = db.prepare(`SELECT ${SUMMARY_COLUMNS} FROM events e ${where.sql} ORDER BY e.event_time DESC, e.event_id DESC LIMIT ?`);
  const rows: EventRow[] = [];
  for (const row of statement.iterate(...where.params, size) as IterableIterator<EventRow>) rows.push(row);
  const resources = resourcesFor(db, rows.map((r) => r.seq));
  return rows.map((r) => toSummary(r, resources.get(r.seq) ?? []));
}

export async function* streamEvents(db: Database.Database, filter: EventFilter, chunkSize = EXPORT_CHUNK): AsyncGenerator<EventSummary> {
  let after: CursorKey | null = null;
  for (;;) {
    const chunk = readChunk(db, filter, after, chunkSize);
    for (const event of chunk) yield event;
    if (chunk.length < chunkSize) return;
    const last = chunk[chunk.length - 1];
    after = { time: Date.parse(last.eventTime), eventId: last.eventId };
  }
}
