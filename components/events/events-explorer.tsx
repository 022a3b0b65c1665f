'use client';

import { Link } from '@/components/ui/link';
import { useRouter } from 'next/navigation';
import { useCallback, useEffect, useState } from 'react';
import type { RowSelectionState, SortingState, ColumnVisibilityState } from '@tanstack/react-table';
import type { SortOrder } from '@/lib/explorer/page-query';
import { toTableEvent, type TableEvent, type TablePage } from '@/lib/explorer/table-rows';
import { DataTable } from '@/components/ui/data-table';
import { isAccessDenied } from '@/components/ui/result-badge';
import { useFilterParams } from '@/components/filters/use-filter-params';
import { DEFAULT_HIDDEN, eventColumns } from './event-columns';
import { useAccountNames } from '@/components/ui/account-name';
import { PAGE_SIZE, loadMore } from './load-more';
import { useTableKeys } from './use-table-keys';

// The interactive part of /events: the first page comes rendered from the server; scrolling near
// its end (or "Load more") appends the next pages (cursor paging), selection feeds Compare. The
// page keys this component by its query, so any filter change starts over from the first page.

const MAX_COMPARE = 5;
const COLUMNS_KEY = 'packtrail.events.columns';

const eventId = (e: TableEvent) => e.eventId;

function rowClass(e: TableEvent): string | undefined {
  if (e.principalType === 'Root') return 'row-root';
  if (isAccessDenied(e.errorCode)) return 'row-denied';
  if (/^Delete/.test(e.eventName)) return 'row-delete';
  return undefined;
}

export function EventsExplorer({ initial, total, sort, filterQuery }: { initial: TablePage; total: number; sort: SortOrder; filterQuery: string }) {
  const router = useRouter();
  const { update } = useFilterParams();
  const [events, setEvents] = useState(initial.events);
  const [cursor, setCursor] = useState(initial.nextCursor);
  const [loading, setLoading] = useState(false);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [selection, setSelection] = useState<RowSelectionState>({});
  // With several named accounts the account column is shown unless the reader hid it.
  const several = Object.keys(useAccountNames()).length > 1;
  const defaults = several ? { ...DEFAULT_HIDDEN, accountId: true } : DEFAULT_HIDDEN;
  const [visibility, setVisibility] = useState<ColumnVisibilityState>(defaults);
  const [active, setActive] = useState<number | null>(null);
  // The page rendered again in place (new events shown) brings a new first page: start over from it.
  useEffect(() => {
    setEvents(initial.events);
    setCursor(initial.nextCursor);
  }, [initial]);

  useEffect(() => {
    try {
      const saved = JSON.parse(localStorage.getItem(COLUMNS_KEY) ?? 'null') as ColumnVisibilityState | null;
      if (saved && typeof saved === 'object') setVisibility({ ...defaults, ...saved });
    } catch {
      // A damaged entry is ignored: the defaults are fine.
    }
  }, []);
  const changeVisibility = (next: ColumnVisibilityState) => {
    setVisibility(next);
    localStorage.setItem(COLUMNS_KEY, JSON.stringify(next));
  };

  const open = useCallback((i: number) => {
    const e = events[i];
    if (e) router.push(`/events/${encodeURIComponent(e.eventId)}`);
  }, [events, router]);
  const focusTable = useCallback(() => document.querySelector<HTMLElement>('[data-table-scroll]')?.focus(), []);
  useTableKeys({ count: events.length, active, setActive, open, focusTable });

  const more = async () => {
    if (!cursor) return;
    setLoading(true);
    setLoadError(null);
    try {
      const page = await loadMore(filterQuery, cursor, sort);
      setEvents((prev) => [...prev, ...page.events.map(toTableEvent)]);
      setCursor(page.nextCursor);
    } catch (err) {
      setLoadError((err as Error).message);
    } finally {
      setLoading(false);
    }
  };

  const sorting: SortingState = [{ id: 'time', desc: sort === 'desc' }];
  const selected = Object.keys(selection).filter((id) => selection[id]);
  const compareHref = `/events/compare?${selected.map((id) => `id=${encodeURIComponent(id)}`).join('&')}`;

  const toolbar = (
    <div className="compare">
      {selected.length >= 2 ? (
        <Link className="button button-primary" href={compareHref}>
          Compare {selected.length} selected
        </Link>
      ) : (
        <button type="button" className="button" disabled>
          Compare
        </button>
      )}
      <span className="muted">{selected.length ? `${selected.length} of at most ${MAX_COMPARE} selected` : `Tick 2–${MAX_COMPARE} rows to compare`}</span>
      {selected.length > 0 && (
        <button type="button" className="link-button" onClick={() => setSelection({})}>
          Clear selection
        </button>
      )}
      <span className="muted keys-hint">
        <kbd>/</kbd> search · <kbd>↑</kbd>
        <kbd>↓</kbd> move · <kbd>Enter</kbd> open
      </span>
    </div>
  );

  const footer = (
    <div className="table-footer">
      <span className="muted">
        Showing {events.length.toLocaleString('en')} of {total.toLocaleString('en')} {sort === 'asc' ? 'oldest first' : 'newest first'}
      </span>
      {cursor && (
        <button type="button" className="button" onClick={more} disabled={loading}>
          {loading ? 'Loading…' : `Load ${Math.min(PAGE_SIZE, total - events.length).toLocaleString('en')} more`}
        </button>
      )}
      {loadError && (
        <span className="error" role="alert">
          Could not load more: {loadError}
        </span>
      )}
    </div>
  );

  return (
    <DataTable
      label="Events"
      virtual
      data={events}
      columns={eventColumns}
      getRowId={eventId}
      sorting={sorting}
      onSortingChange={(next) => void update({ sort: next[0]?.desc === false ? 'asc' : null })}
      rowSelection={selection}
      onRowSelectionChange={setSelection}
      maxSelected={MAX_COMPARE}
      columnVisibility={visibility}
      onColumnVisibilityChange={changeVisibility}
      activeIndex={active}
      onRowClick={setActive}
      onOpenRow={(e) => router.push(`/events/${encodeURIComponent(e.eventId)}`)}
      rowClassName={rowClass}
      toolbar={toolbar}
      footer={footer}
      onReachEnd={cursor && !loading && !loadError ? more : undefined}
    />
  );
}
