import {
  createColumnHelper,
  createSortedRowModel,
  rowSortingFeature,
  sortFn_alphanumeric,
  sortFn_basic,
  tableFeatures,
} from '@tanstack/react-table';
import Link from 'next/link';
import { IDENTITY_LABEL, IdentityBadge } from '@/components/ui/identity-badge';
import { LocalTime } from '@/components/ui/local-time';
import { OpBars } from './op-bars';
import { ZoneName } from './zone-name';
import type { UserRow } from './user-rows';
import styles from './users.module.css';

// Column definitions of the /users table, apart from its wiring (users-table.tsx).

export const userFeatures = tableFeatures({
  rowSortingFeature,
  sortedRowModel: createSortedRowModel(),
  sortFns: { alphanumeric: sortFn_alphanumeric, basic: sortFn_basic },
  columnMeta: {} as { numeric?: boolean },
});

const col = createColumnHelper<typeof userFeatures, UserRow>();
const count = (n: number) => n.toLocaleString('en');

export const userColumns = col.columns([
  col.accessor('principal', {
    header: 'Principal',
    sortFn: 'alphanumeric',
    cell: ({ row }) => (
      <Link href={row.original.href} className={`mono ${styles.principal}`} title={row.original.principalArn ?? undefined}>
        <Breakable text={row.original.principal} />
      </Link>
    ),
  }),
  col.accessor((u) => IDENTITY_LABEL[u.type] ?? u.type, {
    id: 'type',
    header: 'Type',
    sortFn: 'alphanumeric',
    cell: ({ row }) => (
      <span className={styles.nowrap}>
        <IdentityBadge type={row.original.type} />
      </span>
    ),
  }),
  col.accessor('events', { header: 'Events', sortFn: 'basic', sortDescFirst: true, meta: { numeric: true }, cell: (c) => count(c.getValue()) }),
  // Changes and reads share a column: the pair is what tells an operator from an observer.
  col.accessor('changes', {
    header: 'Changes / reads',
    sortFn: 'basic',
    sortDescFirst: true,
    meta: { numeric: true },
    cell: ({ row }) => (
      <span className={styles.nowrap}>
        {row.original.changes ? <strong>{count(row.original.changes)}</strong> : <span className="muted">0</span>}
        <span className="muted"> / {count(row.original.reads)}</span>
      </span>
    ),
  }),
  col.accessor('errors', {
    header: 'Failed',
    sortFn: 'basic',
    sortDescFirst: true,
    cell: ({ row }) => <FailedCell row={row.original} />,
  }),
  col.accessor('firstSeen', {
    header: () => (
      <>
        First seen (<ZoneName />)
      </>
    ),
    sortFn: 'basic',
    sortDescFirst: true,
    cell: (c) => <LocalTime iso={c.getValue()} zone={false} className="mono" />,
  }),
  col.accessor('lastSeen', {
    header: () => (
      <>
        Last seen (<ZoneName />)
      </>
    ),
    sortFn: 'basic',
    sortDescFirst: true,
    cell: (c) => <LocalTime iso={c.getValue()} zone={false} className="mono" />,
  }),
  col.display({
    id: 'ops',
    header: 'Top operations',
    cell: ({ row }) => <OpBars ops={row.original.topOps} total={row.original.events} more={row.original.opCount - row.original.topOps.length} />,
  }),
  col.accessor('ipCount', {
    id: 'ips',
    header: 'Source IPs',
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
