import { z } from 'zod';
import { INVALID_CURSOR, decodeCursor } from '@/lib/store/cursor';

// Route-specific parameters, composed with the shared filter schema by parseQuery().

export const pagingShape = {
  limit: z.coerce
    .number({ error: 'must be a whole number from 1 to 500' })
    .int('must be a whole number from 1 to 500')
    .min(1, 'must be a whole number from 1 to 500')
    .max(500, 'must be a whole number from 1 to 500')
    .default(50),
  cursor: z
    .string()
    .max(512, INVALID_CURSOR.replace(/^cursor /, ''))
    .transform((value, ctx) => {
      const key = decodeCursor(value);
      if (!key) {
        ctx.addIssue({ code: 'custom', message: INVALID_CURSOR.replace(/^cursor /, '') });
        return z.NEVER;
      }
      return key;
    })
    .optional(),
};

export const BUCKETS = { '1m': 60_000, '5m': 300_000, '1h': 3_600_000, '1d': 86_400_000 } as const;
export type BucketKey = keyof typeof BUCKETS;

export const timelineShape = {
  bucket: z.enum(['auto', ...(Object.keys(BUCKETS) as BucketKey[])], { error: 'must be auto, 1m, 5m, 1h or 1d' }).default('auto'),
};

export const MAX_BUCKETS = 5000;

/** The bucket `auto` picks: about 50–300 bars for any window. */
export function autoBucket(spanMs: number): BucketKey {
  if (spanMs <= 5 * 3_600_000) return '1m';
  if (spanMs <= 25 * 3_600_000) return '5m';
  if (spanMs <= 12.5 * 86_400_000) return '1h';
  return '1d';
}
