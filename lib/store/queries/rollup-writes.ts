import type { StoredEvent } from '@/lib/events/types';
import type { Dialect } from './sql';

// What a transaction that stores events adds to the rollups and facets. The rollups' cells are
// grouped and upserted by the database itself, inside the insert's transaction (so they are never
// stale), from the rows that transaction has just stored: every row after the largest seq it saw
// before its first insert. A re-read event, not stored again, is never counted twice.
//
// Counted in JavaScript before (a Map of cells, then an upsert per cell), a 300k-event import of the
// bench's wide shape, where nearly every event is a cell of its own in six of the rollups, spent
// 15.4 s on the rollups (5.2 s building the cells); these statements take 5.5-5.8 s in SQLite. The
// new rows are grouped once, into the finest cells every rollup adds up (`rollup_batch`, a temporary
// table of each store's writing connection), and each rollup is summed from those: grouped from the
// events ten times over instead, the demo's mix (a cell per ~4 events) took 2.9 s against 1.5.

/** What each store's temporary `rollup_batch` table holds, in this order. */
export const ROLLUP_BATCH_COLUMNS = [
  'hour', 'principal', 'account_id', 'event_name', 'source_ip', 'read_only', 'failed', 'event_source', 'region', 'ip_key', 'error_code', 'n', 'first_time', 'last_time',
] as const;

const groups = (n: number) => Array.from({ length: n }, (_, i) => i + 1).join(', ');
const COUNT_KEY = ['event_name', 'event_source', 'region', 'account_id', 'read_only', 'failed'];
const CALL_KEY = ['principal', 'account_id', 'event_name', 'source_ip', 'read_only', 'failed'];
const DAY = 'b.hour - b.hour % 86400000';
const cols = (names: string[]) => names.map((c) => `b.${c}`).join(', ');

/**
 * `fill` groups the new rows (its one parameter: the seq they come after) into rollup_batch; each of
 * `rollups` then adds that table's cells to a rollup. The store empties rollup_batch afterwards.
 */
export function rollupStatements(d: Dialect): { fill: string; rollups: string[] } {
  const fill = `INSERT INTO rollup_batch (${ROLLUP_BATCH_COLUMNS.join(', ')})
    SELECT e.event_time - e.event_time % 3600000, e.principal, e.account_id, e.event_name, e.source_ip, e.read_only,
      CASE WHEN e.error_code <> '' THEN 1 ELSE 0 END, e.event_source, e.region, min(e.ip_key), e.error_code,
      count(*), min(e.event_time), max(e.event_time)
    FROM events e WHERE e.seq > ? GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 11`;
  const n = d.sumCounts('b.n');
  const count = (table: string, unit: string, key: string[], where = '') =>
    `INSERT INTO ${table} (${[...(unit ? [unit] : []), ...key].join(', ')}, n)
     SELECT ${[...(unit ? [unit === 'day' ? DAY : 'b.hour'] : []), cols(key)].join(', ')}, ${n} FROM rollup_batch b${where} GROUP BY ${groups(key.length + (unit ? 1 : 0))}
     ON CONFLICT (${[...(unit ? [unit] : []), ...key].join(', ')}) DO UPDATE SET n = ${table}.n + excluded.n`;
  // Cells with exact first and last times: the earliest first and the latest last are kept.
  const span = (table: string, unit: string, key: string[]) =>
    `INSERT INTO ${table} (${[...(unit ? [unit] : []), ...key].join(', ')}, n, first_time, last_time)
     SELECT ${[...(unit ? [unit === 'day' ? DAY : 'b.hour'] : []), cols(key)].join(', ')}, ${n}, min(b.first_time), max(b.last_time) FROM rollup_batch b
     GROUP BY ${groups(key.length + (unit ? 1 : 0))}
     ON CONFLICT (${[...(unit ? [unit] : []), ...key].join(', ')}) DO UPDATE SET n = ${table}.n + excluded.n,
       first_time = ${d.least(`${table}.first_time`, 'excluded.first_time')}, last_time = ${d.greatest(`${table}.last_time`, 'excluded.last_time')}`;
  // A source's IP key is a function of the source: min() picks the one value.
  const bySource = (table: string, unit: 'hour' | 'day') =>
    `INSERT INTO ${table} (${unit}, ${COUNT_KEY.join(', ')}, source_ip, ip_key, n)
     SELECT ${unit === 'day' ? DAY : 'b.hour'}, ${cols(COUNT_KEY)}, b.source_ip, min(b.ip_key), ${n} FROM rollup_batch b GROUP BY ${groups(8)}
     ON CONFLICT (${unit}, ${COUNT_KEY.join(', ')}, source_ip) DO UPDATE SET n = ${table}.n + excluded.n`;
  return {
    fill,
    rollups: [
      count('rollup_hour', 'hour', COUNT_KEY),
      count('rollup_day', 'day', COUNT_KEY),
      bySource('rollup_source_hour', 'hour'),
      bySource('rollup_source_day', 'day'),
      span('rollup_principal_day', 'day', CALL_KEY),
      span('rollup_principal_hour', 'hour', CALL_KEY),
      span('rollup_principal_op', '', ['principal', 'account_id', 'event_name', 'read_only', 'failed']),
      span('rollup_principal_ip', '', ['principal', 'account_id', 'source_ip']),
      count('rollup_principal_error_day', 'day', ['principal', 'account_id', 'event_name', 'source_ip', 'read_only', 'error_code'], " WHERE b.error_code <> ''"),
      // Counted again for each principal the new rows name, from rollup_principal_ip's key prefix.
      // Told by each upsert instead (RETURNING n, new when it came back as the batch's own count),
      // SQLite's upsert cost 2.6 times as much: 10.5 against 4.0 µs an event of the wide shape.
      `INSERT INTO rollup_principal_sources (principal, account_id, sources)
       SELECT p.principal, p.account_id, (SELECT count(*) FROM rollup_principal_ip i WHERE i.principal = p.principal AND i.account_id = p.account_id)
       FROM (SELECT DISTINCT b.principal, b.account_id FROM rollup_batch b) p WHERE true
       ON CONFLICT (principal, account_id) DO UPDATE SET sources = excluded.sources`,
    ],
  };
}

/** The facet rows a batch of events names: [kind, value, detail], a principal with its type as first seen. */
export function facetRows(events: StoredEvent[]): [string, string, string | null][] {
  const principals = new Map<string, string>();
  const facets = { op: new Set<string>(), source: new Set<string>(), region: new Set<string>(), account: new Set<string>(), error: new Set<string>() };
  for (const { summary: s } of events) {
    facets.op.add(s.eventName);
    facets.source.add(s.eventSource);
    facets.region.add(s.region);
    facets.account.add(s.accountId);
    if (s.errorCode) facets.error.add(s.errorCode);
    if (!principals.has(s.principal)) principals.set(s.principal, s.principalType);
  }
  const rows: [string, string, string | null][] = [];
  for (const [kind, values] of Object.entries(facets)) for (const value of values) rows.push([kind, value, null]);
  for (const [value, type] of principals) rows.push(['principal', value, type]);
  return rows;
}
