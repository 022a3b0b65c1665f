import type { NextRequest } from 'next/server';
import { requireApiSession } from '@/lib/auth/session';
import { parseQuery } from '@/lib/filters/parse-query';
import { needsStoredSpan, timelineWindow } from '@/lib/explorer/timeline-series';
import { BUCKETS, MAX_BUCKETS } from '@/lib/filters/buckets';
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
  const { from, to, bucket: auto } = timelineWindow(filter, needsStoredSpan(filter) ? await store.timeSpan(filter) : null, now);
  const bucket = query.value.bucket === 'auto' ? auto : query.value.bucket;
  if ((to.getTime() - from.getTime()) / BUCKETS[bucket] > MAX_BUCKETS) {
    return badRequest(`bucket ${bucket} would cut this window into more than ${MAX_BUCKETS} buckets; use a larger bucket, a shorter window, or bucket=auto`);
  }
  return json({ bucket, from: from.toISOString(), to: to.toISOString(), series: await store.timeline(filter, BUCKETS[bucket], { from, to }) });
}
