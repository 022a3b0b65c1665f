'use client';

import { Popover } from '@/components/filters/popover';

export interface MenuColumn {
  id: string;
  label: string;
  visible: boolean;
}

/**
 * Show or hide columns; the choice is kept by the caller (localStorage for the events table). Told
 * the columns rather than handed the table, so the server's first paint (first-paint-rows.tsx),
 * which builds no TanStack table, renders the same menu.
 */
export function ColumnMenu({ columns, onToggle }: { columns: MenuColumn[]; onToggle(id: string): void }) {
  const hidden = columns.filter((c) => !c.visible).length;
  return (
    <Popover label={hidden ? `Columns (${hidden} hidden)` : 'Columns'} align="end">
      <fieldset className="checklist">
        <legend className="sr-only">Visible columns</legend>
        {columns.map((c) => (
          <label key={c.id} className="check">
            <input type="checkbox" checked={c.visible} onChange={() => onToggle(c.id)} />
            <span className="check-label">{c.label}</span>
          </label>
        ))}
      </fieldset>
    </Popover>
  );
}
