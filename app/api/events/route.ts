import type { NextRequest } from 'next/server';
import { requireApiSession } from '@/lib/auth/session';
import { parseQuery } from '@/lib/filters/parse-query';
import { pagingShape } from '@/lib/filters/paging';
import { badRequest, json } from '@/lib/http/respond';
import { getRuntime } from '@/lib/runtime/server-runtime';

export const dynamic = 'force-dynamic';

export async function GET(request: NextRequest) {
  const denied = await requireApiSession();
  if (denied) return denied;
  const query = parseQuery(request.nextUrl.searchParams, pagingShape);
  if (!query.ok) return badRequest(query.error);
  const { store } = await getRuntime();
  return json(await store.listEvents(query.value.filter, { limit: query.value.limit, after: query.value.cursor ?? null }));
}
