import type Database from 'better-sqlite3';
import type { StoredEvent } from '@/lib/events/types';

export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

/** Adds inserted events to the facets and the hourly rollup; called inside the insert's transaction. */
export class RollupWriter {
  private readonly facet: Database.Statement;
  private readonly bump: Database.Statement;
  private readonly bumpPrincipal: Database.Statement;
  private readonly bumpDay: Database.Statement;
  private readonly bumpSource: Database.Statement;
  private readonly bumpSourceDay: Database.Statement;

  constructor(db: Database.Database) {
    this.facet = db.prepare('INSERT OR IGNORE INTO facets (kind, value, detail) VALUES (?, ?, ?)');
    this.bump = db.prepare(`INSERT INTO rollup_hour (hour, event_name, event_source, region, account_id, read_only, failed, n)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO UPDATE SET n = n + excluded.n`);
    this.bumpDay = db.prepare(`INSERT INTO rollup_day (day, event_name, event_source, region, account_id, read_only, failed, n)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO UPDATE SET n = n + excluded.n`);
    this.bumpSource = db.prepare(`INSERT INTO rollup_source_hour (hour, event_name, event_source, region, account_id, read_only, failed, source_ip, ip_key, n)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO UPDATE SET n = n + excluded.n`);
    this.bumpSourceDay = db.prepare(`INSERT INTO rollup_source_day (day, event_name, event_source, region, account_id, read_only, failed, source_ip, ip_key, n)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO UPDATE SET n = n + excluded.n`);
    this.bumpPrincipal = db.prepare(`INSERT INTO rollup_principal_day (day, principal, account_id, event_name, source_ip, read_only, failed, n, first_time, last_time)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO UPDATE SET n = n + excluded.n,
        first_time = min(first_time, excluded.first_time), last_time = max(last_time, excluded.last_time)`);
  }

  /**
   * Counts a batch in memory first, so a page of 2,000 events costs a few dozen upserts, not 8,000.
   * `times` are the events' times in epoch ms, parsed once by the caller.
   */
  add(events: StoredEvent[], times: number[]): void {
    const hours = new Map<string, { row: unknown[]; n: number }>();
    const sourceHours = new Map<string, { row: unknown[]; n: number }>();
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
      const pKey = `${day}\0${s.principal}\0${s.accountId}\0${s.eventName}\0${s.sourceIp}\0${readOnly}${failed}`;
      const p = perPrincipal.get(pKey);
      if (p) {
        p.n++;
        if (t < p.first) p.first = t;
        if (t > p.last) p.last = t;
      } else perPrincipal.set(pKey, { row: [day, s.principal, s.accountId, s.eventName, s.sourceIp, readOnly, failed], n: 1, first: t, last: t });
      const hour = t - (t % HOUR_MS);
      const hKey = `${hour}\0${s.eventName}\0${s.eventSource}\0${s.region}\0${s.accountId}\0${readOnly}${failed}`;
      const h = hours.get(hKey);
      if (h) h.n++;
      else hours.set(hKey, { row: [hour, s.eventName, s.eventSource, s.region, s.accountId, readOnly, failed], n: 1 });
      const sKey = `${hKey}\0${s.sourceIp}`;
      const sh = sourceHours.get(sKey);
      if (sh) sh.n++;
      else sourceHours.set(sKey, { row: [hour, s.eventName, s.eventSource, s.region, s.accountId, readOnly, failed, s.sourceIp, events[i].ipKey], n: 1 });
      facets.op.add(s.eventName);
      facets.source.add(s.eventSource);
      facets.region.add(s.region);
      facets.account.add(s.accountId);
      if (s.errorCode) facets.error.add(s.errorCode);
      if (!principals.has(s.principal)) principals.set(s.principal, s.principalType);
    }
    writeHoursAndDays(hours, this.bump, this.bumpDay);
    writeHoursAndDays(sourceHours, this.bumpSource, this.bumpSourceDay);
    for (const { row, n, first, last } of perPrincipal.values()) this.bumpPrincipal.run(...row, n, first, last);
    for (const [kind, values] of Object.entries(facets)) for (const value of values) this.facet.run(kind, value, null);
    for (const [value, type] of principals) this.facet.run('principal', value, type);
  }
}

/** Writes hourly counts (row[0] is the hour) and the daily counts they add up to. */
function writeHoursAndDays(hours: Map<string, { row: unknown[]; n: number }>, bumpHour: Database.Statement, bumpDay: Database.Statement): void {
  const days = new Map<string, { row: unknown[]; n: number }>();
  for (const { row, n } of hours.values()) {
    bumpHour.run(...row, n);
    const day = (row[0] as number) - ((row[0] as number) % DAY_MS);
    const dKey = `${day}\0${row.slice(1).join('\0')}`;
    const d = days.get(dKey);
    if (d) d.n += n;
    else days.set(dKey, { row: [day, ...row.slice(1)], n });
  }
  for (const { row, n } of days.values()) bumpDay.run(...row, n);
}

export const MAX_TIME = 8.64e15; // the largest JavaScript Date
