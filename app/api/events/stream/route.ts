import type { NextRequest } from 'next/server';
import { requireApiSession } from '@/lib/auth/session';
import { badRequest } from '@/lib/http/respond';
import { eventStream, parseLastEventId } from '@/lib/live/event-stream';
import { parseQuery } from '@/lib/filters/parse-query';
import { getRuntime } from '@/lib/runtime/server-runtime';

export const dynamic = 'force-dynamic';

/** Newly stored events matching the filter, as they are stored (see lib/live/event-stream.ts). */
export async function GET(request: NextRequest) {
  const denied = await requireApiSession();
  if (denied) return denied;
  const params = new URLSearchParams(request.nextUrl.searchParams);
  // EventSource sends Last-Event-ID as a header when it reconnects; a page can also pass it as a parameter.
  const lastEventId = request.headers.get('last-event-id') ?? params.get('lastEventId');
  params.delete('lastEventId');
  const query = parseQuery(params, {});
  if (!query.ok) return badRequest(query.error);
  let resumeFrom: number | null;
  try {
    resumeFrom = parseLastEventId(lastEventId);
  } catch (err) {
    return badRequest((err as Error).message);
  }
  const runtime = await getRuntime();
  const body = eventStream({ store: runtime.store, onSyncChange: (w) => runtime.sync.onChange(w) }, query.value.filter, resumeFrom, request.signal);
  return new Response(body, {
    headers: {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store, no-transform',
      Connection: 'keep-alive',
      // Proxies such as nginx would otherwise hold the messages back in a buffer.
      'X-Accel-Buffering': 'no',
    },
  });
}
