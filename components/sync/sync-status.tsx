import { LocalTime } from '@/components/ui/local-time';
import { ago, formatDuration } from './format';
import { SyncAutoRefresh } from './sync-auto-refresh';
import { SyncNowButton } from './sync-now-button';
import styles from './sync.module.css';

interface Props {
  mode: string;
  running: boolean;
  lastStartedAt: string | null;
  lastFinishedAt: string | null;
  intervalSeconds: number;
  /** Why a region was left out of the last sync (another process held its lock). */
  skipped: string[];
  /** Region → lock owner (`host:pid:nonce`) for regions another process is syncing now. */
  otherHolders: Record<string, string>;
  /** How many of `total` streams ended their last run with an error. */
  failed: number;
  total: number;
  now: number;
  /** The replica running the background sync (`host:pid:nonce`), or null when none is; and this one. */
  leader: string | null;
  replica: string;
  /** Only admins (PACKTRAIL_ADMINS) start syncs; viewers see no button. */
  canSync: boolean;
}

/** What the sync is doing now, when it last finished, and the button to run it. */
export function SyncStatus({ mode, running, lastStartedAt, lastFinishedAt, intervalSeconds, skipped, otherHolders, failed, total, now, leader, replica, canSync }: Props) {
  const elsewhere = Object.entries(otherHolders);
  return (
    <div className={styles.status}>
      <p role="status" aria-label="Sync status" className={styles.statusLine}>
        {running ? (
          <strong className={styles.running}>
            Syncing now{lastStartedAt && <> — started {ago(lastStartedAt, now)}</>}
          </strong>
        ) : (
          <strong>Idle</strong>
        )}
        {lastFinishedAt ? (
          <>
            {' · '}last sync finished <LocalTime iso={lastFinishedAt} className="mono" /> ({ago(lastFinishedAt, now)})
          </>
        ) : (
          !running && ' · no sync has finished since the server started'
        )}
        {failed > 0 && (
          <strong className="error">
            {' · '}
            {failed} of {total} failed: see Last error
          </strong>
        )}
        {' · '}
        {intervalSeconds > 0 ? `background sync every ${formatDuration(intervalSeconds)}` : 'background sync is off (PACKTRAIL_SYNC_INTERVAL=0)'}
      </p>
      {intervalSeconds > 0 && (
        <p className={styles.note} aria-label="Background sync leader">
          {leader === replica ? (
            <>
              This replica (<span className="mono">{replica}</span>) runs the background sync.
            </>
          ) : leader ? (
            <>
              Replica <span className="mono">{leader}</span> runs the background sync; this one (<span className="mono">{replica}</span>) serves pages
              and takes over if it stops.
            </>
          ) : (
            <>No replica holds the background sync at this moment; the next to campaign takes it within seconds.</>
          )}
        </p>
      )}
      {canSync ? <SyncNowButton running={running} /> : <p className={styles.note}>Syncs are started by admins (PACKTRAIL_ADMINS); the background sync keeps this page current.</p>}
      {/* Another process's progress reaches the store page by page: worth watching as closely. */}
      <SyncAutoRefresh running={running || elsewhere.length > 0} />
      {elsewhere.length > 0 && (
        <p className={styles.lockNote}>
          Another process is syncing {elsewhere.map(([region]) => region).join(', ')} now (
          {[...new Set(elsewhere.map(([, holder]) => holder))].map((holder) => (
            <span key={holder} className="mono" title="host:pid:nonce of the lock holder">
              {holder}
            </span>
          ))}
          ), for example <code>npm run sync</code>; this server waits for it and shows its progress as it is saved.
        </p>
      )}
      {skipped.map((reason) => (
        <p key={reason} className={styles.lockNote}>
          Skipped: {reason}. It finishes there; this page shows its progress as it is saved.
        </p>
      ))}
      {mode === 'demo' && (
        <p className={styles.note}>
          Demo mode: each region reads the built-in LookupEvents emulator (a generated MediaPackage history) through the same SDK,
          paging, rate limit and store as a real account, only faster. With AWS credentials, the first sync of a region reads 90 days at
          up to 100 events/s.
        </p>
      )}
    </div>
  );
}
