import type { NextRequest } from 'next/server';
import { requireApiSession } from '@/lib/auth/session';
import { parseQuery } from '@/lib/filters/parse-query';
import { badRequest, json } from '@/lib/http/respond';
import { getRuntime } from '@/lib/runtime/server-runtime';

export const dynamic = 'force-dynamic';

export async function GET(request: NextRequest) {
  const denied = await requireApiSession();
  if (denied) return denied;
  const query = parseQuery(request.nextUrl.searchParams);
  if (!query.ok) return badRequest(query.error);
  const { store } = await getRuntime();
  return json({ users: await store.userActivity(query.value.filter) });
}
