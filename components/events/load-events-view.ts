import 'server-only';
import type { EventFilter } from '@/lib/filters/schema';
import { explainEmpty, failedStreams, type EmptyReason } from '@/lib/explorer/empty-state';
import type { SortOrder } from '@/lib/explorer/page-query';
import { needsStoredSpan, packTimeline, stackTopOps, timelineWindow, type PackedTimeline } from '@/lib/explorer/timeline-series';
import type { ServerRuntime } from '@/lib/runtime/server-runtime';
import { toTablePage, type TablePage } from '@/lib/explorer/table-rows';

// Everything /events shows, read from the store in one go: first page, count, timeline buckets
// (bucketed in SQL), and when nothing matches, why.

/**
 * Rows in the page itself: a screen's worth (the server renders 20) and some to scroll; the table
 * asks for the next 200 as scrolling nears the end. Each row in the page costs every request
 * serialising, escaping and gzipping it, whether or not anyone scrolls to it.
 */
export const FIRST_PAGE = 30;

export interface EventsView {
  page: TablePage;
  total: number;
  timeline: PackedTimeline;
  bucketMs: number;
  empty: EmptyReason | null;
  failures: ReturnType<typeof failedStreams>;
}

export async function loadEventsView(runtime: ServerRuntime, filter: EventFilter, sort: SortOrder, now: Date): Promise<EventsView> {
  const { store } = runtime;
  const first = { limit: FIRST_PAGE, after: null };
  const [page, total, span, states] = await Promise.all([
    sort === 'asc' ? store.listEventsOldestFirst(filter, first) : store.listEvents(filter, first),
    store.countEvents(filter),
    needsStoredSpan(filter) ? store.timeSpan(filter) : null,
    store.getSyncStates(),
  ]);
  const window = timelineWindow(filter, span, now);
  const series = total ? await store.timeline(filter, window.bucketMs, window) : [];
  const expected = runtime.regions.flatMap((region) => runtime.eventSources.map((eventSource) => ({ region, eventSource })));
  const empty = total ? null : explainEmpty({ filter, now, states, progress: runtime.sync.status().progress, expected });
  return { page: toTablePage(page), total, timeline: packTimeline(stackTopOps(series)), bucketMs: window.bucketMs, empty, failures: failedStreams(states) };
}
