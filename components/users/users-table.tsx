'use client';

import { functionalUpdate, useTable, type SortingState, type Updater } from '@tanstack/react-table';
import { useState } from 'react';
import { userColumns, userFeatures } from './users-columns';
import type { UserRow } from './user-rows';
import { defaultDir, type SortDir, type UserSortKey } from './users-sort';
import styles from './users.module.css';

/**
 * Per-principal activity, sorted in the browser (a few hundred rows at most) with the sort kept
 * in the URL, so that a sorted view is a link like every other view.
 */
export function UsersTable({ rows, sort, dir }: { rows: UserRow[]; sort: UserSortKey; dir: SortDir }) {
  const [sorting, setSorting] = useState<SortingState>([{ id: sort, desc: dir === 'desc' }]);

  const onSortingChange = (updater: Updater<SortingState>) => {
    const next = functionalUpdate(updater, sorting);
    setSorting(next);
    const params = new URLSearchParams(window.location.search);
    const first = next[0];
    if (first) {
      params.set('sort', first.id);
      const d: SortDir = first.desc ? 'desc' : 'asc';
      // Leave `dir` out when it is the column's natural direction: shorter links.
      if (d === defaultDir(first.id as UserSortKey)) params.delete('dir');
      else params.set('dir', d);
    }
    // replaceState keeps Next's router in step without a server round trip for a client-side sort.
    window.history.replaceState(null, '', `${window.location.pathname}?${params}`);
  };

  const table = useTable({
    features: userFeatures,
    columns: userColumns,
    data: rows,
    getRowId: (u) => u.principal,
    state: { sorting },
    onSortingChange,
    enableSortingRemoval: false,
    enableMultiSort: false,
  });

  return (
    <table className={styles.table}>
      <thead>
        {table.getHeaderGroups().map((group) => (
          <tr key={group.id}>
            {group.headers.map((header) => {
              const sorted = header.column.getIsSorted();
              const numeric = header.column.columnDef.meta?.numeric;
              return (
                <th
                  key={header.id}
                  className={numeric ? styles.numeric : undefined}
                  aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : undefined}
                >
                  {header.column.getCanSort() ? (
                    <button type="button" className={styles.sortButton} onClick={header.column.getToggleSortingHandler()}>
                      <span>
                        <table.FlexRender header={header} />
                      </span>
                      {sorted && (
                        <span aria-hidden className={styles.sortOn}>
                          {sorted === 'asc' ? '▲' : '▼'}
                        </span>
                      )}
                    </button>
                  ) : (
                    <span>
                      <table.FlexRender header={header} />
                    </span>
                  )}
                </th>
              );
            })}
          </tr>
        ))}
      </thead>
      <tbody>
        {table.getRowModel().rows.map((row) => (
          <tr key={row.id} className={row.original.type === 'Root' ? styles.rootRow : undefined}>
            {row.getAllCells().map((cell) => (
              <td key={cell.id} className={cell.column.columnDef.meta?.numeric ? styles.numeric : undefined}>
                <table.FlexRender cell={cell} />
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
