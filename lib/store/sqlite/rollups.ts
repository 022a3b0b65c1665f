import type Database from 'better-sqlite3';
import type { StoredEvent } from '@/lib/events/types';
import { rollupCells } from '../queries/rollup-cells';

/** Adds inserted events to the facets and rollups; called inside the insert's transaction. */
export class RollupWriter {
  private readonly facet: Database.Statement;
  private readonly bump: Database.Statement;
  private readonly bumpPrincipal: Database.Statement;
  private readonly bumpPrincipalError: Database.Statement;
  private readonly bumpPrincipalHour: Database.Statement;
  private readonly bumpPrincipalOp: Database.Statement;
  private readonly bumpPrincipalIp: Database.Statement;
  private readonly bumpPrincipalSources: Database.Statement;
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
    this.bumpPrincipalHour = db.prepare(`INSERT INTO rollup_principal_hour (hour, principal, account_id, event_name, source_ip, read_only, failed, n, first_time, last_time)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO UPDATE SET n = n + excluded.n,
        first_time = min(first_time, excluded.first_time), last_time = max(last_time, excluded.last_time)`);
    this.bumpPrincipalOp = db.prepare(`INSERT INTO rollup_principal_op (principal, account_id, event_name, read_only, failed, n, first_time, last_time)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO UPDATE SET n = n + excluded.n,
        first_time = min(first_time, excluded.first_time), last_time = max(last_time, excluded.last_time)`);
    this.bumpPrincipalIp = db
      .prepare(
        `INSERT INTO rollup_principal_ip (principal, account_id, source_ip, n, first_time, last_time)
      VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO UPDATE SET n = n + excluded.n,
        first_time = min(first_time, excluded.first_time), last_time = max(last_time, excluded.last_time) RETURNING n`,
      )
      .pluck();
    this.bumpPrincipalSources = db.prepare(`INSERT INTO rollup_principal_sources (principal, account_id, sources)
      VALUES (?, ?, 1) ON CONFLICT DO UPDATE SET sources = sources + 1`);
    this.bumpPrincipalError = db.prepare(`INSERT INTO rollup_principal_error_day (day, principal, account_id, event_name, source_ip, read_only, error_code, n)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO UPDATE SET n = n + excluded.n`);
  }

  /** `times` are the events' times in epoch ms, parsed once by the caller. */
  add(events: StoredEvent[], times: number[]): void {
    const cells = rollupCells(events, times);
    for (const c of cells.hours) this.bump.run(...c.key, c.n);
    for (const c of cells.days) this.bumpDay.run(...c.key, c.n);
    for (const c of cells.sourceHours) this.bumpSource.run(...c.key, c.n);
    for (const c of cells.sourceDays) this.bumpSourceDay.run(...c.key, c.n);
    for (const c of cells.principalDays) this.bumpPrincipal.run(...c.key, c.n, c.first, c.last);
    for (const c of cells.principalHours) this.bumpPrincipalHour.run(...c.key, c.n, c.first, c.last);
    for (const c of cells.principalOps) this.bumpPrincipalOp.run(...c.key, c.n, c.first, c.last);
    for (const c of cells.principalIps) {
      // Back with the batch's own count means the row is new: an updated one adds to a count of 1 or more.
      if (this.bumpPrincipalIp.get(...c.key, c.n, c.first, c.last) === c.n) this.bumpPrincipalSources.run(c.key[0], c.key[1]);
    }
    for (const c of cells.principalErrorDays) this.bumpPrincipalError.run(...c.key, c.n);
    for (const f of cells.facets) this.facet.run(...f);
  }
}
