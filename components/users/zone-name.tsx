'use client';

import { useTimeZone } from '@/components/ui/time-zone';

/**
 * The zone times are shown in, for a column header whose cells leave it out to stay narrow.
 * The IANA name (`Europe/Berlin`), not an abbreviation: a column spanning months crosses DST,
 * and `CET` over a summer date would be wrong. Each cell's tooltip names its own offset.
 */
export function ZoneName() {
  const { zone } = useTimeZone();
  return <>{zone}</>;
}
