'use client';

import { Bar, BarChart, CartesianGrid, Tooltip, XAxis, YAxis } from 'recharts';
import { FAMILY_COLOR, type OpFamily } from '@/components/ui/op-family';
import { useTimeZone } from '@/components/ui/time-zone';
import { axisCount } from '@/lib/explorer/axis-count';
import { formatInZone } from '@/lib/explorer/time-format';

export type FamilyPoint = { t: string } & Partial<Record<OpFamily, number>>;

const LABEL: Record<OpFamily, string> = { create: 'create', update: 'update', other: 'other change', delete: 'delete', rotate: 'rotate credentials', tag: 'tag', read: 'read' };

/** Ticks in the viewer's chosen zone, like every time on the page; days need no clock time. */
function tick(iso: string, bucketMs: number, zone: string): string {
  const t = formatInZone(iso, zone);
  return bucketMs >= 86_400_000 ? t.date.slice(5) : `${t.date.slice(5)} ${t.time.slice(0, 5)}`;
}

/**
 * One principal's activity per bucket, stacked by operation family. It only draws: the store
 * counted the buckets and the page grouped operations into families.
 */
export function UserTimelineChart({ points, families, bucketMs }: { points: FamilyPoint[]; families: OpFamily[]; bucketMs: number }) {
  const { zone } = useTimeZone();
  return (
    <BarChart responsive style={{ width: '100%', height: 170 }} data={points} margin={{ top: 6, right: 8, bottom: 0, left: 0 }} barCategoryGap={1}>
      <CartesianGrid vertical={false} stroke="#eaeef2" />
      <XAxis dataKey="t" tickFormatter={(t: string) => tick(t, bucketMs, zone)} tick={{ fontSize: 11 }} minTickGap={40} />
      <YAxis allowDecimals={false} tickFormatter={axisCount} tick={{ fontSize: 11 }} width={40} />
      <Tooltip
        isAnimationActive={false}
        labelFormatter={(t) => {
          const at = formatInZone(String(t), zone);
          return `${at.date} ${at.time.slice(0, 5)} ${at.zone}`;
        }}
        contentStyle={{ fontSize: 12, padding: '4px 8px' }}
      />
      {families.map((f) => (
        <Bar key={f} dataKey={f} name={LABEL[f]} stackId="ops" fill={FAMILY_COLOR[f]} isAnimationActive={false} />
      ))}
    </BarChart>
  );
}
