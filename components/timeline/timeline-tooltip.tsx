'use client';

import { formatFull } from '@/lib/explorer/time-format';
import type { StackedTimeline } from '@/lib/explorer/timeline-series';
import { useTimeZone } from '@/components/ui/time-zone';
import { bucketSpan } from './bucket-label';

type Row = StackedTimeline['rows'][number];

/** One bucket: its window, each operation's count, and the failed calls. */
export function TimelineTooltip({ active, payload, keys, colors, bucketMs }: {
  active?: boolean;
  payload?: readonly { payload?: Row }[];
  keys: string[];
  colors: Record<string, string>;
  bucketMs: number;
}) {
  const { zone } = useTimeZone();
  const row = payload?.[0]?.payload;
  if (!active || !row) return null;
  return (
    <div className="chart-tooltip">
      <div className="mono">
        {formatFull(row.t, zone)} +{bucketSpan(bucketMs)}
      </div>
      <div>
        <strong>{row.total.toLocaleString('en')}</strong> events
        {row.errors > 0 && <span className="error"> · {row.errors} failed</span>}
      </div>
      <ul>
        {keys
          .filter((k) => row.values[k])
          .map((k) => (
            <li key={k}>
              <span className="swatch" style={{ background: colors[k] }} aria-hidden="true" /> {k}: {row.values[k]}
            </li>
          ))}
      </ul>
    </div>
  );
}
