import { isAccessDenied } from '@/components/ui/result-badge';
import type { PrincipalType } from '@/lib/events/types';
import type { UserActivity } from '@/lib/store/types';

// The /users table's rows: plain data the server computes once and the client table sorts.

export interface UserRow {
  principal: string;
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

/** The page's link for one principal, keeping the filters the list was opened with. */
export function userHref(principal: string, filterQuery: string): string {
  return `/users/${encodeURIComponent(principal)}${filterQuery ? `?${filterQuery}` : ''}`;
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

export function toUserRows(users: UserActivity[], errorCodes: Record<string, Record<string, number>>, filterQuery: string): UserRow[] {
  return users.map((u) => {
    const codes = Object.entries(errorCodes[u.principal] ?? {}).sort((a, b) => b[1] - a[1]);
    const ops = Object.entries(u.ops).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
    const newest = u.ips[0];
    return {
      principal: u.principal,
      type: u.type,
      principalArn: u.principalArn,
      href: userHref(u.principal, filterQuery),
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
      ipCount: u.ips.length,
      newestIp: newest ? { ip: newest.ip, lastSeen: newest.lastSeen } : null,
    };
  });
}
