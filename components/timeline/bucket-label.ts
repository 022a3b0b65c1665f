import { formatFull } from '@/lib/explorer/time-format';
import type { StackedTimeline } from '@/lib/explorer/timeline-series';

/** "+1 d", "+1 h", "+5 min": the width of one bucket, after its start time. */
export function bucketSpan(bucketMs: number): string {
  return bucketMs >= 86_400_000 ? '1 d' : bucketMs >= 3_600_000 ? '1 h' : `${bucketMs / 60_000} min`;
}

/** One bucket in words, as the keyboard cursor announces it and the counts table's caption reads. */
export function bucketSentence(row: StackedTimeline['rows'][number], keys: string[], bucketMs: number, zone: string): string {
  const ops = keys.filter((k) => row.values[k]).map((k) => `${k} ${row.values[k]}`);
  return (
    `${formatFull(row.t, zone)} +${bucketSpan(bucketMs)}: ${row.total.toLocaleString('en')} events` +
    (row.errors > 0 ? `, ${row.errors} failed` : '') +
    (ops.length ? ` (${ops.join(', ')})` : '')
  );
}
