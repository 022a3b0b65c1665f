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
import { useEffect, useState, type MouseEvent, type ReactNode } from 'react';
import { ColumnMenu } from './column-menu';
import { ariaSort, FIRST_PAINT_HEIGHT, FirstPaintRows, menuColumns, ROW_HEIGHT, rowClasses } from './first-paint-rows';
import { useHydrated } from './use-hydrated';
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

/**
 * The table with its toolbar, Columns menu and footer. A virtual table is painted first without
 * TanStack (first-paint-rows.tsx): the server renders that, the browser hydrates it, and the TanStack
 * table takes over in the render after; the toolbar and the scroll box stay as they are.
 */
export function DataTable<TData extends RowData>(props: DataTableProps<TData>) {
  const { virtual = false, columnVisibility = {}, onColumnVisibilityChange } = props;
  const hydrated = useHydrated();
  // In state rather than a ref: the virtualizer mounts in the commit that mounts the box, before a
  // ref to the box would be set, and must render again once the box exists to measure it.
  const [scrollBox, setScrollBox] = useState<HTMLDivElement | null>(null);
  const router = useRouter();
  // Cells link with plain anchors, cheaper to render than next/link; followed in-app all the same.
  const followLink = (e: MouseEvent) => {
    const href = inAppHref(e);
    if (!href) return;
    e.preventDefault();
    router.push(href);
  };
  const menu = onColumnVisibilityChange && (
    <ColumnMenu
      columns={menuColumns(props.columns, columnVisibility)}
      onToggle={(id) => onColumnVisibilityChange({ ...columnVisibility, [id]: columnVisibility[id] === false })}
    />
  );
  const table = virtual && !hydrated ? <FirstPaintRows {...props} /> : <TanStackRows {...props} scrollBox={scrollBox} />;
  return (
    <div className={[virtual ? 'data-table' : '', props.className ?? ''].join(' ').trim() || undefined} onClick={followLink}>
      {(props.toolbar || menu) && (
        <div className="table-toolbar">
          {props.toolbar}
          {menu}
        </div>
      )}
      {virtual ? (
        <div className="table-scroll" ref={setScrollBox} data-table-scroll="" tabIndex={0} aria-label={`${props.label} table, scrollable`}>
          {table}
        </div>
      ) : (
        table
      )}
      {props.footer}
    </div>
  );
}

/** The table once hydrated, and on pages reached in the browser; exported for first-paint-rows.test.tsx. */
export function TanStackRows<TData extends RowData>(props: DataTableProps<TData> & { scrollBox: HTMLDivElement | null }) {
  const { sorting, rowSelection = {}, maxSelected = Infinity, virtual = false, scrollBox } = props;
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
  });
  const rows = table.getRowModel().rows;
  const columns = table.getVisibleLeafColumns();
  const clickable = Boolean(props.onRowClick || props.onOpenRow);

  const renderRow = (row: DataRow<TData>, index: number, measure?: (el: HTMLElement | null) => void) => {
    const active = props.activeIndex === index;
    return (
      <tr
        key={row.id}
        ref={measure}
        data-index={virtual ? index : undefined}
        aria-rowindex={virtual ? index + 2 : undefined}
        aria-current={active ? 'true' : undefined}
        className={rowClasses(active, row.getIsSelected(), props.rowClassName?.(row.original))}
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

  return (
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
              <th key={header.id} scope="col" className={header.column.columnDef.meta?.className} aria-sort={ariaSort(header.column.getIsSorted())}>
                {header.isPlaceholder ? null : <table.FlexRender header={header} />}
              </th>
            ))}
          </tr>
        ))}
      </thead>
      {virtual ? <VirtualRows rows={rows} scrollBox={scrollBox} activeIndex={props.activeIndex ?? null} renderRow={renderRow} onReachEnd={props.onReachEnd} /> : <tbody>{rows.map((row, i) => renderRow(row, i))}</tbody>}
    </table>
  );
}

interface VirtualRowsProps<TData extends RowData> {
  rows: DataRow<TData>[];
  scrollBox: HTMLDivElement | null;
  activeIndex: number | null;
  renderRow(row: DataRow<TData>, index: number, measure: (el: HTMLElement | null) => void): ReactNode;
  onReachEnd?(): void;
}

/**
 * Before the scroll box is measured, the virtualizer assumes the first paint's box (FirstPaintRows);
 * a taller window gets its remaining rows as soon as it is measured.
 */
const INITIAL_RECT = { width: 1200, height: FIRST_PAINT_HEIGHT };
/** How close to the last row scrolling gets before the next page is asked for. */
const REACH_END_ROWS = 5;

function VirtualRows<TData extends RowData>({ rows, scrollBox, activeIndex, renderRow, onReachEnd }: VirtualRowsProps<TData>) {
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollBox,
    estimateSize: () => ROW_HEIGHT,
    getItemKey: (i) => rows[i].id,
    overscan: 12,
    initialRect: INITIAL_RECT,
  });

  useEffect(() => {
    if (activeIndex !== null) virtualizer.scrollToIndex(activeIndex, { align: 'auto' });
  }, [activeIndex, virtualizer]);

  const items = virtualizer.getVirtualItems();
  // The last row in view, overscan aside: a screen that is not full yet asks at once, a full one
  // only once scrolled near the end.
  const lastVisible = virtualizer.range?.endIndex ?? -1;
  useEffect(() => {
    if (rows.length > 0 && lastVisible >= rows.length - REACH_END_ROWS) onReachEnd?.();
  }, [lastVisible, rows.length, onReachEnd]);
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
