import type { IpMatch } from '@/lib/filters/ip';
import type { EventFilter } from '@/lib/filters/schema';
import { placeholders, type Dialect } from './sql';

// Builds a parameterised WHERE clause over `events e` from the shared filter. No value is ever
// spliced into SQL text; only placeholders are.

export interface Where {
  sql: string; // '' or 'WHERE …'
  params: unknown[];
}

export interface WhereOptions {
  /**
   * Match a CIDR row by row while walking the time index instead of through the IP index. For a
   * wide CIDR (an office /24 with most of the traffic) the IP index yields hundreds of thousands of
   * rows that must all be sorted by time before the first page; the time index finds a page of them
   * in a few hundred steps. At 1M events, 203.0.113.0/24, first page of 50:
   *   SEARCH e USING INDEX events_ip_key (ip_key>? AND ip_key<?); USE TEMP B-TREE FOR ORDER BY → 265 ms
   *   +e.ip_key: SCAN e USING INDEX events_time → 0.1 ms
   * SqliteStore.wideCidr decides which, by probing the IP index for 2,000 rows.
   */
  ipByTimeIndex?: boolean;
  /** The engine's SQL where it differs (keeping a column out of index selection, matching text). */
  dialect: Dialect;
}

/**
 * Any of `matches`, as one SQL term. A literal can only equal a source without an IP key, which
 * lets SQLite use the partial index events_source_literal. At 1M events, first page / count:
 *   before: SCAN e USING INDEX events_time, and SCAN e USING COVERING INDEX events_source_ip
 *     `AWS Internal` (42k events) 0.9 / 134 ms; a source no event has 400 / 134 ms
 *   now: SEARCH e USING INDEX events_source_literal (source_ip=?) → 0.05 / 1.5 ms and 0.0 / 0.0 ms
 * `byTime` keeps the IP key out of index selection (SQLite's unary +, the way to steer its planner
 * per term) so that the time index is walked instead; see WhereOptions.
 */
export function ipTerm(matches: IpMatch[], byTime?: Dialect): { sql: string; params: unknown[] } {
  const terms: string[] = [];
  const params: unknown[] = [];
  const key = byTime ? byTime.unindexed('e.ip_key') : 'e.ip_key';
  for (const m of matches) {
    if (m.kind === 'range') {
      terms.push(m.lo === m.hi ? `${key} = ?` : `${key} BETWEEN ? AND ?`);
      params.push(...(m.lo === m.hi ? [m.lo] : [m.lo, m.hi]));
    } else {
      terms.push('e.source_ip = ? COLLATE NOCASE AND e.ip_key IS NULL');
      params.push(m.value);
    }
  }
  return { sql: terms.length === 1 ? terms[0] : `(${terms.map((t) => `(${t})`).join(' OR ')})`, params };
}

/**
 * None of `matches`. ip_key is NULL for a literal source, and NOT of NULL is NULL, so each range
 * admits NULL keys explicitly: excluding a CIDR never drops `AWS Internal` or a service's calls.
 */
export function notIpTerm(matches: IpMatch[]): { sql: string; params: unknown[] } {
  const terms: string[] = [];
  const params: unknown[] = [];
  for (const m of matches) {
    if (m.kind === 'range') {
      terms.push('(e.ip_key IS NULL OR e.ip_key NOT BETWEEN ? AND ?)');
      params.push(m.lo, m.hi);
    } else {
      terms.push('(e.ip_key IS NOT NULL OR e.source_ip <> ? COLLATE NOCASE)');
      params.push(m.value);
    }
  }
  return { sql: terms.join(' AND '), params };
}

/** The filter's `ip` and `notIp` as one term each (none for an empty list), over `e.ip_key` and `e.source_ip`. */
export function sourceTerms(filter: EventFilter): { sql: string; params: unknown[] }[] {
  return [...(filter.ips.length ? [ipTerm(filter.ips)] : []), ...(filter.notIps.length ? [notIpTerm(filter.notIps)] : [])];
}

