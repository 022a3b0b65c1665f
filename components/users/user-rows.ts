import { isAccessDenied } from '@/components/ui/result-badge';
import type { PrincipalType } from '@/lib/events/types';
import type { UserActivity } from '@/lib/store/types';

// The /users table's rows: plain data the server computes once and the client table sorts.

export interface UserRow {
  principal: string;
  accountId: string;
  /** The account's configured name, when several accounts are read (null: not shown). */
  accountName: string | null;
  type: PrincipalType;
  principalArn: string | null;
  href: string;
  events: number;
  changes: number;
  reads: number;
  errors: number;
  /** AccessDenied, AccessDeniedException and kin: someone tried what they may not do. */
  denied: number;
  errorCodes: [string, number][];
  firstSeen: string;
  lastSeen: string;
  topOps: { op: string; events: number }[];
  opCount: number;
  ipCount: number;
  newestIp: { ip: string; lastSeen: string } | null;
}

const TOP_OPS = 3;

/**
 * The page's link for one principal, keeping the filters the list was opened with; with several
 * accounts, scoped to the principal's own account (`?account=`), since names repeat across them.
 */
export function userHref(principal: string, filterQuery: string, accountId?: string): string {
  const query = new URLSearchParams(filterQuery);
  if (accountId && !query.getAll('account').includes(accountId)) {
    query.delete('account');
    query.append('account', accountId);
  }
  const qs = query.toString();
  return `/users/${encodeURIComponent(principal)}${qs ? `?${qs}` : ''}`;
}

/** The current query without the keys named, to carry the filters into another view's links. */
export function queryWithout(params: Record<string, string | string[] | undefined>, drop: string[]): string {
  const out = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (drop.includes(key)) continue;
    for (const v of Array.isArray(value) ? value : value === undefined ? [] : [value]) out.append(key, v);
  }
  return out.toString();
}

/** `names` maps account ids to configured names; empty when one account is read (links stay unscoped). */
export function toUserRows(
  users: UserActivity[],
  errorCodes: Record<string, Record<string, Record<string, number>>>,
  filterQuery: string,
  names: Record<string, string> = {},
): UserRow[] {
  const several = Object.keys(names).length > 1 || new Set(users.map((u) => u.accountId)).size > 1;
  return users.map((u) => {
    const codes = Object.entries(errorCodes[u.accountId]?.[u.principal] ?? {}).sort((a, b) => b[1] - a[1]);
    const ops = Object.entries(u.ops).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
    const newest = u.ips[0];
    return {
      principal: u.principal,
      accountId: u.accountId,
      accountName: several ? (names[u.accountId] ?? u.accountId) : null,
      type: u.type,
      principalArn: u.principalArn,
      href: userHref(u.principal, filterQuery, several ? u.accountId : undefined),
      events: u.events,
      changes: u.changes,
      reads: u.events - u.changes,
      errors: u.errors,
      denied: codes.filter(([code]) => isAccessDenied(code)).reduce((n, [, c]) => n + c, 0),
      errorCodes: codes,
      firstSeen: u.firstSeen,
      lastSeen: u.lastSeen,
      topOps: ops.slice(0, TOP_OPS).map(([op, events]) => ({ op, events })),
      opCount: ops.length,
      ipCount: u.ipCount,
      newestIp: newest ? { ip: newest.ip, lastSeen: newest.lastSeen } : null,
    };
  });
}
