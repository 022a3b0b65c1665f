import type { CellContext, HeaderContext, RowData } from '@tanstack/react-table';
import type { ReactNode } from 'react';
import type { DataTableColumn, DataTableFeatures, DataTableProps } from './data-table';

// A virtual table's first paint, as the server renders it and the browser hydrates it: the header
// and the rows a laptop's window shows, from the same column definitions, without building a
// TanStack table. Building one is per request work (its features' APIs, a column object and a row
// object each, memoised anew): 1M demo events, 20 clients, eight alternated pairs, /events served
// 1.21–1.47× the pages per second with this render (median 1.33; PostgreSQL, four pairs: 1.19).
// Right after hydration DataTable swaps in the TanStack table, which renders the same markup
// (first-paint-rows.test.tsx holds them equal).
//
// Column renderers are handed the part of TanStack's contexts the app's columns use: the row's
// data, whether it is selected and can be, its value, and the column's sort. Handlers are left
// out: nothing can be clicked before hydration.

/** Rows the server renders: the scroll box is 100vh − 330 px, and a 900 px screen leaves ~470 px. */
export const FIRST_PAINT_HEIGHT = 465;
/** 30px cells plus the 1px row border; the virtualizer measures rows too, so a taller row stays in place. */
export const ROW_HEIGHT = 31;

type Column<TData extends RowData> = DataTableColumn<TData>;
type Header<TData extends RowData> = HeaderContext<DataTableFeatures, TData, unknown>;
type Cell<TData extends RowData> = CellContext<DataTableFeatures, TData, unknown>;

/** A column's id as TanStack names it: its own, else its accessor's key. */
export function columnIdOf<TData extends RowData>(column: Column<TData>): string {
  const { id, accessorKey } = column as { id?: string; accessorKey?: string };
  return id ?? accessorKey!;
}

/** The columns a Columns menu lists: those that can be hidden, with their names and whether they show. */
export function menuColumns<TData extends RowData>(columns: Column<TData>[], visibility: Record<string, boolean>) {
  return columns
    .filter((c) => c.enableHiding !== false)
    .map((c) => {
      const id = columnIdOf(c);
      return { id, label: c.meta?.label ?? (typeof c.header === 'string' ? c.header : id), visible: visibility[id] !== false };
    });
}

/** A header's aria-sort: both renders say it the same way. */
export const ariaSort = (sorted: false | 'asc' | 'desc') => (sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : undefined);

/** A row's classes: the keyboard's row, a ticked row, and the caller's own. */
export const rowClasses = (active: boolean, selected: boolean, own: string | undefined) =>
  [active ? 'active' : '', selected ? 'checked' : '', own ?? ''].join(' ').trim() || undefined;

/** Stands in for the checkbox handler (a controlled box needs one); the box cannot be clicked before hydration. */
const ignore = () => {};

function valueOf<TData extends RowData>(column: Column<TData>, row: TData): unknown {
  const { accessorFn, accessorKey } = column as { accessorFn?: (row: TData, index: number) => unknown; accessorKey?: string };
  if (accessorFn) return accessorFn(row, 0);
  return accessorKey ? (row as Record<string, unknown>)[accessorKey] : undefined;
}

function header<TData extends RowData>(column: Column<TData>, sorted: false | 'asc' | 'desc'): ReactNode {
  if (typeof column.header !== 'function') return column.header ?? null;
  const context = { column: { getIsSorted: () => sorted, getToggleSortingHandler: () => undefined } };
  return column.header(context as unknown as Header<TData>);
}

function cell<TData extends RowData>(column: Column<TData>, original: TData, selected: boolean, canSelect: boolean): ReactNode {
  const value = valueOf(column, original);
  if (typeof column.cell !== 'function') return (value as ReactNode) ?? null;
  const context = { row: { original, getIsSelected: () => selected, getCanSelect: () => canSelect, getToggleSelectedHandler: () => ignore }, getValue: () => value };
  return column.cell(context as unknown as Cell<TData>);
}

export function FirstPaintRows<TData extends RowData>(props: DataTableProps<TData>) {
  const { sorting, rowSelection = {}, columnVisibility = {}, maxSelected = Infinity, data } = props;
  const columns = props.columns.map((c) => ({ c, id: columnIdOf(c) })).filter(({ id }) => columnVisibility[id] !== false);
  const selectedCount = Object.keys(rowSelection).length;
  const shown = data.slice(0, Math.ceil(FIRST_PAINT_HEIGHT / ROW_HEIGHT));
  const after = (data.length - shown.length) * ROW_HEIGHT;
  const sortOf = (id: string) => {
    const s = sorting.find((x) => x.id === id);
    return s ? (s.desc ? 'desc' : 'asc') : false;
  };
  return (
    <table aria-rowcount={data.length + 1}>
      <caption className="sr-only">{props.label}</caption>
      <colgroup>
        {columns.map(({ c, id }) => (
          <col key={id} style={c.meta?.grow ? undefined : { width: c.size ?? 150 }} />
        ))}
      </colgroup>
      <thead>
        <tr>
          {columns.map(({ c, id }) => {
            const sorted = sortOf(id);
            return (
              <th key={id} scope="col" className={c.meta?.className} aria-sort={ariaSort(sorted)}>
                {header(c, sorted)}
              </th>
            );
          })}
        </tr>
      </thead>
      <tbody>
        {shown.map((original, index) => {
          const id = props.getRowId(original);
          const selected = Boolean(rowSelection[id]);
          const active = props.activeIndex === index;
          return (
            <tr
              key={id}
              data-index={index}
              aria-rowindex={index + 2}
              aria-current={active ? 'true' : undefined}
              className={rowClasses(active, selected, props.rowClassName?.(original))}
            >
              {columns.map(({ c, id: columnId }) => (
                <td key={columnId} className={c.meta?.className}>
                  {cell(c, original, selected, selected || selectedCount < maxSelected)}
                </td>
              ))}
            </tr>
          );
        })}
        {after > 0 && <tr aria-hidden="true" className="spacer" style={{ height: after }} />}
      </tbody>
    </table>
  );
}
