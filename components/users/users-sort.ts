// The /users sort in the URL (`sort=events&dir=desc`): parsed on the server (app/users/page.tsx
// builds its zod shape from these keys, so the table's client code stays free of zod) and written
// back to the URL by the table on the client.

export const USER_SORT_KEYS = ['principal', 'type', 'events', 'changes', 'errors', 'firstSeen', 'lastSeen', 'ips'] as const;
export type UserSortKey = (typeof USER_SORT_KEYS)[number];
export type SortDir = 'asc' | 'desc';

/** Names read best A→Z; counts and times read best biggest or newest first. */
export function defaultDir(key: UserSortKey): SortDir {
  return key === 'principal' || key === 'type' ? 'asc' : 'desc';
}

export const DEFAULT_SORT: { sort: UserSortKey; dir: SortDir } = { sort: 'events', dir: 'desc' };
