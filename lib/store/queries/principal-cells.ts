import type { EventFilter } from '@/lib/filters/schema';
import { principalDayWhere } from './principal-rollup';
import { windowParts } from './rollup-plan';
import { DAY_MS, MAX_TIME } from './time-units';
import type { Sql } from './sql';
import { buildWhere } from './where';

/** [principal, account_id, op, source ip, read_only, failed, n, first_time, last_time] */
export type Cell = [principal: string, account: string, op: string, ip: string, readOnly: number, failed: number, n: number, first: number, last: number];
export type Visit = (cell: Cell) => void;

function rawCells(db: Sql, filter: EventFilter, visit: Visit): Promise<void> {
  const where = buildWhere(filter, [], { dialect: db.dialect });
  return db.each<Cell>(
    `SELECT e.principal, e.account_id, e.event_name AS op, e.source_ip AS ip, e.read_only, CASE WHEN e.error_code IS NULL THEN 0 ELSE 1 END AS failed,
       count(*) AS n, min(e.event_time) AS first_time, max(e.event_time) AS last_time
     FROM events e ${where.sql} GROUP BY 1, 2, 3, 4, 5, 6`,
    where.params,
    visit,
  );
}

/** Cells of a principal rollup (per day or per hour) over whole units [a, b). */
async function rollupCells(db: Sql, unit: 'day' | 'hour', [a, b]: [number, number], where: { sql: string; params: unknown[] }, visit: Visit): Promise<void> {
  const table = unit === 'day' && (await groupedByIndex(db, a, b)) ? db.dialect.table('rollup_principal_day', '', 'rollup_principal_day_cells') : `rollup_principal_${unit}`;
  return db.each<Cell>(
    `SELECT principal, account_id, event_name AS op, source_ip AS ip, read_only, failed, ${db.dialect.sumCounts('n')} AS n, min(first_time) AS first_time, max(last_time) AS last_time
     FROM ${table} WHERE ${unit} >= ? AND ${unit} < ?${where.sql} GROUP BY principal, account_id, source_ip, event_name, read_only, failed`,
    [a, b, ...where.params],
    visit,
  );
}

/** The first and the last UTC day that hold an event (epoch ms), from the daily principal rollup; null when it is empty. */
export async function storedDays(db: Sql): Promise<{ first: number; last: number } | null> {
  // As arrays: the reading thread answers it again from memory (read-cache.ts) until a commit.
  const [[first, last] = [null, null]] = await db.arrays<[number | null, number | null]>(
    'SELECT (SELECT min(day) FROM rollup_principal_day) AS first, (SELECT max(day) FROM rollup_principal_day) AS last',
  );
  return first == null || last == null ? null : { first: Number(first), last: Number(last) };
}

/**
 * Whether SQLite should group the daily rows of [a, b) through the index in their grouping order
 * (rollup_principal_day_cells): no sort, but every stored day is read. It pays when the window holds
 * at least half of them: at 1M events, /users for the last 90 days grouped in 4.8 ms instead of
 * 16 (the demo's mix) and 1.4 s instead of 2.1 (the bench's wide shape, a row for nearly every
 * event). A week of a year's history is sorted as before, from its own rows.
 */
async function groupedByIndex(db: Sql, a: number, b: number): Promise<boolean> {
  if (db.dialect.name !== 'sqlite') return false;
  const span = await storedDays(db);
  if (!span) return false;
  const stored = span.last + DAY_MS - span.first;
  const inWindow = Math.min(b, span.last + DAY_MS) - Math.max(a, span.first);
  return inWindow * 2 >= stored;
}

/** [principal, account_id, op, n, changes, errors, first_time, last_time] */
export type OpSum = [principal: string, account: string, op: string, n: number, changes: number, errors: number, first: number, last: number];

type Select = { sql: string; params: unknown[] };

/**
 * The window's cells as two SELECTs, either null where it has none: the rollups' whole days and
 * hours, and the events of the partial hours. Asked apart, because the first changes once an hour at
 * most, and the store's reading thread answers it again from memory (read-cache.ts), while
 * the second moves with `from` and holds an hour of events at most. As one SELECT, /users for 30
 * days at 1M wide events read half a day's hourly cells afresh on every request (6 + 4.5 ms).
 */
function cellsSql(db: Sql, filter: EventFilter): { rollups: Select | null; raw: Select | null } {
  const where = principalDayWhere(filter);
  if (!where) throw new Error('cellsSql: the filter names what the principal rollups do not key');
  const { days, hours, raw } = windowParts(filter.from?.getTime() ?? 0, filter.to?.getTime() ?? MAX_TIME);
  const columns = 'principal, account_id, event_name, source_ip, read_only, failed, n, first_time, last_time';
  const rollups: Select[] = [];
  const rollup = (unit: 'day' | 'hour', [a, b]: [number, number]) =>
    rollups.push({ sql: `SELECT ${columns} FROM rollup_principal_${unit} WHERE ${unit} >= ? AND ${unit} < ?${where.sql}`, params: [a, b, ...where.params] });
  if (days) rollup('day', days);
  for (const h of hours) rollup('hour', h);
  const events = raw.map(([a, b]): Select => {
    const edge = buildWhere({ ...filter, from: new Date(a), to: new Date(b) }, [], { dialect: db.dialect });
    return {
      sql: `SELECT e.principal AS principal, e.account_id AS account_id, e.event_name AS event_name, e.source_ip AS source_ip, e.read_only AS read_only,
        CASE WHEN e.error_code IS NULL THEN 0 ELSE 1 END AS failed, 1 AS n, e.event_time AS first_time, e.event_time AS last_time FROM events e ${edge.sql}`,
      params: edge.params,
    };
  });
  const union = (parts: Select[]): Select | null =>
    parts.length ? { sql: parts.map((p) => p.sql).join('\nUNION ALL\n'), params: parts.flatMap((p) => p.params) } : null;
  return { rollups: union(rollups), raw: union(events) };
}

