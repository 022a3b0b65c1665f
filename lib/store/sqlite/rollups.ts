import type Database from 'better-sqlite3';
import type { StoredEvent } from '@/lib/events/types';
import type { EventFilter } from '@/lib/filters/schema';
import { buildWhere } from './where';

export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

/** Adds inserted events to the facets and the hourly rollup; called inside the insert's transaction. */
export class RollupWriter {
  private readonly facet: Database.Statement;
  private readonly bump: Database.Statement;
  private readonly bumpPrincipal: Database.Statement;
  private readonly bumpDay: Database.Statement;

  constructor(db: Database.Database) {
    this.facet = db.prepare('INSERT OR IGNORE INTO facets (kind, value, detail) VALUES (?, ?, ?)');
    this.bump = db.prepare(`INSERT INTO rollup_hour (hour, event_name, event_source, region, account_id, read_only, failed, n)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO UPDATE SET n = n + excluded.n`);
    this.bumpDay = db.prepare(`INSERT INTO rollup_day (day, event_name, event_source, region, account_id, read_only, failed, n)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO UPDATE SET n = n + excluded.n`);
    this.bumpPrincipal = db.prepare(`INSERT INTO rollup_principal_day (day, principal, event_name, source_ip, read_only, failed, n, first_time, last_time)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO UPDATE SET n = n + excluded.n,
        first_time = min(first_time, excluded.first_time), last_time = max(last_time, excluded.last_time)`);
  }

  /**
   * Counts a batch in memory first, so a page of 2,000 events costs a few dozen upserts, not 8,000.
   * `times` are the events' times in epoch ms, parsed once by the caller.
   */
  add(events: StoredEvent[], times: number[]): void {
    const hours = new Map<string, { row: unknown[]; n: number }>();
    const perPrincipal = new Map<string, { row: unknown[]; n: number; first: number; last: number }>();
    const principals = new Map<string, string>();
    const facets = { op: new Set<string>(), source: new Set<string>(), region: new Set<string>(), account: new Set<string>(), error: new Set<string>() };
    for (let i = 0; i < events.length; i++) {
      const s = events[i].summary;
      const t = times[i];
      const readOnly = s.readOnly ? 1 : 0;
      const failed = s.errorCode ? 1 : 0;
      const day = t - (t % DAY_MS);
      // \0 cannot occur in the names CloudTrail sends, so joined keys are unambiguous.
      const pKey = `${day}\0${s.principal}\0${s.eventName}\0${s.sourceIp}\0${readOnly}${failed}`;
      const p = perPrincipal.get(pKey);
      if (p) {
        p.n++;
        if (t < p.first) p.first = t;
        if (t > p.last) p.last = t;
      } else perPrincipal.set(pKey, { row: [day, s.principal, s.eventName, s.sourceIp, readOnly, failed], n: 1, first: t, last: t });
      const hour = t - (t % HOUR_MS);
      const hKey = `${hour}\0${s.eventName}\0${s.eventSource}\0${s.region}\0${s.accountId}\0${readOnly}${failed}`;
      const h = hours.get(hKey);
      if (h) h.n++;
      else hours.set(hKey, { row: [hour, s.eventName, s.eventSource, s.region, s.accountId, readOnly, failed], n: 1 });
      facets.op.add(s.eventName);
      facets.source.add(s.eventSource);
      facets.region.add(s.region);
      facets.account.add(s.accountId);
      if (s.errorCode) facets.error.add(s.errorCode);
      if (!principals.has(s.principal)) principals.set(s.principal, s.principalType);
    }
    const days = new Map<string, { row: unknown[]; n: number }>();
    for (const { row, n } of hours.values()) {
      this.bump.run(...row, n);
      const day = (row[0] as number) - ((row[0] as number) % DAY_MS);
      const dKey = `${day}\0${row.slice(1).join('\0')}`;
      const d = days.get(dKey);
      if (d) d.n += n;
      else days.set(dKey, { row: [day, ...row.slice(1)], n });
    }
    for (const { row, n } of days.values()) this.bumpDay.run(...row, n);
    for (const { row, n, first, last } of perPrincipal.values()) this.bumpPrincipal.run(...row, n, first, last);
    for (const [kind, values] of Object.entries(facets)) for (const value of values) this.facet.run(kind, value, null);
    for (const [value, type] of principals) this.facet.run('principal', value, type);
  }
}

/**
 * The rollup answers a filter that only names its dimensions (operation, source, region, account,
 * read/write, failed or not, time). IP, principal, resource, text and a specific error code need
 * the events themselves.
 */
export function rollupWhere(filter: EventFilter): { sql: string; params: unknown[] } | null {
  if (filter.ip || filter.user || filter.resource || filter.q || filter.error?.kind === 'code') return null;
  const clauses: string[] = [];
  const params: unknown[] = [];
  const list = (column: string, values: string[]) => {
    if (!values.length) return;
    clauses.push(`${column} IN (${values.map(() => '?').join(', ')})`);
    params.push(...values);
  };
  list('event_name', filter.ops);
  list('event_source', filter.sources);
  list('region', filter.regions);
  list('account_id', filter.accounts);
  if (filter.readOnly !== null) {
    clauses.push('read_only = ?');
    params.push(filter.readOnly ? 1 : 0);
  }
  if (filter.error?.kind === 'any') clauses.push('failed = 1');
  if (filter.error?.kind === 'none') clauses.push('failed = 0');
  return { sql: clauses.join(' AND '), params };
}

/**
 * Splits [from, to] (inclusive, ms) into whole hours the rollup can answer and the partial hours
 * at either edge that must be read from the events.
 */
export function splitHours(from: number, to: number, unit = HOUR_MS): { hours: [number, number] | null; edges: [number, number][] } {
  const first = Math.ceil(from / unit) * unit;
  const end = Math.floor((to + 1) / unit) * unit; // exclusive
  if (first >= end) return { hours: null, edges: [[from, to]] };
  const edges: [number, number][] = [];
  if (from < first) edges.push([from, first - 1]);
  if (end <= to) edges.push([end, to]);
  return { hours: [first, end], edges };
}

/** A count answered from the daily and hourly rollups plus the events of partial edge hours; null when the rollups cannot answer. */
export function countFromRollup(db: Database.Database, filter: EventFilter): number | null {
  const where = rollupWhere(filter);
  if (!where) return null;
  const and = where.sql ? ` AND ${where.sql}` : '';
  const sum = (table: string, column: string, [a, b]: [number, number]) =>
    db.prepare(`SELECT coalesce(sum(n), 0) FROM ${table} WHERE ${column} >= ? AND ${column} < ?${and}`).pluck().get(a, b, ...where.params) as number;
  const raw = ([a, b]: [number, number]) => {
    const edge = buildWhere({ ...filter, from: new Date(a), to: new Date(b) });
    return db.prepare(`SELECT count(*) FROM events e ${edge.sql}`).pluck().get(...edge.params) as number;
  };
  const hourly = (range: [number, number]) => {
    const { hours, edges } = splitHours(range[0], range[1]);
    return (hours ? sum('rollup_hour', 'hour', hours) : 0) + edges.reduce((n, e) => n + raw(e), 0);
  };
  const { hours: days, edges } = splitHours(filter.from?.getTime() ?? 0, filter.to?.getTime() ?? MAX_TIME, DAY_MS);
  return (days ? sum('rollup_day', 'day', days) : 0) + edges.reduce((n, e) => n + hourly(e), 0);
}

export const MAX_TIME = 8.64e15; // the largest JavaScript Date
