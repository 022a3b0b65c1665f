import type { StoredEvent } from '@/lib/events/types';
import type { Dialect } from './sql';
import { DAY_MS, HOUR_MS } from './time-units';

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

/** The finest cells every rollup adds up: name and type of each column of `rollup_batch`. */
const BATCH: [name: string, type: 'bigint' | 'smallint' | 'text'][] = [
  ['hour', 'bigint'], ['principal', 'text'], ['account_id', 'text'], ['event_name', 'text'], ['source_ip', 'text'], ['read_only', 'smallint'],
  ['failed', 'smallint'], ['event_source', 'text'], ['region', 'text'], ['ip_key', 'text'], ['error_code', 'text'], ['n', 'bigint'],
  ['first_time', 'bigint'], ['last_time', 'bigint'],
];

/** The columns of `rollup_batch`, for each store's CREATE TEMP TABLE; `text` is its text type (with a collation, say). */
export const rollupBatchColumns = (text: string): string => BATCH.map(([name, type]) => `${name} ${type === 'text' ? text : type}`).join(', ');

const COUNT_KEY = ['event_name', 'event_source', 'region', 'account_id', 'read_only', 'failed'];
const CALL_KEY = ['principal', 'account_id', 'event_name', 'source_ip', 'read_only', 'failed'];

/**
 * `fill` groups the new rows (its one parameter: the seq they come after) into rollup_batch; each of
 * `rollups` then adds that table's cells to a rollup. The store empties rollup_batch afterwards.
 */
export function rollupStatements(d: Dialect): { fill: string; rollups: string[] } {
  const fill = `INSERT INTO rollup_batch (${BATCH.map(([name]) => name).join(', ')})
    SELECT e.event_time - e.event_time % ${HOUR_MS}, e.principal, e.account_id, e.event_name, e.source_ip, e.read_only,
      CASE WHEN e.error_code <> '' THEN 1 ELSE 0 END, e.event_source, e.region, min(e.ip_key), e.error_code,
      count(*), min(e.event_time), max(e.event_time)
    FROM events e WHERE e.seq > ? GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 11`;
  const n = { column: 'n', sum: d.sumCounts('b.n'), merge: (t: string) => `${t}.n + excluded.n` };
  // Cells with exact first and last times keep the earliest first and the latest last.
  const times = [
    { column: 'first_time', sum: 'min(b.first_time)', merge: (t: string) => d.least(`${t}.first_time`, 'excluded.first_time') },
    { column: 'last_time', sum: 'max(b.last_time)', merge: (t: string) => d.greatest(`${t}.last_time`, 'excluded.last_time') },
  ];
  // A source's IP key is a function of the source: min() picks the one value, and it is never updated.
  const ipKey = { column: 'ip_key', sum: 'min(b.ip_key)' };
  type Value = { column: string; sum: string; merge?: (table: string) => string };
  /** Rollup `table`'s cells, keyed by the unit (the hour, its day, or none for all time) and `key`. */
  const upsert = (table: string, unit: 'hour' | 'day' | null, key: string[], values: Value[], where = '') => {
    const keys = unit ? [unit, ...key] : key;
    const of = [...(unit === 'day' ? [`b.hour - b.hour % ${DAY_MS}`] : unit ? ['b.hour'] : []), ...key.map((c) => `b.${c}`)];
    return `INSERT INTO ${table} (${[...keys, ...values.map((v) => v.column)].join(', ')})
      SELECT ${[...of, ...values.map((v) => v.sum)].join(', ')} FROM rollup_batch b${where} GROUP BY ${keys.map((_, i) => i + 1).join(', ')}
      ON CONFLICT (${keys.join(', ')}) DO UPDATE SET ${values.flatMap((v) => (v.merge ? [`${v.column} = ${v.merge(table)}`] : [])).join(', ')}`;
  };
  return {
    fill,
    rollups: [
      upsert('rollup_hour', 'hour', COUNT_KEY, [n]),
      upsert('rollup_day', 'day', COUNT_KEY, [n]),
      upsert('rollup_source_hour', 'hour', [...COUNT_KEY, 'source_ip'], [ipKey, n]),
      upsert('rollup_source_day', 'day', [...COUNT_KEY, 'source_ip'], [ipKey, n]),
      upsert('rollup_principal_day', 'day', CALL_KEY, [n, ...times]),
      upsert('rollup_principal_hour', 'hour', CALL_KEY, [n, ...times]),
      upsert('rollup_principal_op', null, ['principal', 'account_id', 'event_name', 'read_only', 'failed'], [n, ...times]),
      upsert('rollup_principal_op_day', 'day', ['principal', 'account_id', 'event_name', 'read_only', 'failed'], [n, ...times]),
      upsert('rollup_principal_ip', null, ['principal', 'account_id', 'source_ip'], [n, ...times]),
      upsert('rollup_principal_error_day', 'day', ['principal', 'account_id', 'event_name', 'source_ip', 'read_only', 'error_code'], [n], " WHERE b.error_code <> ''"),
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

/**
 * The facets a transaction's stored events name, added one event at a time so the events need not
 * be kept until the transaction's end: `rows()` gives [kind, value, detail], a principal with its
 * type as first seen.
 */
export class Facets {
  private readonly principals = new Map<string, string>();
  private readonly values = { op: new Set<string>(), source: new Set<string>(), region: new Set<string>(), account: new Set<string>(), error: new Set<string>() };

  add(s: StoredEvent['summary']): void {
    this.values.op.add(s.eventName);
    this.values.source.add(s.eventSource);
    this.values.region.add(s.region);
    this.values.account.add(s.accountId);
    if (s.errorCode) this.values.error.add(s.errorCode);
    if (!this.principals.has(s.principal)) this.principals.set(s.principal, s.principalType);
  }

  rows(): [string, string, string | null][] {
    const rows: [string, string, string | null][] = [];
    for (const [kind, values] of Object.entries(this.values)) for (const value of values) rows.push([kind, value, null]);
    for (const [value, type] of this.principals) rows.push(['principal', value, type]);
    return rows;
  }
}

/** The facet rows a batch of events names (Facets, for events at hand). */
export function facetRows(events: StoredEvent[]): [string, string, string | null][] {
  const facets = new Facets();
  for (const e of events) facets.add(e.summary);
  return facets.rows();
}
