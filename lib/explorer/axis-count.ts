// A chart's count axis has room for about five characters: 16000 printed whole lost its first
// digit to the edge (a 1M-event store's day bars read "6000", "2000"), so counts are written short.
const COMPACT = new Intl.NumberFormat('en', { notation: 'compact', maximumFractionDigits: 1 });

/** A count as a chart axis prints it: 950, 4.5K, 16K, 1.2M. */
export function axisCount(n: number): string {
  return COMPACT.format(n);
}
