import type { PrincipalType } from '@/lib/events/types';
import type { EventFilter } from '@/lib/filters/schema';
import type { UserActivity } from '../types';
import { cellTallies } from './cell-tallies';
import { openWindowTallies, type PrincipalTally } from './principal-totals';
import { textOf } from './rows';
import type { Sql } from './sql';
import { MAX_TIME } from './time-units';
import { unionPer } from './union-per';
import { keptForWindow } from './window-key';

/**
 * Sources listed per principal. A principal behind a NAT pool or a fleet calls from thousands: with
 * every one listed, /api/users for 60 such principals was 360k entries, and building it ran the
 * server out of memory (the bench's wide shape at 1M events). A principal's page lists more.
 */
export const USER_IPS = 20;

/**
 * Activity per principal and account: totals, first/last seen, operations and source IPs, busiest
 * first. The same session name in two accounts is two rows, never one.
 */
export async function userActivity(db: Sql, filter: EventFilter): Promise<UserActivity[]> {
  // Made afresh, /users for 7 days at 1M wide events was 25–27 ms p95 on PostgreSQL (~10 ms in the store).
  const window: [number, number] = [filter.from?.getTime() ?? -MAX_TIME, filter.to?.getTime() ?? MAX_TIME];
  return keptForWindow(db, 'userActivity', filter, window, () => activity(db, filter), (users) => users.length + users.reduce((n, u) => n + u.ips.length, 0));
}

async function activity(db: Sql, filter: EventFilter): Promise<UserActivity[]> {
  const tallies = (await openWindowTallies(db, filter, USER_IPS)) ?? (await cellTallies(db, filter, USER_IPS));
  // Through the principal's index, newest first, to its first event in the account: left alone,
  // SQLite walked the account's time index instead, every event of the account for a rare
  // principal (/users at 1M events, p95 45 → 474 ms). PostgreSQL takes no hint but follows the
  // order: sorting by the index's own columns (the principal is one value here) makes that index
  // the plan; sorted by time alone it walked events_time backwards (580 ms a principal at 1M).
  const identitySql = `SELECT principal_type AS type, ${textOf('principal_arn_tid')} AS arn FROM ${db.dialect.table('events', 'e', 'events_principal_time')}
    WHERE principal = ? AND account_id = ? ORDER BY principal DESC, event_time DESC LIMIT 1`;
  tallies.sort((a, b) => b.events - a.events || (a.principal < b.principal ? -1 : a.principal > b.principal ? 1 : a.accountId < b.accountId ? -1 : 1));
  const identities = await unionPer<PrincipalTally, [string, string | null]>(db, tallies, identitySql, (t) => [t.principal, t.accountId]);
  return tallies.map(({ first, last, ips, ...u }, i): UserActivity => {
    const [type, arn] = identities[i][0] ?? ['Unknown', null];
    return {
      ...u,
      type: type as PrincipalType,
      principalArn: arn,
      firstSeen: new Date(first).toISOString(),
      lastSeen: new Date(last).toISOString(),
      ops: Object.fromEntries([...u.ops].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))),
      ips: ips.map(({ ip, events, last }) => ({ ip, events, lastSeen: new Date(last).toISOString() })),
    };
  });
}
