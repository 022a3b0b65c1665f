import { z } from 'zod';
import { INVALID_CURSOR, decodeCursor } from '@/lib/store/cursor';
import { BUCKETS, type BucketKey } from './buckets';

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

export const timelineShape = {
  bucket: z.enum(['auto', ...(Object.keys(BUCKETS) as BucketKey[])], { error: 'must be auto, 1m, 5m, 1h or 1d' }).default('auto'),
};
