import { z } from 'zod';

// The /users sort in the URL (`sort=events&dir=desc`), composed with the shared filter schema by
// parseQuery() on the server and written back to the URL by the table on the client.

export const USER_SORT_KEYS = ['principal', 'type', 'events', 'changes', 'errors', 'firstSeen', 'lastSeen', 'ips'] as const;
export type UserSortKey = (typeof USER_SORT_KEYS)[number];
export type SortDir = 'asc' | 'desc';

export const usersSortShape = {
  sort: z.enum(USER_SORT_KEYS, { error: `must be one of ${USER_SORT_KEYS.join(', ')}` }).default('events'),
  dir: z.enum(['asc', 'desc'], { error: 'must be asc or desc' }).optional(),
};

/** Names read best A→Z; counts and times read best biggest or newest first. */
export function defaultDir(key: UserSortKey): SortDir {
  return key === 'principal' || key === 'type' ? 'asc' : 'desc';
}

export const DEFAULT_SORT: { sort: UserSortKey; dir: SortDir } = { sort: 'events', dir: 'desc' };
