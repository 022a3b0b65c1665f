'use client';

import {
  columnSizingFeature,
  columnVisibilityFeature,
  rowSelectionFeature,
  rowSortingFeature,
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
import { useEffect, useRef, type ReactNode } from 'react';
import { ColumnMenu } from './column-menu';

// One generic table: TanStack Table for columns, sorting state, selection and visibility;
// TanStack Virtual for rows, so thousands stay smooth. Rows keep native table layout: only the
// visible ones render, between two spacer rows that stand in for the rest.

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
  columnMeta: {} as DataTableColumnMeta,
});
export type DataTableFeatures = typeof dataTableFeatures;
export type DataTableColumn<TData extends RowData> = ColumnDef<DataTableFeatures, TData, any>;

// 30px cells plus the 1px row border; rows are measured too, so a taller row stays in place.
const ROW_HEIGHT = 31;

export interface DataTableProps<TData extends RowData> {
  label: string;
  data: TData[];
  columns: DataTableColumn<TData>[];
  getRowId(row: TData): string;
  /** Sorting is done by the server (the URL); the table only shows and toggles it. */
  sorting: SortingState;
  onSortingChange(next: SortingState): void;
  rowSelection: RowSelectionState;
  onRowSelectionChange(next: RowSelectionState): void;
  maxSelected: number;
  columnVisibility: ColumnVisibilityState;
  onColumnVisibilityChange(next: ColumnVisibilityState): void;
  activeIndex: number | null;
  onOpenRow(row: TData): void;
  onRowClick(index: number): void;
  rowClassName?(row: TData): string | undefined;
  toolbar?: ReactNode;
  footer?: ReactNode;
}

function resolve<T>(updater: T | ((old: T) => T), old: T): T {
  return typeof updater === 'function' ? (updater as (old: T) => T)(old) : updater;
}

export function DataTable<TData extends RowData>(props: DataTableProps<TData>) {
  const { sorting, rowSelection, columnVisibility, maxSelected } = props;
  const table = useTable({
    features: dataTableFeatures,
    columns: props.columns,
    data: props.data,
    getRowId: props.getRowId,
    manualSorting: true,
    enableSortingRemoval: false,
    enableRowSelection: (row: Row<DataTableFeatures, TData>) => row.getIsSelected() || Object.keys(rowSelection).length < maxSelected,
    state: { sorting, rowSelection, columnVisibility },
    onSortingChange: (u) => props.onSortingChange(resolve(u, sorting)),
    onRowSelectionChange: (u) => props.onRowSelectionChange(resolve(u, rowSelection)),
    onColumnVisibilityChange: (u) => props.onColumnVisibilityChange(resolve(u, columnVisibility)),
  });
  const rows = table.getRowModel().rows;
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    getItemKey: (i) => rows[i].id,
    overscan: 12,
    // The server renders the first screenful; the browser then measures the real box.
    initialRect: { width: 1200, height: 900 },
  });

  useEffect(() => {
    if (props.activeIndex !== null) virtualizer.scrollToIndex(props.activeIndex, { align: 'auto' });
  }, [props.activeIndex, virtualizer]);

  const items = virtualizer.getVirtualItems();
  const before = items.length ? items[0].start : 0;
  const after = items.length ? virtualizer.getTotalSize() - items[items.length - 1].end : 0;
  const columns = table.getVisibleLeafColumns();

  return (
    <div className="data-table">
      <div className="table-toolbar">
        {props.toolbar}
        <ColumnMenu table={table} />
      </div>
      <div className="table-scroll" ref={scrollRef} data-table-scroll="" tabIndex={0} aria-label={`${props.label} table, scrollable`}>
        <table aria-label={props.label} aria-rowcount={rows.length + 1}>
          <colgroup>
            {columns.map((c) => (
              <col key={c.id} style={c.columnDef.meta?.grow ? undefined : { width: c.getSize() }} />
            ))}
          </colgroup>
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
          <tbody>
            {before > 0 && <tr aria-hidden="true" className="spacer" style={{ height: before }} />}
            {items.map((item) => {
              const row = rows[item.index];
              const active = props.activeIndex === item.index;
              return (
                <tr
                  key={row.id}
                  ref={virtualizer.measureElement}
                  data-index={item.index}
                  aria-rowindex={item.index + 2}
                  aria-current={active ? 'true' : undefined}
                  className={[active ? 'active' : '', row.getIsSelected() ? 'checked' : '', props.rowClassName?.(row.original) ?? ''].join(' ').trim() || undefined}
                  onClick={(e) => {
                    // Links, checkboxes and buttons inside the row do their own thing.
                    if ((e.target as HTMLElement).closest('a, button, input, label')) return;
                    props.onRowClick(item.index);
                    props.onOpenRow(row.original);
                  }}
                >
                  {row.getVisibleCells().map((cell) => (
                    <td key={cell.id} className={cell.column.columnDef.meta?.className}>
                      <table.FlexRender cell={cell} />
                    </td>
                  ))}
                </tr>
              );
            })}
            {after > 0 && <tr aria-hidden="true" className="spacer" style={{ height: after }} />}
          </tbody>
        </table>
      </div>
      {props.footer}
    </div>
  );
}
