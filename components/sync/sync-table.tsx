import { Link } from '@/components/ui/link';
import type { StreamOverview } from '@/lib/sync/sync-overview';
import { formatCount } from './format';
import { CoveredCell, ErrorCell, LastRunCell, ProgressCell, WatermarkCell } from './sync-cells';
import styles from './sync.module.css';

/** `mediapackagev2` / `.amazonaws.com` on two lines when narrow: the service part is what differs. */
function SourceName({ source }: { source: string }) {
  const dot = source.indexOf('.');
  if (dot < 0) return <>{source}</>;
  return (
    <>
      {source.slice(0, dot)}
      <wbr />
      <span className="muted">{source.slice(dot)}</span>
    </>
  );
}

/** One row per region and event source: what is stored, how far it reaches, what the sync is doing. */
export function SyncTable({
  streams,
  running,
  now,
  staleAfterMs,
  otherHolders,
}: {
  streams: StreamOverview[];
  /** Whether this server is syncing now: live progress is only trusted then. */
  running: boolean;
  now: number;
  staleAfterMs: number | null;
  /** Region → lock owner, for regions another process is syncing now. */
  otherHolders: Record<string, string>;
}) {
  return (
    <table className={styles.table}>
      <caption className="sr-only">Sync state of each region and event source</caption>
      <thead>
        <tr>
          <th>Region</th>
          <th>Event source</th>
          <th className={styles.n}>Stored</th>
          <th>Watermark</th>
          <th>Covered from</th>
          <th>Progress</th>
          <th>Last run</th>
          <th className={styles.n}>Throttled</th>
          <th>Last error</th>
        </tr>
      </thead>
      <tbody>
        {streams.map((s) => {
          const filter = `/events?region=${encodeURIComponent(s.region)}&source=${encodeURIComponent(s.eventSource)}`;
          const holder = otherHolders[s.region] ?? null;
          return (
            <tr key={`${s.region} ${s.eventSource}`} className={s.lastError ? styles.failedRow : undefined}>
              <td>
                <div className="nowrap">{s.region}</div>
                {s.accountId && <div className={`mono ${styles.small}`}>{s.accountId}</div>}
              </td>
              <td className="mono">
                <SourceName source={s.eventSource} />
              </td>
              <td className={styles.n}>
                <Link href={filter} title="These events on the Events page">
                  {formatCount(s.storedEvents)}
                </Link>
              </td>
              <td>
                <WatermarkCell s={s} now={now} staleAfterMs={staleAfterMs} />
              </td>
              <td>
                <CoveredCell s={s} now={now} />
              </td>
              <td>
                <ProgressCell s={s} running={running} otherHolder={holder} />
              </td>
              <td>
                <LastRunCell s={s} now={now} />
              </td>
              <td className={styles.n} title="LookupEvents calls CloudTrail throttled (and that were retried), all runs">
                {s.throttles ? formatCount(s.throttles) : <span className="muted">0</span>}
              </td>
              <td>
                <ErrorCell s={s} now={now} />
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
