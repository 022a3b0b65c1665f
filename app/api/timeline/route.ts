import type { NextRequest } from 'next/server';
import { requireApiSession } from '@/lib/auth/session';
import { parseQuery } from '@/lib/filters/parse-query';
import { BUCKETS, MAX_BUCKETS, autoBucket } from '@/lib/filters/buckets';
import { timelineShape } from '@/lib/filters/paging';
import { badRequest, json } from '@/lib/http/respond';
import { getRuntime } from '@/lib/runtime/server-runtime';

export const dynamic = 'force-dynamic';

export async function GET(request: NextRequest) {
  const denied = await requireApiSession();
  if (denied) return denied;
  const now = new Date();
  const query = parseQuery(request.nextUrl.searchParams, timelineShape, now);
  if (!query.ok) return badRequest(query.error);
  const { filter } = query.value;
  const { store } = await getRuntime();
  const span = filter.from && filter.to ? null : await store.timeSpan(filter);
  const from = filter.from ?? span?.from ?? now;
  const to = filter.to ?? (filter.from ? now : (span?.to ?? now));
  const bucket = query.value.bucket === 'auto' ? autoBucket(to.getTime() - from.getTime()) : query.value.bucket;
  if ((to.getTime() - from.getTime()) / BUCKETS[bucket] > MAX_BUCKETS) {
    return badRequest(`bucket ${bucket} would cut this window into more than ${MAX_BUCKETS} buckets; use a larger bucket, a shorter window, or bucket=auto`);
  }
  return json({ bucket, from: from.toISOString(), to: to.toISOString(), series: await store.timeline(filter, BUCKETS[bucket], { from, to }) });
}
