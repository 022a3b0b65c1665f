'use client';

import { formatFull, formatInZone, relativeAge, shortDay } from '@/lib/explorer/time-format';
import { useTimeZone } from './time-zone';

/**
 * An instant in the viewer's chosen zone with the zone written out; the relative age is only a
 * tooltip (UI.md). `date: 'short'` (`Nov 23`) keeps a table column narrow; the full instant is in the tooltip.
 */
export function LocalTime({ iso, date = 'full', zone: showZone = true, className }: { iso: string; date?: 'full' | 'short' | false; zone?: boolean; className?: string }) {
  const { zone } = useTimeZone();
  const t = formatInZone(iso, zone);
  const day = date === 'short' ? shortDay(t) : t.date;
  return (
    <time
      dateTime={iso}
      className={className}
      // The age moves on between server render and hydration; only the tooltip differs.
      suppressHydrationWarning
      title={`${relativeAge(iso)} · ${t.date} ${t.time} ${t.zone}${zone === 'UTC' ? '' : ` · ${formatFull(iso, 'UTC')}`}`}
    >
      {date && <span className="time-date">{day} </span>}
      {t.time}
      {showZone && <span className="time-zone"> {t.zone}</span>}
    </time>
  );
}
