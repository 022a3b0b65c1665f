import type Database from 'better-sqlite3';
import type { PrincipalType } from '@/lib/events/types';
import type { FilterOptions } from '../types';

// The values the filter bar offers: only what the store actually holds, so a pick never yields
// an empty page by construction. Read from the facets table kept on insert (see rollups.ts), so
// the cost does not grow with the number of events.

export function filterOptions(db: Database.Database): FilterOptions {
  const rows = db.prepare('SELECT kind, value, detail FROM facets ORDER BY kind, value').all() as { kind: string; value: string; detail: string | null }[];
  const of = (kind: string) => rows.filter((r) => r.kind === kind).map((r) => r.value);
  return {
    ops: of('op'),
    principals: rows.filter((r) => r.kind === 'principal').map((r) => ({ principal: r.value, type: (r.detail ?? 'Unknown') as PrincipalType })),
    regions: of('region'),
    accounts: of('account'),
    sources: of('source'),
    errorCodes: of('error'),
  };
}
