'use server';

import { getSession } from '@/lib/auth/session';
import { parseQuery } from '@/lib/filters/parse-query';
import { pagingShape } from '@/lib/filters/paging';
import { getRuntime } from '@/lib/runtime/server-runtime';
import type { EventPage } from '@/lib/store/types';

// The next page of the oldest-first table (`sort=asc`). /api/events only pages newest first,
// as the SPEC defines it; until it takes a sort, this action serves the ascending pages.
// Validated by the same shared parser, and signed-in only: an action is a public endpoint.

export async function loadOldestFirst(query: string): Promise<EventPage | { error: string }> {
  if (!(await getSession())) return { error: 'Sign in again: your session has ended' };
  const parsed = parseQuery(new URLSearchParams(query), pagingShape);
  if (!parsed.ok) return { error: parsed.error };
  const { store } = await getRuntime();
  return store.listEventsOldestFirst(parsed.value.filter, { limit: parsed.value.limit, after: parsed.value.cursor ?? null });
}
