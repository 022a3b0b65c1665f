import { z } from 'zod';

// The /events page's own parameters, composed with the shared filter schema through
// parseQuery's `extra`, so the page accepts them and still rejects typos. The filter query
// helpers, which client code uses too, are in filter-query.ts, away from zod.

export const SORTS = ['desc', 'asc'] as const;
export type SortOrder = (typeof SORTS)[number];

export const eventsPageShape = {
  sort: z.enum(SORTS, { error: 'must be desc (newest first) or asc (oldest first)' }).default('desc'),
};
