import { Link } from '@/components/ui/link';
import type { StreamOverview } from '@/lib/sync/sync-overview';
import { targetKey } from '@/lib/sync/target-key';
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
  showAccounts,
  running,
  now,
  staleAfterMs,
  otherHolders,
}: {
  streams: StreamOverview[];
  /** Several accounts are configured: each row names its account (and role, one hover away). */
  showAccounts: boolean;
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
          {showAccounts && <th>Account</th>}
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
          const filter = `/events?region=${encodeURIComponent(s.region)}&source=${encodeURIComponent(s.eventSource)}${showAccounts && s.accountId ? `&account=${s.accountId}` : ''}`;
          const holder = otherHolders[targetKey(s)] ?? null;
          return (
            <tr key={`${targetKey(s)} ${s.eventSource}`} className={s.lastError ? styles.failedRow : undefined}>
              {showAccounts && (
                <td>
                  <div className="nowrap" title={[s.accountId, s.roleArn].filter(Boolean).join(' · ') || undefined}>
                    {s.account}
                  </div>
                  {s.roleArn && <div className={`mono ${styles.small}`}>{s.roleArn.replace(/^arn:[^:]+:iam::\d{12}:/, '')}</div>}
                </td>
              )}
              <td>
                <div className="nowrap">{s.region}</div>
                {!showAccounts && s.accountId && <div className={`mono ${styles.small}`}>{s.accountId}</div>}
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
