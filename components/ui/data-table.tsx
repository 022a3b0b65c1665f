'use client';

import {
  columnSizingFeature,
  columnVisibilityFeature,
  createSortedRowModel,
  rowSelectionFeature,
  rowSortingFeature,
  sortFn_alphanumeric,
  sortFn_basic,
  tableFeatures,
  useTable,
  type ColumnDef,
  type Row,
  type RowData,
  type RowSelectionState,
  type SortingState,
  type ColumnVisibilityState,
} from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useRouter } from 'next/navigation';
import { useEffect, useRef, useState, type MouseEvent, type ReactNode, type RefObject } from 'react';
import { ColumnMenu } from './column-menu';
import { inAppHref } from './in-app-href';

// One generic table: TanStack Table for columns, sorting state, selection and visibility.
// A `virtual` table is for thousands of rows: TanStack Virtual renders only the visible ones,
// keeping native table layout between two spacer rows that stand in for the rest.

export interface DataTableColumnMeta {
  /** Takes the width left over; other columns keep their `size`. */
  grow?: boolean;
  className?: string;
  /** The name in the Columns menu when the header is not plain text. */
  label?: string;
}

export const dataTableFeatures = tableFeatures({
  columnVisibilityFeature,
  columnSizingFeature,
  rowSelectionFeature,
  rowSortingFeature,
  // Only tables with `sortRows` use these; the others get their rows sorted by the server.
  sortedRowModel: createSortedRowModel(),
  sortFns: { alphanumeric: sortFn_alphanumeric, basic: sortFn_basic },
  columnMeta: {} as DataTableColumnMeta,
});
export type DataTableFeatures = typeof dataTableFeatures;
export type DataTableColumn<TData extends RowData> = ColumnDef<DataTableFeatures, TData, any>;
type DataRow<TData extends RowData> = Row<DataTableFeatures, TData>;

// 30px cells plus the 1px row border; rows are measured too, so a taller row stays in place.
const ROW_HEIGHT = 31;

export interface DataTableProps<TData extends RowData> {
  label: string;
  data: TData[];
  columns: DataTableColumn<TData>[];
  getRowId(row: TData): string;
  /** The sort lives in the URL, so the caller owns it; the table shows and toggles it. */
  sorting: SortingState;
  onSortingChange(next: SortingState): void;
  /** Sort `data` here (a short list); without it the rows arrive sorted by the server. */
  sortRows?: boolean;
  /** A scroll box with a sticky header and fixed column widths that renders only visible rows. */
  virtual?: boolean;
  className?: string;
  rowSelection?: RowSelectionState;
  onRowSelectionChange?(next: RowSelectionState): void;
  maxSelected?: number;
  /** With a change handler, the toolbar gets a Columns menu. */
  columnVisibility?: ColumnVisibilityState;
  onColumnVisibilityChange?(next: ColumnVisibilityState): void;
  /** The keyboard's row: marked, and scrolled to in a virtual table. */
  activeIndex?: number | null;
  onOpenRow?(row: TData): void;
  onRowClick?(index: number): void;
  rowClassName?(row: TData): string | undefined;
  toolbar?: ReactNode;
  footer?: ReactNode;
  /** Virtual tables: called when the last rows scroll into view, to fetch the next page. */
  onReachEnd?(): void;
}

function resolve<T>(updater: T | ((old: T) => T), old: T): T {
  return typeof updater === 'function' ? (updater as (old: T) => T)(old) : updater;
}

