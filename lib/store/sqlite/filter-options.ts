import type Database from 'better-sqlite3';
import type { PrincipalType } from '@/lib/events/types';
import type { FilterOptions } from '../types';

// The values the filter bar offers: only what the store actually holds, so a pick never yields
// an empty page by construction. Each column has an index, so DISTINCT walks it rather than the table.

export function filterOptions(db: Database.Database): FilterOptions {
  const column = (sql: string) => db.prepare(sql).pluck().all() as string[];
  const principals = db
    .prepare('SELECT principal, max(principal_type) AS type FROM events GROUP BY principal ORDER BY principal')
    .all() as { principal: string; type: string }[];
  return {
    ops: column('SELECT DISTINCT event_name FROM events ORDER BY event_name'),
    principals: principals.map((p) => ({ principal: p.principal, type: p.type as PrincipalType })),
    regions: column('SELECT DISTINCT region FROM events ORDER BY region'),
    accounts: column('SELECT DISTINCT account_id FROM events ORDER BY account_id'),
    sources: column('SELECT DISTINCT event_source FROM events ORDER BY event_source'),
    errorCodes: column('SELECT DISTINCT error_code FROM events WHERE error_code IS NOT NULL ORDER BY error_code'),
  };
}
