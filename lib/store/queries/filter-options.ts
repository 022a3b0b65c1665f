import type { PrincipalType } from '@/lib/events/types';
import type { FilterOptions } from '../types';
import type { Sql } from './sql';

// The values the filter bar offers: only what the store actually holds, so a pick never yields
// an empty page by construction. Read from the facets table kept on insert (see rollups.ts), so
// the cost does not grow with the number of events.

export async function filterOptions(db: Sql): Promise<FilterOptions> {
  // As arrays, which a reading thread keeps until the next commit (read-cache.ts): every page asks.
  const rows = await db.arrays<[kind: string, value: string, detail: string | null]>('SELECT kind, value, detail FROM facets ORDER BY kind, value');
  const of = (kind: string) => rows.filter((r) => r[0] === kind).map((r) => r[1]);
  return {
    ops: of('op'),
    principals: rows.filter((r) => r[0] === 'principal').map((r) => ({ principal: r[1], type: (r[2] ?? 'Unknown') as PrincipalType })),
    regions: of('region'),
    accounts: of('account'),
    sources: of('source'),
    errorCodes: of('error'),
  };
}
