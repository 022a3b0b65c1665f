'use client';

import { useState } from 'react';
import type { StackedTimeline } from '@/lib/explorer/timeline-series';
import { formatFull } from '@/lib/explorer/time-format';
import { useTimeZone } from '@/components/ui/time-zone';
import { bucketSpan } from './bucket-label';

/**
 * The chart's text alternative: the counts it draws, as a table of its non-empty buckets. Built
 * only when opened, since a 90-day hourly chart has over 2,000 buckets.
 */
export function TimelineTable({ timeline, bucketMs }: { timeline: StackedTimeline; bucketMs: number }) {
  const [open, setOpen] = useState(false);
  const { zone } = useTimeZone();
  const rows = open ? timeline.rows.filter((r) => r.total > 0) : [];
  return (
    <details className="timeline-table" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>Counts as a table</summary>
      {open && (
        <div className="table-scroll timeline-table-scroll" tabIndex={0} role="region" aria-label="Timeline counts">
          <table>
            <caption className="sr-only">
              Events per {bucketSpan(bucketMs)} bucket, {rows.length} non-empty buckets
            </caption>
            <thead>
              <tr>
                <th scope="col">From</th>
                <th scope="col">Events</th>
                <th scope="col">Failed</th>
                {timeline.keys.map((k) => (
                  <th scope="col" key={k}>
                    {k}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.t}>
                  <th scope="row" className="mono">
                    {formatFull(r.t, zone)}
                  </th>
                  <td>{r.total.toLocaleString('en')}</td>
                  <td>{r.errors || ''}</td>
                  {timeline.keys.map((k) => (
                    <td key={k}>{r.values[k] ?? ''}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </details>
  );
}
