import type { StoredEvent } from '@/lib/events/types';

export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;
export const MAX_TIME = 8.64e15; // the largest JavaScript Date

// What a batch of newly stored events adds to the rollups and facets, counted in memory so that a
// page of 2,000 events costs each backend a few dozen upserts, not 8,000. Both stores write these
// cells in the insert's transaction, so the rollups are never stale.

/** [unit start, event_name, event_source, region, account_id, read_only, failed] and its count. */
export type CountCell = { key: [number, string, string, string, string, number, number]; n: number };
/** A CountCell's key with the source IP and its key (null for a literal source) appended. */
export type SourceCell = { key: [number, string, string, string, string, number, number, string, string | null]; n: number };
/** [day, principal, account_id, event_name, source_ip, read_only, failed] with its count and exact first/last time. */
export type PrincipalCell = { key: [number, string, string, string, string, number, number]; n: number; first: number; last: number };
/** All-time [principal, account_id, event_name, read_only, failed] with its count and first/last time. */
export type PrincipalOpCell = { key: [string, string, string, number, number]; n: number; first: number; last: number };
/** All-time [principal, account_id, source_ip] with its count and first/last time. */
export type PrincipalIpCell = { key: [string, string, string]; n: number; first: number; last: number };
/** A failed call's [day, principal, account_id, event_name, source_ip, read_only, error_code] and its count. */
export type PrincipalErrorCell = { key: [number, string, string, string, string, number, string]; n: number };

export interface RollupCells {
  hours: CountCell[];
  days: CountCell[];
  sourceHours: SourceCell[];
  sourceDays: SourceCell[];
  principalDays: PrincipalCell[];
  /** The same cells per UTC hour: the partial days at a window's edges (the last 90 days start mid-day). */
  principalHours: PrincipalCell[];
  principalErrorDays: PrincipalErrorCell[];
  /** All-time totals per principal and operation, and per principal and source: /users over an open window. */
  principalOps: PrincipalOpCell[];
  principalIps: PrincipalIpCell[];
  /** [kind, value, detail]: operations, sources, regions, accounts, error codes, and principals with their type. */
  facets: [string, string, string | null][];
}

/** `times` are the events' times in epoch ms, parsed once by the caller. */
export function rollupCells(events: StoredEvent[], times: number[]): RollupCells {
  const hours = new Map<string, CountCell>();
  const sourceHours = new Map<string, SourceCell>();
  const perPrincipalHour = new Map<string, PrincipalCell>();
  const perPrincipalError = new Map<string, PrincipalErrorCell>();
  const principals = new Map<string, string>();
  const facets = { op: new Set<string>(), source: new Set<string>(), region: new Set<string>(), account: new Set<string>(), error: new Set<string>() };
  for (let i = 0; i < events.length; i++) {
    const s = events[i].summary;
    const t = times[i];
    const readOnly = s.readOnly ? 1 : 0;
    const failed = s.errorCode ? 1 : 0;
    const day = t - (t % DAY_MS);
    const hour = t - (t % HOUR_MS);
    // \0 cannot occur in the names CloudTrail sends, so joined keys are unambiguous.
    const who = `${s.principal}\0${s.accountId}\0${s.eventName}\0${s.sourceIp}\0${readOnly}${failed}`;
    const phKey = `${hour}\0${who}`;
    const ph = perPrincipalHour.get(phKey);
    if (ph) {
      ph.n++;
      if (t < ph.first) ph.first = t;
      if (t > ph.last) ph.last = t;
    } else perPrincipalHour.set(phKey, { key: [hour, s.principal, s.accountId, s.eventName, s.sourceIp, readOnly, failed], n: 1, first: t, last: t });
    if (s.errorCode) {
      const eKey = `${day}\0${who}\0${s.errorCode}`;
      const e = perPrincipalError.get(eKey);
      if (e) e.n++;
      else perPrincipalError.set(eKey, { key: [day, s.principal, s.accountId, s.eventName, s.sourceIp, readOnly, s.errorCode], n: 1 });
    }
    const hKey = `${hour}\0${s.eventName}\0${s.eventSource}\0${s.region}\0${s.accountId}\0${readOnly}${failed}`;
    const h = hours.get(hKey);
    if (h) h.n++;
    else hours.set(hKey, { key: [hour, s.eventName, s.eventSource, s.region, s.accountId, readOnly, failed], n: 1 });
    const sKey = `${hKey}\0${s.sourceIp}`;
    const sh = sourceHours.get(sKey);
    if (sh) sh.n++;
    else sourceHours.set(sKey, { key: [hour, s.eventName, s.eventSource, s.region, s.accountId, readOnly, failed, s.sourceIp, events[i].ipKey], n: 1 });
    facets.op.add(s.eventName);
    facets.source.add(s.eventSource);
    facets.region.add(s.region);
    facets.account.add(s.accountId);
    if (s.errorCode) facets.error.add(s.errorCode);
    if (!principals.has(s.principal)) principals.set(s.principal, s.principalType);
  }
  const facetRows: [string, string, string | null][] = [];
  for (const [kind, values] of Object.entries(facets)) for (const value of values) facetRows.push([kind, value, null]);
  for (const [value, type] of principals) facetRows.push(['principal', value, type]);
  const principalHours = [...perPrincipalHour.values()];
  return {
    hours: [...hours.values()],
    days: daysOf([...hours.values()]),
    sourceHours: [...sourceHours.values()],
    sourceDays: daysOf([...sourceHours.values()]),
    principalDays: daysOf(principalHours),
    principalHours,
    principalErrorDays: [...perPrincipalError.values()],
    principalOps: addUp(principalHours, ([, who, account, op, , readOnly, failed]): PrincipalOpCell['key'] => [who, account, op, readOnly, failed]),
    principalIps: addUp(principalHours, ([, who, account, , ip]): PrincipalIpCell['key'] => [who, account, ip]),
    facets: facetRows,
  };
}

/**
 * Cells added up under the key `keyOf` maps theirs to (an hour to its day, or a principal cell to
 * its operation or source). Principal cells keep their exact first and last times: the earliest
 * first and the latest last of the cells added.
 */
function addUp<C extends { key: unknown[]; n: number; first?: number; last?: number }, K extends unknown[]>(cells: C[], keyOf: (key: C['key']) => K): (Omit<C, 'key'> & { key: K })[] {
  type Out = Omit<C, 'key'> & { key: K };
  const out = new Map<string, Out>();
  for (const { key, n, first, last } of cells) {
    const k = keyOf(key);
    const id = k.join('\0');
    const d = out.get(id);
    if (!d) out.set(id, (first === undefined ? { key: k, n } : { key: k, n, first, last }) as Out);
    else {
      d.n += n;
      if (first !== undefined && first < d.first!) d.first = first;
      if (last !== undefined && last > d.last!) d.last = last;
    }
  }
  return [...out.values()];
}

/** The daily cells hourly ones add up to (key[0] is the hour). */
const daysOf = <C extends { key: unknown[]; n: number; first?: number; last?: number }>(hours: C[]): C[] =>
  addUp(hours, (key) => [(key[0] as number) - ((key[0] as number) % DAY_MS), ...key.slice(1)]) as C[];