export function DataTable<TData extends RowData>(props: DataTableProps<TData>) {
  const { sorting, rowSelection = {}, columnVisibility = {}, maxSelected = Infinity, virtual = false } = props;
  const table = useTable({
    features: dataTableFeatures,
    columns: props.columns,
    data: props.data,
    getRowId: props.getRowId,
    manualSorting: !props.sortRows,
    enableSortingRemoval: false,
    // One key, because the URL holds one.
    enableMultiSort: false,
    enableRowSelection: (row: DataRow<TData>) => row.getIsSelected() || Object.keys(rowSelection).length < maxSelected,
    state: { sorting, rowSelection: props.rowSelection, columnVisibility: props.columnVisibility },
    onSortingChange: (u) => props.onSortingChange(resolve(u, sorting)),
    onRowSelectionChange: (u) => props.onRowSelectionChange?.(resolve(u, rowSelection)),
    onColumnVisibilityChange: (u) => props.onColumnVisibilityChange?.(resolve(u, columnVisibility)),
  });
  const rows = table.getRowModel().rows;
  const scrollRef = useRef<HTMLDivElement>(null);
  const columns = table.getVisibleLeafColumns();
  const clickable = Boolean(props.onRowClick || props.onOpenRow);
  const router = useRouter();
  // Cells link with plain anchors, cheaper to render than next/link; followed in-app all the same.
  const followLink = (e: MouseEvent) => {
    const href = inAppHref(e);
    if (!href) return;
    e.preventDefault();
    router.push(href);
  };

  const renderRow = (row: DataRow<TData>, index: number, measure?: (el: HTMLElement | null) => void) => {
    const active = props.activeIndex === index;
    return (
      <tr
        key={row.id}
        ref={measure}
        data-index={virtual ? index : undefined}
        aria-rowindex={virtual ? index + 2 : undefined}
        aria-current={active ? 'true' : undefined}
        className={[active ? 'active' : '', row.getIsSelected() ? 'checked' : '', props.rowClassName?.(row.original) ?? ''].join(' ').trim() || undefined}
        onClick={
          clickable
            ? (e) => {
                // Links, checkboxes and buttons inside the row do their own thing.
                if ((e.target as HTMLElement).closest('a, button, input, label')) return;
                props.onRowClick?.(index);
                props.onOpenRow?.(row.original);
              }
            : undefined
        }
      >
        {row.getVisibleCells().map((cell) => (
          <td key={cell.id} className={cell.column.columnDef.meta?.className}>
            <table.FlexRender cell={cell} />
          </td>
        ))}
      </tr>
    );
  };

  const menu = props.onColumnVisibilityChange && <ColumnMenu table={table} />;
  const tableEl = (
    <table aria-rowcount={virtual ? rows.length + 1 : undefined}>
      <caption className="sr-only">{props.label}</caption>
      {virtual && (
        <colgroup>
          {columns.map((c) => (
            <col key={c.id} style={c.columnDef.meta?.grow ? undefined : { width: c.getSize() }} />
          ))}
        </colgroup>
      )}
      <thead>
        {table.getHeaderGroups().map((group) => (
          <tr key={group.id}>
            {group.headers.map((header) => (
              <th key={header.id} scope="col" className={header.column.columnDef.meta?.className} aria-sort={header.column.getIsSorted() === 'asc' ? 'ascending' : header.column.getIsSorted() === 'desc' ? 'descending' : undefined}>
                {header.isPlaceholder ? null : <table.FlexRender header={header} />}
              </th>
            ))}
          </tr>
        ))}
      </thead>
      {virtual ? <VirtualRows rows={rows} scrollRef={scrollRef} activeIndex={props.activeIndex ?? null} renderRow={renderRow} onReachEnd={props.onReachEnd} /> : <tbody>{rows.map((row, i) => renderRow(row, i))}</tbody>}
    </table>
  );

  return (
    <div className={[virtual ? 'data-table' : '', props.className ?? ''].join(' ').trim() || undefined} onClick={followLink}>
      {(props.toolbar || menu) && (
        <div className="table-toolbar">
          {props.toolbar}
          {menu}
        </div>
      )}
      {virtual ? (
        <div className="table-scroll" ref={scrollRef} data-table-scroll="" tabIndex={0} aria-label={`${props.label} table, scrollable`}>
          {tableEl}
        </div>
      ) : (
        tableEl
      )}
      {props.footer}
    </div>
  );
}

interface VirtualRowsProps<TData extends RowData> {
  rows: DataRow<TData>[];
  scrollRef: RefObject<HTMLDivElement | null>;
  activeIndex: number | null;
  renderRow(row: DataRow<TData>, index: number, measure: (el: HTMLElement | null) => void): ReactNode;
  onReachEnd?(): void;
}

/**
 * What the server renders: the rows a laptop's window shows (the scroll box is 100vh − 330 px; a
 * 900 px screen leaves ~470 px), no overscan. Rendering is most of an /events request's CPU: each
 * server-rendered row cost ~0.15 ms (20 rows against none, 1M demo events, 20 clients). A taller
 * window gets its remaining rows right after hydration, when the virtualizer measures the real box.
 */
const SERVER_RECT = { width: 1200, height: 465 };
/** How close to the last row scrolling gets before the next page is asked for. */
const REACH_END_ROWS = 5;

function VirtualRows<TData extends RowData>({ rows, scrollRef, activeIndex, renderRow, onReachEnd }: VirtualRowsProps<TData>) {
  // Overscan starts at 0 on both sides so hydration matches the server's rows exactly.
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    getItemKey: (i) => rows[i].id,
    overscan: hydrated ? 12 : 0,
    initialRect: SERVER_RECT,
  });

  useEffect(() => {
    if (activeIndex !== null) virtualizer.scrollToIndex(activeIndex, { align: 'auto' });
  }, [activeIndex, virtualizer]);

  const items = virtualizer.getVirtualItems();
  // The last row in view, overscan aside: a screen that is not full yet asks at once, a full one
  // only once scrolled near the end.
  const lastVisible = virtualizer.range?.endIndex ?? -1;
  useEffect(() => {
    if (hydrated && rows.length > 0 && lastVisible >= rows.length - REACH_END_ROWS) onReachEnd?.();
  }, [hydrated, lastVisible, rows.length, onReachEnd]);
  const before = items.length ? items[0].start : 0;
  const after = items.length ? virtualizer.getTotalSize() - items[items.length - 1].end : 0;
  return (
    <tbody>
      {before > 0 && <tr aria-hidden="true" className="spacer" style={{ height: before }} />}
      {items.map((item) => renderRow(rows[item.index], item.index, virtualizer.measureElement))}
      {after > 0 && <tr aria-hidden="true" className="spacer" style={{ height: after }} />}
    </tbody>
  );
}