/** Each of the window's two SELECTs (cellsSql) summed by `query`, the rollups' first. */
async function sumParts<R>(db: Sql, filter: EventFilter, query: (cells: Select) => Promise<R[]>): Promise<R[]> {
  const { rollups, raw } = cellsSql(db, filter);
  const [a, b] = await Promise.all([rollups ? query(rollups) : [], raw ? query(raw) : []]);
  return [...a, ...b];
}

/**
 * A window of a few hours (the part of /users' first day beyond its whole days) per principal and
 * operation, added up in SQL: a few thousand rows at most, read at once. Visited cell by cell, half
 * a day of the bench's wide shape (4.6k cells at 1M events) took 15-30 ms, mostly in handing each
 * row over on its own.
 */
export async function partOpSums(db: Sql, filter: EventFilter): Promise<OpSum[]> {
  const sum = db.dialect.sumCounts;
  const rows = await sumParts(db, filter, (cells) =>
    db.arrays<OpSum>(
      `SELECT principal, account_id, event_name, ${sum('n')}, ${sum('CASE WHEN read_only = 0 THEN n ELSE 0 END')}, ${sum('n * failed')}, min(first_time), max(last_time)
       FROM (${cells.sql}) c GROUP BY principal, account_id, event_name`,
      cells.params,
    ),
  );
  const sums = new Map<string, OpSum>();
  for (const row of rows) {
    const key = `${row[1]}\0${row[0]}\0${row[2]}`;
    const had = sums.get(key);
    if (!had) sums.set(key, [...row]);
    else sums.set(key, [had[0], had[1], had[2], had[3] + row[3], had[4] + row[4], had[5] + row[5], Math.min(had[6], row[6]), Math.max(had[7], row[7])]);
  }
  return [...sums.values()];
}

/**
 * The same window's calls from the sources asked, per principal and source. Only those: a source
 * /users does not list needs no count, and the window's others (4.4k of them in that half day)
 * each cost more handed over than added up.
 */
export async function partSourceSums(db: Sql, filter: EventFilter, sources: { principal: string; accountId: string; ip: string }[]): Promise<Map<string, number>> {
  const sums = new Map<string, number>();
  if (!sources.length) return sums;
  // The sources as one parameter, whatever their number (SQLite allows 32,766 per statement).
  const asked = db.dialect.name === 'sqlite'
    ? 'SELECT value ->> 0, value ->> 1, value ->> 2 FROM json_each(?)'
    : 'SELECT s ->> 0, s ->> 1, s ->> 2 FROM jsonb_array_elements(?::jsonb) s';
  const list = JSON.stringify(sources.map((s) => [s.principal, s.accountId, s.ip]));
  const rows = await sumParts(db, filter, (cells) =>
    db.arrays<[string, string, string, number]>(
      `SELECT principal, account_id, source_ip, ${db.dialect.sumCounts('n')} FROM (${cells.sql}) c
       WHERE (principal, account_id, source_ip) IN (${asked}) GROUP BY principal, account_id, source_ip`,
      [...cells.params, list],
    ),
  );
  for (const [principal, account, ip, n] of rows) {
    const key = `${account}\0${principal}\0${ip}`;
    sums.set(key, (sums.get(key) ?? 0) + n);
  }
  return sums;
}

/** A part of a window's cells, read by visiting them one by one. */
export type CellRead = (visit: Visit) => Promise<void>;

/** A rollup's part: its key (statement and parameters) is the same cells while the store is unchanged. */
export interface CellPart {
  key: string;
  read: CellRead;
}

/**
 * The cells of the filter's window: whole days from the daily rollup, whole hours of the partial
 * days from the hourly one, the rest from the events. Read one by one, never gathered as rows: a
 * principal behind thousands of sources makes a cell of nearly every event (the bench's wide
 * shape: a million at 1M events, which held in arrays took the server past 800 MB).
 */
export function cellParts(db: Sql, filter: EventFilter): { days: CellPart | null; hours: CellPart[]; raw: CellRead[] } {
  const raw = (f: EventFilter): CellRead => (visit) => rawCells(db, f, visit);
  const where = principalDayWhere(filter);
  if (!where) return { days: null, hours: [], raw: [raw(filter)] };
  const parts = windowParts(filter.from?.getTime() ?? 0, filter.to?.getTime() ?? MAX_TIME);
  const rollup = (unit: 'day' | 'hour', range: [number, number]): CellPart => ({
    key: `${unit}\0${range.join('-')}\0${where.sql}\0${JSON.stringify(where.params)}`,
    read: (visit) => rollupCells(db, unit, range, where, visit),
  });
  return {
    days: parts.days && rollup('day', parts.days),
    hours: parts.hours.map((h) => rollup('hour', h)),
    raw: parts.raw.map(([a, b]) => raw({ ...filter, from: new Date(a), to: new Date(b) })),
  };
}
