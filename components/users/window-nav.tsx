import { Link } from '@/components/ui/link';
import styles from './page.module.css';

const RANGES = ['24h', '7d', '30d', '90d'] as const;

/**
 * The time window as links (the other filters kept), and the active filters in words, so that a
 * shared link says what it shows. The full filter bar lives on /events.
 */
export function WindowNav({ path, query }: { path: string; query: string }) {
  const params = new URLSearchParams(query);
  const current = params.get('range') ?? (params.has('from') || params.has('to') ? 'custom' : 'all');
  const hrefFor = (range: string | null) => {
    const next = new URLSearchParams(params);
    for (const key of ['range', 'from', 'to']) next.delete(key);
    if (range) next.set('range', range);
    const qs = next.toString();
    return qs ? `${path}?${qs}` : path;
  };
  const others = [...params.entries()].filter(([key]) => !['range', 'sort', 'dir'].includes(key));
  return (
    <div className={styles.windowNav}>
      <nav aria-label="Time window" className={styles.ranges}>
        {[null, ...RANGES].map((range) => {
          const label = range ?? 'All';
          const active = (range ?? 'all') === current;
          return (
            <Link key={label} href={hrefFor(range)} aria-current={active ? 'page' : undefined} className={active ? styles.rangeOn : styles.range}>
              {range ? `Last ${range}` : 'All stored'}
            </Link>
          );
        })}
      </nav>
      {others.length > 0 && (
        <span className={styles.filters}>
          Filtered by{' '}
          {others.map(([key, value], i) => (
            <code key={`${key}${i}`} className={styles.chip}>
              {key}={value}
            </code>
          ))}{' '}
          <Link href={path}>clear</Link>
        </span>
      )}
    </div>
  );
}
