'use client';

import type { RowData, Table } from '@tanstack/react-table';
import type { DataTableFeatures } from './data-table';
import { Popover } from '@/components/filters/popover';

/** Show or hide columns; the choice is kept by the caller (localStorage for the events table). */
export function ColumnMenu<TData extends RowData>({ table }: { table: Table<DataTableFeatures, TData> }) {
  const hideable = table.getAllLeafColumns().filter((c) => c.getCanHide());
  const hidden = hideable.filter((c) => !c.getIsVisible()).length;
  return (
    <Popover label={hidden ? `Columns (${hidden} hidden)` : 'Columns'} align="end">
      <fieldset className="checklist">
        <legend className="sr-only">Visible columns</legend>
        {hideable.map((c) => (
          <label key={c.id} className="check">
            <input type="checkbox" checked={c.getIsVisible()} onChange={() => c.toggleVisibility()} />
            <span className="check-label">{c.columnDef.meta?.label ?? (typeof c.columnDef.header === 'string' ? c.columnDef.header : c.id)}</span>
          </label>
        ))}
      </fieldset>
    </Popover>
  );
}
