// Timeline bucket sizes, without zod (paging.ts parses `bucket=`): the lazily loaded chart and the
// store need them too.

export const BUCKETS = { '1m': 60_000, '5m': 300_000, '1h': 3_600_000, '1d': 86_400_000 } as const;
export type BucketKey = keyof typeof BUCKETS;

/** More buckets than this is a 400 from /api/timeline, and the store stops filling empty ones. */
export const MAX_BUCKETS = 5000;

/** The bucket `auto` picks: about 50–300 bars for any window. */
export function autoBucket(spanMs: number): BucketKey {
  if (spanMs <= 5 * 3_600_000) return '1m';
  if (spanMs <= 25 * 3_600_000) return '5m';
  if (spanMs <= 12.5 * 86_400_000) return '1h';
  return '1d';
}
