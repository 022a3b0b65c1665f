import { ipKey, sourceMatches } from '@/lib/filters/ip';
import type { EventFilter } from '@/lib/filters/schema';

// rollup_principal_day: counts per UTC day, principal, account, operation, source IP and
// outcome. It serves /users, and day-bucket timelines of a principal's filters.

/**
 * The daily principal rollup answers filters on account, operation, principal, read/write, failed
 * or not, and time, included or excluded. It keeps each source IP as text, so `ip` and `notIp` are applied
 * to its rows afterwards (keepSource).
 */
export function principalDayWhere(filter: EventFilter): { sql: string; params: unknown[] } | null {
  if (filter.resource || filter.q || filter.error?.kind === 'code') return null;
  if (filter.sources.length || filter.regions.length) return null;
  const clauses: string[] = [];
  const params: unknown[] = [];
  const list = (column: string, values: string[], not = false) => {
    if (!values.length) return;
    clauses.push(`${column} ${not ? 'NOT IN' : 'IN'} (${values.map(() => '?').join(', ')})`);
    params.push(...values);
  };
  list('account_id', filter.accounts);
  list('event_name', filter.ops);
  list('event_name', filter.notOps, true);
  list('principal', filter.notUsers, true);
  if (filter.user) {
    clauses.push('principal = ?');
    params.push(filter.user);
  }
  if (filter.readOnly !== null) {
    clauses.push('read_only = ?');
    params.push(filter.readOnly ? 1 : 0);
  }
  if (filter.error?.kind === 'any') clauses.push('failed = 1');
  if (filter.error?.kind === 'none') clauses.push('failed = 0');
  return { sql: clauses.length ? ` AND ${clauses.join(' AND ')}` : '', params };
}

/**
 * The `ip` and `notIp` test for a rollup row, whose source is text: each distinct source is keyed
 * once. Null when the filter names no source.
 */
export function keepSource(filter: EventFilter): ((sourceIp: string) => boolean) | null {
  if (!filter.ips.length && !filter.notIps.length) return null;
  const verdicts = new Map<string, boolean>();
  return (ip) => {
    let keep = verdicts.get(ip);
    if (keep === undefined) {
      const key = ipKey(ip);
      keep = (!filter.ips.length || sourceMatches(ip, key, filter.ips)) && !sourceMatches(ip, key, filter.notIps);
      verdicts.set(ip, keep);
    }
    return keep;
  };
}
