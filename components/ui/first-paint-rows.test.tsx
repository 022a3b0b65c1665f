import type { SortingState } from '@tanstack/react-table';
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { DEFAULT_HIDDEN, eventColumns } from '@/components/events/event-columns';
import type { TableEvent } from '@/lib/explorer/table-rows';
import { TanStackRows, type DataTableProps } from './data-table';
import { FirstPaintRows } from './first-paint-rows';

// The first paint is swapped for the TanStack table right after hydration: any difference between
// the two would show as the table jumping under the reader's eyes.

const events: TableEvent[] = Array.from({ length: 40 }, (_, i) => ({
  eventId: `e${String(i).padStart(3, '0')}-4c4e-a10d-a7c39fa9e9c0`,
  eventTime: new Date(Date.UTC(2026, 0, 2, 0, 60 - i)).toISOString(),
  eventName: i % 3 ? 'UpdateChannel' : 'DescribeChannel',
  region: i % 2 ? 'us-west-2' : 'eu-west-1',
  accountId: '111122223333',
  errorCode: i % 7 ? null : 'AccessDenied',
  errorMessage: i % 7 ? null : 'User is not authorized <script>',
  sourceIp: i % 5 ? `203.0.113.${i}` : 'AWS Internal',
  userAgent: 'aws-cli/2.15.0',
  principal: i % 4 ? 'ops-alice' : 'deploy-bot',
  principalType: i % 4 ? 'IAMUser' : 'AssumedRole',
  principalArn: i % 4 ? 'arn:aws:iam::111122223333:user/ops-alice' : null,
  description: `ops-alice updated channel live-${i}`,
  resources: i % 6 ? [{ type: 'AWS::MediaPackage::Channel', id: `live-${i}` }, ...(i % 4 ? [] : [{ type: 'AWS::MediaPackage::OriginEndpoint', id: `ep-${i}` }])] : [],
}));

const base: DataTableProps<TableEvent> = {
  label: 'Events',
  virtual: true,
  data: events,
  columns: eventColumns,
  getRowId: (e) => e.eventId,
  sorting: [{ id: 'time', desc: true }],
  onSortingChange: () => {},
  rowSelection: {},
  onRowSelectionChange: () => {},
  maxSelected: 2,
  columnVisibility: DEFAULT_HIDDEN,
  onColumnVisibilityChange: () => {},
  activeIndex: null,
};

/** The header and the first `rows` rows of a rendered table. */
function firstRows(html: string, rows: number): string {
  const head = html.slice(0, html.indexOf('<tbody>'));
  const body = html.slice(html.indexOf('<tbody>')).split('<tr').slice(1, rows + 1);
  return `${head}${body.map((r) => `<tr${r}`).join('')}`;
}

describe('FirstPaintRows', () => {
  const cases: [string, Partial<DataTableProps<TableEvent>>][] = [
    ['the default view', {}],
    ['oldest first, every column shown', { sorting: [{ id: 'time', desc: false }] as SortingState, columnVisibility: {} }],
    ['two rows ticked (the most), one active, a row class', { rowSelection: { [events[1].eventId]: true, [events[4].eventId]: true }, activeIndex: 2, rowClassName: (e) => (e.errorCode ? 'failed' : undefined) }],
    ['columns hidden', { columnVisibility: { principal: false, resource: false, description: false } }],
  ];
  it.each(cases)('renders what the TanStack table renders: %s', (_, change) => {
    const props = { ...base, ...change };
    const first = renderToString(<FirstPaintRows {...props} />);
    const rows = first.split('<tr').length - 3; // less the header's row and the spacer
    expect(rows).toBe(15);
    const tanstack = renderToString(<TanStackRows {...props} scrollBox={null} />);
    expect(firstRows(first, rows)).toBe(firstRows(tanstack, rows));
    expect(first).toContain('User is not authorized &lt;script&gt;');
  });

  it('stands in a spacer for the rows below the first screen, as tall as they are', () => {
    const html = renderToString(<FirstPaintRows {...base} />);
    expect(html).toContain(`style="height:${(events.length - 15) * 31}px"`);
    expect(renderToString(<FirstPaintRows {...base} data={events.slice(0, 3)} />)).not.toContain('spacer');
  });
});
