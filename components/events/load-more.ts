'use client';

import type { EventPage } from '@/lib/store/types';
import type { SortOrder } from '@/lib/explorer/page-query';
import { loadOldestFirst } from './load-oldest-first-action';

export const PAGE_SIZE = 200;

/** The page after `cursor` for the table's filters and order. */
export async function loadMore(filterQuery: string, cursor: string, sort: SortOrder): Promise<EventPage> {
  const query = new URLSearchParams(filterQuery);
  query.set('limit', String(PAGE_SIZE));
  query.set('cursor', cursor);
  if (sort === 'asc') {
    const page = await loadOldestFirst(query.toString());
    if ('error' in page) throw new Error(page.error);
    return page;
  }
  const res = await fetch(`/api/events?${query}`, { headers: { accept: 'application/json' }, cache: 'no-store' });
  const body = (await res.json().catch(() => null)) as (EventPage & { error?: string }) | null;
  if (!res.ok || !body) throw new Error(body?.error ?? `The server answered ${res.status}`);
  return body;
}
