'use client';

import { useMemo, useState } from 'react';
import { Bar, CartesianGrid, ComposedChart, Line, ReferenceArea, Tooltip, XAxis, YAxis } from 'recharts';
import type { MouseHandlerDataParam } from 'recharts/types/synchronisation/types';
import { OTHER_CHANGES, OTHER_READS, bucketRange, unpackTimeline, type PackedTimeline, type StackedTimeline } from '@/lib/explorer/timeline-series';
import { axisCount } from '@/lib/explorer/axis-count';
import { formatFull, formatInZone, shortDay } from '@/lib/explorer/time-format';
import { ERROR_COLOR, OTHER_CHANGES_COLOR, OTHER_COLOR, stackColors } from '@/components/ui/op-family';
import { useTimeZone } from '@/components/ui/time-zone';
import { useFilterParams } from '@/components/filters/use-filter-params';
import { TimelineTooltip } from './timeline-tooltip';
import { bucketSentence } from './bucket-label';
import { TimelineTable } from './timeline-table';
import { useChartKeys } from './use-chart-keys';

// Draws the store's buckets: stacked bars by operation, failed calls as a red line with dots.
// Dragging across it zooms (from/to into the URL, range dropped); a click narrows to one bucket.
// The keyboard does both (useChartKeys), and the counts are also a table for those who cannot see it.

function labelOf(state: MouseHandlerDataParam): number | null {
  const n = Number(state.activeLabel);
  return state.activeLabel === undefined || Number.isNaN(n) ? null : n;
}

export function TimelineChart({ timeline: packed, bucketMs }: { timeline: PackedTimeline; bucketMs: number }) {
  const timeline = useMemo(() => unpackTimeline(packed), [packed]);
  const { zone } = useTimeZone();
  const { update } = useFilterParams();
  const [drag, setDrag] = useState<{ a: number; b: number } | null>(null);
  const colors = stackColors(timeline.keys, { [OTHER_CHANGES]: OTHER_CHANGES_COLOR, [OTHER_READS]: OTHER_COLOR });
  const daily = bucketMs >= 86_400_000;
  const tick = (t: number) => {
    const z = formatInZone(t, zone);
    return daily || z.time.startsWith('00:00') ? shortDay(z) : z.time.slice(0, 5);
  };
  const zoom = (a: number, b: number) => {
    const { from, to } = bucketRange(a, b, bucketMs);
    void update({ from, to, range: null });
  };
  const finish = () => {
    if (!drag) return;
    setDrag(null);
    zoom(drag.a, drag.b);
  };
  const keys = useChartKeys(timeline.rows.length, (a, b) => zoom(timeline.rows[a].t, timeline.rows[b].t));
  const span = keys.cursor ? [timeline.rows[Math.min(keys.cursor.anchor, keys.cursor.at)], timeline.rows[Math.max(keys.cursor.anchor, keys.cursor.at)]] : null;
  const spoken =
    span && keys.cursor
      ? keys.cursor.anchor === keys.cursor.at
        ? bucketSentence(span[0], timeline.keys, bucketMs, zone)
        : `${formatFull(span[0].t, zone)} to ${formatFull(span[1].t + bucketMs - 1, zone)}: ${timeline.rows
            .slice(Math.min(keys.cursor.anchor, keys.cursor.at), Math.max(keys.cursor.anchor, keys.cursor.at) + 1)
            .reduce((n, r) => n + r.total, 0)
            .toLocaleString('en')} events; Enter zooms`
      : '';

  return (
    <figure className="timeline" aria-label="Events over time, stacked by operation">
      <div className="timeline-head">
        <span className="timeline-total">
          <strong>{timeline.total.toLocaleString('en')}</strong> events
          {timeline.errors > 0 && <span className="timeline-errors"> · {timeline.errors.toLocaleString('en')} failed</span>}
          <span className="muted hint"> · drag or use arrow keys to zoom, click a bar for its {daily ? 'day' : 'bucket'}</span>
        </span>
        <ul className="legend">
          {timeline.keys.map((k) => (
            <li key={k}>
              <span className="swatch" style={{ background: colors[k] }} aria-hidden="true" />
              {k}
            </li>
          ))}
          <li>
            <span className="swatch swatch-line" style={{ background: ERROR_COLOR }} aria-hidden="true" />
            failed
          </li>
        </ul>
      </div>
      <div
        className="timeline-plot"
        data-testid="timeline-plot"
        role="application"
        tabIndex={0}
        aria-label="Timeline: arrow keys move between buckets, Shift with arrows selects a span, Enter zooms to it, Escape cancels"
        aria-describedby="timeline-cursor"
        onKeyDown={keys.onKeyDown}
        onBlur={keys.onBlur}
      >
        <ComposedChart
          responsive
          style={{ width: '100%', height: 130 }}
          data={timeline.rows}
          margin={{ top: 6, right: 8, bottom: 0, left: 0 }}
          barCategoryGap={1}
          onMouseDown={(s) => {
            const t = labelOf(s);
            if (t !== null) setDrag({ a: t, b: t });
          }}
          onMouseMove={(s) => {
            const t = labelOf(s);
            if (drag && t !== null && t !== drag.b) setDrag({ ...drag, b: t });
          }}
          onMouseUp={finish}
          onMouseLeave={() => setDrag(null)}
        >
          <CartesianGrid vertical={false} stroke="#eaeef2" />
          <XAxis dataKey="t" tickFormatter={tick} tick={{ fontSize: 11, fill: '#59636e' }} tickLine={false} axisLine={{ stroke: '#d1d9e0' }} minTickGap={24} />
          <YAxis allowDecimals={false} width={40} tickFormatter={axisCount} tick={{ fontSize: 11, fill: '#59636e' }} tickLine={false} axisLine={false} />
          <Tooltip content={<TimelineTooltip keys={timeline.keys} colors={colors} bucketMs={bucketMs} />} isAnimationActive={false} cursor={{ fill: 'rgba(9,105,218,0.08)' }} />
          {timeline.keys.map((k) => (
            <Bar key={k} dataKey={(row: StackedTimeline['rows'][number]) => row.values[k] ?? 0} name={k} stackId="ops" fill={colors[k]} isAnimationActive={false} />
          ))}
          <Line
            dataKey={(row: StackedTimeline['rows'][number]) => (row.errors > 0 ? row.errors : null)}
            name="failed"
            stroke={ERROR_COLOR}
            strokeWidth={1.5}
            dot={{ r: 2.5, fill: ERROR_COLOR, stroke: ERROR_COLOR }}
            activeDot={false}
            connectNulls={false}
            isAnimationActive={false}
          />
          {drag && drag.a !== drag.b && <ReferenceArea x1={Math.min(drag.a, drag.b)} x2={Math.max(drag.a, drag.b)} fill="#0969da" fillOpacity={0.15} />}
          {span && <ReferenceArea x1={span[0].t} x2={span[1].t} fill="#0969da" fillOpacity={0.2} stroke="#0969da" strokeOpacity={0.8} />}
        </ComposedChart>
      </div>
      <p id="timeline-cursor" className="timeline-cursor" aria-live="polite">
        {spoken}
      </p>
      <TimelineTable timeline={timeline} bucketMs={bucketMs} />
    </figure>
  );
}
