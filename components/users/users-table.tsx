'use client';

import type { SortingState } from '@tanstack/react-table';
import { useState } from 'react';
import { DataTable } from '@/components/ui/data-table';
import { userColumns } from './users-columns';
import type { UserRow } from './user-rows';
import { defaultDir, type SortDir, type UserSortKey } from './users-sort';
import styles from './users.module.css';

/**
 * Per-principal activity, sorted in the browser (a few hundred rows at most) with the sort kept
 * in the URL, so that a sorted view is a link like every other view.
 */
export function UsersTable({ rows, sort, dir }: { rows: UserRow[]; sort: UserSortKey; dir: SortDir }) {
  const [sorting, setSorting] = useState<SortingState>([{ id: sort, desc: dir === 'desc' }]);
  const onSortingChange = (next: SortingState) => {
    setSorting(next);
    if (next[0]) writeSortToUrl(next[0].id as UserSortKey, next[0].desc ? 'desc' : 'asc');
  };
  return (
    <DataTable
      label="Users"
      className={styles.table}
      data={rows}
      columns={userColumns}
      getRowId={principalOf}
      sorting={sorting}
      onSortingChange={onSortingChange}
      sortRows
      rowClassName={(u) => (u.type === 'Root' ? styles.rootRow : undefined)}
    />
  );
}

const principalOf = (u: UserRow) => u.principal;

function writeSortToUrl(sort: UserSortKey, dir: SortDir) {
  const params = new URLSearchParams(window.location.search);
  params.set('sort', sort);
  // Leave `dir` out when it is the column's natural direction: shorter links.
  if (dir === defaultDir(sort)) params.delete('dir');
  else params.set('dir', dir);
  // replaceState keeps Next's router in step without a server round trip for a client-side sort.
  window.history.replaceState(null, '', `${window.location.pathname}?${params}`);
}
