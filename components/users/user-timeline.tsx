import { BUCKETS, autoBucket } from '@/lib/filters/buckets';
import type { EventFilter } from '@/lib/filters/schema';
import type { Store, UserDetail } from '@/lib/store/types';
import { FAMILY_ORDER, opFamily, type OpFamily } from '@/components/ui/op-family';
import { UserTimelineChart, type FamilyPoint } from './user-timeline-chart';

const BUCKET_WORDS: Record<string, string> = { '1m': 'minute', '5m': '5 minutes', '1h': 'hour', '1d': 'day' };

/**
 * The window the chart spans: the filter's, else from the principal's first to its last event,
 * so that an all-time view of a quiet principal is not 90 days of empty bars.
 */
function chartWindow(filter: EventFilter, user: UserDetail, now: Date): { from: Date; to: Date } {
  const from = filter.from ?? new Date(user.allTime.firstSeen);
  const to = filter.to ?? (filter.from ? now : new Date(user.allTime.lastSeen));
  return { from, to: to.getTime() > from.getTime() ? to : new Date(from.getTime() + 60_000) };
}

export async function UserTimeline({ store, filter, user, now }: { store: Store; filter: EventFilter; user: UserDetail; now: Date }) {
  const window = chartWindow(filter, user, now);
  const bucket = autoBucket(window.to.getTime() - window.from.getTime());
  const series = await store.timeline({ ...filter, user: user.principal }, BUCKETS[bucket], window);
  const seen = new Set<OpFamily>();
  const points: FamilyPoint[] = series.map((p) => {
    const point: FamilyPoint = { t: p.t };
    for (const [op, n] of Object.entries(p.counts)) {
      const family = opFamily(op);
      seen.add(family);
      point[family] = (point[family] ?? 0) + n;
    }
    return point;
  });
  const families = FAMILY_ORDER.filter((f) => seen.has(f));
  return (
    <figure style={{ margin: 0 }} aria-label={`Activity per ${BUCKET_WORDS[bucket]}`}>
      <figcaption className="muted" style={{ fontSize: 12 }}>
        Events per {BUCKET_WORDS[bucket]}, by kind of operation
        {families.length > 0 && ': '}
        {families.join(', ')}
      </figcaption>
      <UserTimelineChart points={points} families={families} bucketMs={BUCKETS[bucket]} />
    </figure>
  );
}