export function buildWhere(filter: EventFilter, extra: { sql: string; params: unknown[] }[], options: WhereOptions): Where {
  const clauses: string[] = [];
  const params: unknown[] = [];
  const add = (sql: string, ...values: unknown[]) => {
    clauses.push(sql);
    params.push(...values);
  };
  if (filter.ops.length) add(`e.event_name IN (${placeholders(filter.ops.length)})`, ...filter.ops);
  if (filter.sources.length) add(`e.event_source IN (${placeholders(filter.sources.length)})`, ...filter.sources);
  if (filter.regions.length) add(`e.region IN (${placeholders(filter.regions.length)})`, ...filter.regions);
  if (filter.accounts.length) add(`e.account_id IN (${placeholders(filter.accounts.length)})`, ...filter.accounts);
  if (filter.ips.length) {
    const term = ipTerm(filter.ips, options.ipByTimeIndex ? options.dialect : undefined);
    add(term.sql, ...term.params);
  }
  if (filter.user) add('e.principal = ?', filter.user);
  if (filter.notOps.length) add(`e.event_name NOT IN (${placeholders(filter.notOps.length)})`, ...filter.notOps);
  if (filter.notUsers.length) add(`e.principal NOT IN (${placeholders(filter.notUsers.length)})`, ...filter.notUsers);
  if (filter.notIps.length) {
    const term = notIpTerm(filter.notIps);
    add(term.sql, ...term.params);
  }
  if (filter.resource) {
    add(
      `e.seq IN (SELECT f.event_seq FROM event_resource_refs f WHERE f.rid IN (SELECT r.rid FROM resources r WHERE r.id = ? OR r.arn = ?
        OR r.arn IN (SELECT a.arn FROM resource_aliases a WHERE a.id = ?)))`,
      filter.resource,
      filter.resource,
      filter.resource,
    );
  }
  if (filter.from) add('e.event_time >= ?', filter.from.getTime());
  if (filter.to) add('e.event_time <= ?', filter.to.getTime());
  if (filter.readOnly !== null) add('e.read_only = ?', filter.readOnly ? 1 : 0);
  if (filter.error?.kind === 'any') add('e.error_code IS NOT NULL');
  if (filter.error?.kind === 'none') add('e.error_code IS NULL');
  if (filter.error?.kind === 'code') add('e.error_code = ?', filter.error.code);
  // The sentence, the operation, principal, access key and source, the user agent and the
  // principal's ARN are searched where they are stored rather than copied into search_text
  // (normalize.ts): copies were ~70, 130, 140 and 76 bytes more an event. Case is folded by the
  // dialect's case-blind LIKE, for ASCII at least, as AWS's names and keys are. Agents and ARNs are
  // stored once (texts): the LIKE runs over the few distinct ones, and each event is an integer
  // lookup. So are a sentence and search text that events share (event_texts, rows.ts): NULL in
  // their rows, which the first two tests then pass over.
  if (filter.q) {
    const q = filter.q.toLowerCase();
    const pattern = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    // The row's own columns by the case-blind LIKE rather than instr(lower(…)): lower() made a
    // string of each, five an event. A search nothing matches over the 1M events of the bench's demo
    // store, SQLite: 1,572 → 679 ms; PostgreSQL, whose ILIKE folds as lower() does: 504–561 → 549–584.
    const folded = ['e.description', 'e.event_name', 'e.principal', 'e.source_ip', 'e.access_key_id'];
    add(
      `(instr(e.search_text, ?) > 0 OR ${folded.map((c) => options.dialect.likeText(c)).join(' OR ')}
        OR e.texts_xid IN (SELECT xid FROM event_texts WHERE instr(search_text, ?) > 0 OR ${options.dialect.likeText('description')})
        OR e.user_agent_tid IN (SELECT tid FROM texts WHERE ${options.dialect.likeText('text')})
        OR e.principal_arn_tid IN (SELECT tid FROM texts WHERE ${options.dialect.likeText('text')}))`,
      q, ...folded.map(() => pattern), q, pattern, pattern, pattern,
    );
  }
  for (const x of extra) add(x.sql, ...x.params);
  return { sql: clauses.length ? `WHERE ${clauses.join(' AND ')}` : '', params };
}
