import { EmptyState } from '@/components/events/empty-state';
import { EventsExplorer } from '@/components/events/events-explorer';
import { NewEventsBanner } from '@/components/events/new-events-banner';
import { loadEventsView } from '@/components/events/load-events-view';
import { SyncWarning } from '@/components/events/sync-warning';
import { FilterBar } from '@/components/filters/filter-bar';
import { LazyTimelineChart } from '@/components/timeline/lazy-timeline-chart';
import { filterParams, pinnedFilterQuery, toSearchParams } from '@/lib/explorer/filter-query';
import { eventsPageShape } from '@/lib/explorer/page-query';
import { parseQuery } from '@/lib/filters/parse-query';
import { getRuntime } from '@/lib/runtime/server-runtime';
import { requirePageSession } from '@/lib/auth/session';

export default async function Page({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requirePageSession();
  const params = toSearchParams(await searchParams);
  const now = new Date();
  const query = parseQuery(params, eventsPageShape, now);
  const runtime = await getRuntime();
  const options = await runtime.store.filterOptions();
  if (!query.ok) {
    return (
      <>
        <h1 className="sr-only">Events</h1>
        <FilterBar options={options} />
        <p className="error invalid-filter" role="alert">
          Invalid filter: {query.error}
        </p>
      </>
    );
  }
  const { filter, sort } = query.value;
  const view = await loadEventsView(runtime, filter, sort, now);
  const filterQuery = pinnedFilterQuery(params, filter.from);
  // New events are offered only where they would appear: a window that reaches the present.
  const live = filter.to === null || filter.to.getTime() >= now.getTime();
  return (
    <>
      <h1 className="sr-only">Events</h1>
      <FilterBar options={options} />
      {view.empty?.kind !== 'sync-failed' && <SyncWarning failures={view.failures} />}
      {view.empty ? (
        <EmptyState reason={view.empty} />
      ) : (
        <>
          <LazyTimelineChart timeline={view.timeline} bucketMs={view.bucketMs} />
          {live && <NewEventsBanner streamQuery={filterParams(params).toString()} />}
          <EventsExplorer key={params.toString()} initial={view.page} total={view.total} sort={sort} filterQuery={filterQuery} />
        </>
      )}
    </>
  );
}
