import type { StoredEvent } from '@/lib/events/types';
import type { Dialect } from './sql';

// What a transaction that stores events adds to the rollups and facets. The rollups' cells are
// grouped and upserted by the database itself, from the rows the transaction has just stored: every
// row after the largest seq it saw before its first insert (each statement's one parameter). Both
// stores run them inside the insert's transaction, so the rollups are never stale, and a re-read
// event (not stored again) is never counted twice.
//
// Counted in JavaScript before (a Map of cells, then an upsert per cell), a 300k-event import of the
// bench's wide shape, where nearly every event is a cell of its own in six of the rollups, spent
// 15.4 s on the rollups (5.2 s building the cells); these statements took 5.5 s on the same events
// in SQLite, and 3.6 against 3.4 s on the demo's mix (a cell per ~20 events).

const HOUR = 'e.event_time - e.event_time % 3600000';
const DAY = 'e.event_time - e.event_time % 86400000';
const FAILED = "CASE WHEN e.error_code <> '' THEN 1 ELSE 0 END";
const NEW_ROWS = 'FROM events e WHERE e.seq > ?';
const COUNT_KEY = ['event_name', 'event_source', 'region', 'account_id', 'read_only', 'failed'];
const COUNT_OF = `e.event_name, e.event_source, e.region, e.account_id, e.read_only, ${FAILED}`;
const CALL_KEY = ['principal', 'account_id', 'event_name', 'source_ip', 'read_only', 'failed'];
const CALL_OF = `e.principal, e.account_id, e.event_name, e.source_ip, e.read_only, ${FAILED}`;
const groups = (n: number) => Array.from({ length: n }, (_, i) => i + 1).join(', ');

export function rollupStatements(d: Dialect): string[] {
  const count = (table: string, key: string[], select: string, where = '') =>
    `INSERT INTO ${table} (${key.join(', ')}, n) SELECT ${select}, count(*) ${NEW_ROWS}${where} GROUP BY ${groups(key.length)}
     ON CONFLICT (${key.join(', ')}) DO UPDATE SET n = ${table}.n + excluded.n`;
  // Cells with exact first and last times: the earliest first and the latest last are kept.
  const span = (table: string, key: string[], select: string) =>
    `INSERT INTO ${table} (${key.join(', ')}, n, first_time, last_time)
     SELECT ${select}, count(*), min(e.event_time), max(e.event_time) ${NEW_ROWS} GROUP BY ${groups(key.length)}
     ON CONFLICT (${key.join(', ')}) DO UPDATE SET n = ${table}.n + excluded.n,
       first_time = ${d.least(`${table}.first_time`, 'excluded.first_time')}, last_time = ${d.greatest(`${table}.last_time`, 'excluded.last_time')}`;
  // A source's IP key is a function of the source: min() picks the one value.
  const bySource = (table: string, unit: string, of: string) =>
    `INSERT INTO ${table} (${unit}, ${COUNT_KEY.join(', ')}, source_ip, ip_key, n)
     SELECT ${of}, ${COUNT_OF}, e.source_ip, min(e.ip_key), count(*) ${NEW_ROWS} GROUP BY ${groups(8)}
     ON CONFLICT (${unit}, ${COUNT_KEY.join(', ')}, source_ip) DO UPDATE SET n = ${table}.n + excluded.n`;
  return [
    count('rollup_hour', ['hour', ...COUNT_KEY], `${HOUR}, ${COUNT_OF}`),
    count('rollup_day', ['day', ...COUNT_KEY], `${DAY}, ${COUNT_OF}`),
    bySource('rollup_source_hour', 'hour', HOUR),
    bySource('rollup_source_day', 'day', DAY),
    span('rollup_principal_day', ['day', ...CALL_KEY], `${DAY}, ${CALL_OF}`),
    span('rollup_principal_hour', ['hour', ...CALL_KEY], `${HOUR}, ${CALL_OF}`),
    span('rollup_principal_op', ['principal', 'account_id', 'event_name', 'read_only', 'failed'], `e.principal, e.account_id, e.event_name, e.read_only, ${FAILED}`),
    span('rollup_principal_ip', ['principal', 'account_id', 'source_ip'], 'e.principal, e.account_id, e.source_ip'),
    count('rollup_principal_error_day', ['day', 'principal', 'account_id', 'event_name', 'source_ip', 'read_only', 'error_code'],
      `${DAY}, e.principal, e.account_id, e.event_name, e.source_ip, e.read_only, e.error_code`, " AND e.error_code <> ''"),
    // Counted again for each principal the new rows name, from rollup_principal_ip's key prefix.
    // Told by each upsert instead (RETURNING n, new when it came back as the batch's own count),
    // SQLite's upsert cost 2.6 times as much: 10.5 against 4.0 µs an event of the wide shape.
    `INSERT INTO rollup_principal_sources (principal, account_id, sources)
     SELECT p.principal, p.account_id, (SELECT count(*) FROM rollup_principal_ip i WHERE i.principal = p.principal AND i.account_id = p.account_id)
     FROM (SELECT DISTINCT e.principal, e.account_id ${NEW_ROWS}) p WHERE true
     ON CONFLICT (principal, account_id) DO UPDATE SET sources = excluded.sources`,
  ];
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
