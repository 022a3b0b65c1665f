'use client';

import { createColumnHelper } from '@tanstack/react-table';
import type { TableEvent } from '@/lib/explorer/table-rows';
import type { DataTableFeatures } from '@/components/ui/data-table';
import { IdentityBadge } from '@/components/ui/identity-badge';
import { LocalTime } from '@/components/ui/local-time';
import { OpName } from '@/components/ui/op-name';
import { ResultBadge } from '@/components/ui/result-badge';
import { useTimeZone } from '@/components/ui/time-zone';
import { formatInZone } from '@/lib/explorer/time-format';
import { AccountName } from '@/components/ui/account-name';
import { PrincipalLink } from '@/components/ui/principal-link';
import { useHydrated } from '@/components/ui/use-hydrated';

// The events table's columns. Every AWS-sourced string is React text: never HTML. Links are plain
// anchors that DataTable follows in-app. As next/link, each row's three links were prefetched once
// in view: opening /events in Chromium made 44 more requests to the server, each a render.

const helper = createColumnHelper<DataTableFeatures, TableEvent>();

function TimeHeader({ sorted, onToggle }: { sorted: false | 'asc' | 'desc'; onToggle?: (e: unknown) => void }) {
  const { zone } = useTimeZone();
  return (
    <button type="button" className="sort-button" onClick={onToggle} title="Sort by time">
      Time ({formatInZone(new Date(), zone).zone}) <span aria-hidden="true">{sorted === 'asc' ? '▲' : '▼'}</span>
      <span className="sr-only">{sorted === 'asc' ? ', oldest first' : ', newest first'}</span>
    </button>
  );
}

// The long tooltips (the sentence, the ARN, the user agent, every resource) are added once the page
// has hydrated: in the server's HTML they were 40 % of a row's bytes, rendered, escaped and gzipped
// on every request for a reader who has not pointed at anything yet.

function OperationCell({ event }: { event: TableEvent }) {
  const hydrated = useHydrated();
  return (
    <a href={`/events/${encodeURIComponent(event.eventId)}`} className="row-link" title={hydrated ? event.description : undefined}>
      <OpName op={event.eventName} failed={event.errorCode !== null} />
    </a>
  );
}

function PrincipalCell({ event }: { event: TableEvent }) {
  const hydrated = useHydrated();
  return (
    <span className="principal">
      <PrincipalLink plain principal={event.principal} accountId={event.accountId} title={hydrated ? (event.principalArn ?? event.principal) : undefined} />{' '}
      <IdentityBadge type={event.principalType} short />
    </span>
  );
}

function SourceIpCell({ event }: { event: TableEvent }) {
  const hydrated = useHydrated();
  return <span title={hydrated ? `${event.sourceIp} · ${event.userAgent}` : undefined}>{event.sourceIp}</span>;
}

function ResourceCell({ event }: { event: TableEvent }) {
  const hydrated = useHydrated();
  const [first, ...rest] = event.resources;
  if (!first) return <span className="muted">—</span>;
  return (
    <>
      <a href={`/resources/${encodeURIComponent(first.id)}`} title={hydrated ? event.resources.map((r) => `${r.type} ${r.id}`).join('\n') : undefined}>
        {first.id}
      </a>
      {rest.length > 0 && <span className="muted"> +{rest.length}</span>}
    </>
  );
}

export const eventColumns = helper.columns([
  helper.display({
    id: 'select',
    size: 32,
    enableHiding: false,
    header: () => <span className="sr-only">Select for compare</span>,
    // The label fills the cell, so a click that misses the small box ticks it instead of opening the row.
    cell: ({ row }) => (
      <label className="select-cell">
        <input
          type="checkbox"
          aria-label={`Select ${row.original.eventName} ${row.original.eventId} for compare`}
          checked={row.getIsSelected()}
          disabled={!row.getCanSelect()}
          onChange={row.getToggleSelectedHandler()}
        />
      </label>
    ),
  }),
  helper.accessor('eventTime', {
    id: 'time',
    size: 152,
    enableHiding: false,
    meta: { label: 'Time', className: 'nowrap' },
    header: ({ column }) => <TimeHeader sorted={column.getIsSorted()} onToggle={column.getToggleSortingHandler()} />,
    // The header names the zone; the tooltip repeats it.
    cell: ({ getValue }) => <LocalTime iso={getValue()} date="short" zone={false} className="mono" />,
  }),
  helper.accessor('eventName', {
    id: 'operation',
    header: 'Operation',
    size: 215,
    enableSorting: false,
    enableHiding: false,
    cell: ({ row }) => <OperationCell event={row.original} />,
  }),
  helper.accessor('principal', {
    header: 'Principal',
    size: 225,
    enableSorting: false,
    cell: ({ row }) => <PrincipalCell event={row.original} />,
  }),
  helper.accessor('sourceIp', {
    header: 'Source IP',
    size: 135,
    enableSorting: false,
    meta: { className: 'mono' },
    cell: ({ row }) => <SourceIpCell event={row.original} />,
  }),
  helper.accessor('region', { header: 'Region', size: 96, enableSorting: false }),
  helper.accessor('accountId', { header: 'Account', size: 118, enableSorting: false, cell: ({ getValue }) => <AccountName id={getValue()} /> }),
  helper.accessor((e) => e.resources.map((r) => r.id).join(' '), {
    id: 'resource',
    header: 'Resource',
    enableSorting: false,
    meta: { grow: true, className: 'mono' },
    cell: ({ row }) => <ResourceCell event={row.original} />,
  }),
  helper.accessor('errorCode', {
    id: 'result',
    header: 'Result',
    size: 150,
    enableSorting: false,
    cell: ({ row }) => <ResultBadge code={row.original.errorCode} message={row.original.errorMessage} />,
  }),
  // The sentence, last and hidden until asked for (the Columns menu). At 1280 px, shown after the
  // operation, it pushed Resource and Result out of view, and the part that fitted repeated the
  // Principal column ("media-health-check (packtrail-health-check-rol…"). The operation's tooltip
  // and the event's page give it whole.
  helper.accessor('description', {
    header: 'What happened',
    size: 560,
    enableSorting: false,
    meta: { className: 'description-cell' },
    cell: ({ getValue }) => <span title={getValue()}>{getValue()}</span>,
  }),
]);

/** Hidden until asked for: most accounts have one; the sentence is long (see its column). */
export const DEFAULT_HIDDEN = { accountId: false, description: false };
