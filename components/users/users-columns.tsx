import { createColumnHelper } from '@tanstack/react-table';
import type { ReactNode } from 'react';
import type { DataTableFeatures } from '@/components/ui/data-table';
import { IDENTITY_LABEL, IdentityBadge } from '@/components/ui/identity-badge';
import { LocalTime } from '@/components/ui/local-time';
import { OpBars } from './op-bars';
import { ZoneName } from './zone-name';
import type { UserRow } from './user-rows';
import styles from './users.module.css';

// The /users table's columns, for the generic DataTable (wired in users-table.tsx). `sortDescFirst`
// must agree with defaultDir() in users-sort.ts, which leaves the natural direction out of the URL.
// The principal is a plain anchor, followed in-app by DataTable: next/link would prefetch every
// row's page as it scrolls into view.

const col = createColumnHelper<DataTableFeatures, UserRow>();
const count = (n: number) => n.toLocaleString('en');

const numeric = { className: styles.numeric };

export const userColumns = col.columns([
  col.accessor('principal', {
    header: sortable('Principal'),
    sortFn: 'alphanumeric',
    cell: ({ row }) => (
      <>
        <a href={row.original.href} className={`mono ${styles.principal}`} title={row.original.principalArn ?? undefined}>
          <Breakable text={row.original.principal} />
        </a>
        {row.original.accountName && (
          // Several accounts: the same name in two of them is two rows, told apart here.
          <div className={styles.account} title={row.original.accountId}>
            in {row.original.accountName}
          </div>
        )}
      </>
    ),
  }),
  col.accessor((u) => IDENTITY_LABEL[u.type] ?? u.type, {
    id: 'type',
    header: sortable('Type'),
    sortFn: 'alphanumeric',
    cell: ({ row }) => (
      <span className={styles.nowrap}>
        <IdentityBadge type={row.original.type} />
      </span>
    ),
  }),
  col.accessor('events', { header: sortable('Events'), sortFn: 'basic', sortDescFirst: true, meta: numeric, cell: (c) => count(c.getValue()) }),
  // Changes and reads share a column: the pair is what tells an operator from an observer.
  col.accessor('changes', {
    header: sortable('Changes / reads'),
    sortFn: 'basic',
    sortDescFirst: true,
    meta: numeric,
    cell: ({ row }) => (
      <span className={styles.nowrap}>
        {row.original.changes ? <strong>{count(row.original.changes)}</strong> : <span className="muted">0</span>}
        <span className="muted"> / {count(row.original.reads)}</span>
      </span>
    ),
  }),
  col.accessor('errors', {
    header: sortable('Failed'),
    sortFn: 'basic',
    sortDescFirst: true,
    cell: ({ row }) => <FailedCell row={row.original} />,
  }),
  col.accessor('firstSeen', {
    header: sortable(
      <>
        First seen (<ZoneName />)
      </>,
    ),
    sortFn: 'basic',
    sortDescFirst: true,
    cell: (c) => <LocalTime iso={c.getValue()} zone={false} className="mono" />,
  }),
  col.accessor('lastSeen', {
    header: sortable(
      <>
        Last seen (<ZoneName />)
      </>,
    ),
    sortFn: 'basic',
    sortDescFirst: true,
    cell: (c) => <LocalTime iso={c.getValue()} zone={false} className="mono" />,
  }),
  col.display({
    id: 'ops',
    // A span, not bare text: users.module.css pads header content that is not a sort button.
    header: () => <span>Top operations</span>,
    cell: ({ row }) => <OpBars ops={row.original.topOps} total={row.original.events} more={row.original.opCount - row.original.topOps.length} />,
  }),
  col.accessor('ipCount', {
    id: 'ips',
    header: sortable('Source IPs'),
    sortFn: 'basic',
    sortDescFirst: true,
    cell: ({ row }) => {
      const { ipCount, newestIp } = row.original;
      if (!newestIp) return <span className="muted">—</span>;
      return (
        <span title={`${ipCount} distinct source${ipCount === 1 ? '' : 's'}; the newest is shown`} className={styles.ips}>
          <span className={styles.count}>{ipCount}</span>
          <span className="mono">{newestIp.ip}</span>
        </span>
      );
    },
  }),
]);

type SortableColumn = { getIsSorted(): false | 'asc' | 'desc'; getToggleSortingHandler(): ((e: unknown) => void) | undefined };

/** A header that sorts by its column; the arrow shows on the column the rows are sorted by. */
function sortable(label: ReactNode) {
  return function SortHeader({ column }: { column: SortableColumn }) {
    const sorted = column.getIsSorted();
    return (
      <button type="button" className={styles.sortButton} onClick={column.getToggleSortingHandler()}>
        <span>{label}</span>
        {sorted && (
          <span aria-hidden className={styles.sortOn}>
            {sorted === 'asc' ? '▲' : '▼'}
          </span>
        )}
      </button>
    );
  };
}

/** Line breaks after `/` and before `@`, so `MediaOpsAdmin/ops-alice` wraps between role and session. */
function Breakable({ text }: { text: string }) {
  const parts = text.split(/(?<=\/)|(?=@)/);
  return (
    <>
      {parts.map((part, i) => (
        <span key={i}>
          {i > 0 && <wbr />}
          {part}
        </span>
      ))}
    </>
  );
}

function FailedCell({ row }: { row: UserRow }) {
  if (!row.errors) return <span className="muted">0</span>;
  const title = row.errorCodes.map(([code, n]) => `${code}: ${n}`).join('\n');
  return (
    <span title={title}>
      <span className={styles.num}>{count(row.errors)}</span>
      {row.denied > 0 && (
        // The shared denied badge, as in the events table: filled red, so such rows stand out.
        <span className={`badge badge-error badge-denied ${styles.denied}`}>⚠ AccessDenied {count(row.denied)}</span>
      )}
    </span>
  );
}
