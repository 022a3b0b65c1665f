import type { EventSummary, PrincipalType, ResourceRef } from '@/lib/events/types';
import { encodeCursor } from '../cursor';
import type { EventPage } from '../types';
import { prepared, type Sql } from './sql';

export interface EventRow {
  seq: number;
  event_id: string;
  event_time: number;
  event_source: string;
  event_name: string;
  region: string;
  account_id: string;
  read_only: number;
  error_code: string | null;
  error_message: string | null;
  source_ip: string;
  user_agent: string;
  principal: string;
  principal_type: string;
  principal_arn: string | null;
  access_key_id: string | null;
  description: string;
}

/** A text stored once (user agents, principals' ARNs: sqlite/text-dictionary-migration.ts), by the column holding its number. */
export const textOf = (tidColumn: string) => `(SELECT text FROM texts WHERE tid = ${tidColumn})`;

/**
 * An event's sentence: in its row, or (the row's NULL) in `event_texts` with its search text, where a
 * batch of the PostgreSQL store's events shares both (postgres/shared-texts.ts).
 */
export const SENTENCE = 'coalesce(e.description, (SELECT t.description FROM event_texts t WHERE t.xid = e.texts_xid))';

export const SUMMARY_COLUMNS = `e.seq, e.event_id, e.event_time, e.event_source, e.event_name, e.region, e.account_id, e.read_only, e.error_code,
  e.error_message, e.source_ip, ${textOf('e.user_agent_tid')} AS user_agent, e.principal, e.principal_type,
  ${textOf('e.principal_arn_tid')} AS principal_arn, e.access_key_id, ${SENTENCE} AS description`;

/** Events' references joined to the resources they name, and a resource's columns as summaries carry them ('' is stored for no ARN). */
export const RESOURCE_REFS = 'event_resource_refs f JOIN resources r ON r.rid = f.rid';
export const RESOURCE_COLUMNS = "r.type, r.id, nullif(r.arn, '') AS arn";

/**
 * An event's stored record (`raw`) and, when the import stored it in a block of records
 * (raw-codec format 3), that block (`raw_block`, else null): both go to decodeRaw.
 */
export const RECORD_COLUMNS = 'x.raw, b.data AS raw_block';
export const BLOCK_JOIN = 'LEFT JOIN raw_blocks b ON b.block = x.block';
export const RECORD_JOIN = `JOIN event_raw x ON x.seq = e.seq ${BLOCK_JOIN}`;
export type RecordColumns = { raw: string | Buffer; raw_block: Buffer | null };

/** The events naming an ARN, with their records: those told again once the ARN is tied to the id its user chose. */
export const EVENTS_ON_ARN = `SELECT ${SUMMARY_COLUMNS}, ${RECORD_COLUMNS} FROM events e ${RECORD_JOIN}
  WHERE e.seq IN (SELECT f.event_seq FROM ${RESOURCE_REFS} WHERE r.arn = ?)`;

export function toSummary(row: EventRow, resources: ResourceRef[]): EventSummary {
  return {
    eventId: row.event_id,
    eventTime: new Date(row.event_time).toISOString(),
    eventSource: row.event_source,
    eventName: row.event_name,
    region: row.region,
    accountId: row.account_id,
    readOnly: row.read_only === 1,
    errorCode: row.error_code,
    errorMessage: row.error_message,
    sourceIp: row.source_ip,
    userAgent: row.user_agent,
    principal: row.principal,
    principalType: row.principal_type as PrincipalType,
    principalArn: row.principal_arn,
    accessKeyId: row.access_key_id,
    resources,
    description: row.description,
  };
}

/** SQLite's parameter limit is 32,766; a long resource history asks for more events than that. */
const CHUNK = 500;
/** Lists of up to this many ids are named statements (`prepared`): each of the two lookups below keeps at most that many per connection. */
const PLANNED_ONCE = 64;

/** Rows of `sql` (which ends in `IN (…)`, filled here) for every id, CHUNK ids a statement. */
async function inChunks<T>(db: Sql, ids: number[], sql: (list: string) => string): Promise<T[]> {
  const rows: T[] = [];
  for (let i = 0; i < ids.length; i += CHUNK) {
    const part = ids.slice(i, i + CHUNK);
    const text = sql(part.map(() => '?').join(','));
    // Lookups by key whatever the ids, so one plan serves: on PostgreSQL planning them was most of
    // what they cost (an events page's 31 resources: 0.26 ms to plan, 0.13 to run). A list's length
    // is part of its text: each length up to PLANNED_ONCE is planned once per connection.
    rows.push(...(await db.all<T>(part.length <= PLANNED_ONCE ? prepared(text) : text, part)));
  }
  return rows;
}

/** The resources of each event, keyed by seq, in type and id order. */
export async function resourcesOfSeqs(db: Sql, seqs: number[]): Promise<Map<number, ResourceRef[]>> {
  const map = new Map<number, ResourceRef[]>();
  const rows = await inChunks<{ event_seq: number; type: string; id: string; arn: string | null }>(
    db,
    seqs,
    (list) => `SELECT f.event_seq, ${RESOURCE_COLUMNS} FROM ${RESOURCE_REFS} WHERE f.event_seq IN (${list}) ORDER BY r.type, r.id`,
  );
  for (const r of rows) {
    const list = map.get(r.event_seq) ?? [];
    list.push({ type: r.type, id: r.id, arn: r.arn });
    map.set(r.event_seq, list);
  }
  return map;
}

/** The texts of numbers read from events (user_agent_tid, principal_arn_tid). */
export async function textsOf(db: Sql, tids: number[]): Promise<Map<number, string>> {
  const rows = await inChunks<{ tid: number; text: string }>(db, tids, (list) => `SELECT tid, text FROM texts WHERE tid IN (${list})`);
  return new Map(rows.map((r) => [r.tid, r.text]));
}

/** Summaries for rows, with their resources. */
export async function summariesOf(db: Sql, rows: EventRow[]): Promise<EventSummary[]> {
  const resources = await resourcesOfSeqs(db, [...new Set(rows.map((r) => r.seq))]);
  return rows.map((r) => toSummary(r, resources.get(r.seq) ?? []));
}

/** A page from a keyset query read with LIMIT limit + 1: the extra row only says there is more. */
export async function pageOf(db: Sql, rows: EventRow[], limit: number): Promise<EventPage> {
  const shown = rows.length > limit ? rows.slice(0, limit) : rows;
  const last = shown[shown.length - 1];
  return {
    events: await summariesOf(db, shown),
    nextCursor: rows.length > limit && last ? encodeCursor({ time: last.event_time, eventId: last.event_id }) : null,
  };
}
