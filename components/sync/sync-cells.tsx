import { LocalTime } from '@/components/ui/local-time';
import type { SyncJob } from '@/lib/store/types';
import type { StreamOverview } from '@/lib/sync/sync-overview';
import { ago, daysBack, formatCount, formatDuration } from './format';
import styles from './sync.module.css';

// The cells of one /sync row. Server components: the page re-renders them every few seconds.

/** The share of a stored job's window already read; pages come newest first (as lib/sync/progress.ts). */
function jobFraction(job: SyncJob): number {
  const start = Date.parse(job.start);
  const end = Date.parse(job.end);
  const reached = job.oldestSeen ? Date.parse(job.oldestSeen) : end;
  return Math.min(1, Math.max(0, (end - reached) / Math.max(1, end - start)));
}

export function WatermarkCell({ s, now, staleAfterMs }: { s: StreamOverview; now: number; staleAfterMs: number | null }) {
  if (!s.watermark) return <span className="muted nowrap">not synced yet</span>;
  const stale = staleAfterMs !== null && now - Date.parse(s.watermark) > staleAfterMs;
  return (
    <span className={stale ? styles.stale : undefined} title={stale ? 'Older than the sync interval suggests: see the last error, or press Sync now.' : undefined}>
      <LocalTime iso={s.watermark} className="mono" />
      <br />
      <span className={styles.age}>{ago(s.watermark, now)}</span>
    </span>
  );
}

export function CoveredCell({ s, now }: { s: StreamOverview; now: number }) {
  if (!s.coveredFrom) return <span className="muted">—</span>;
  return (
    <span>
      <LocalTime iso={s.coveredFrom} date="short" className="mono" />
      <br />
      <span className={styles.age}>{daysBack(s.coveredFrom, now)} days back</span>
    </span>
  );
}

/** Live numbers while this server runs the job; the stored job's counts when it is paused or elsewhere. */
export function ProgressCell({ s, running, otherHolder }: { s: StreamOverview; running: boolean; otherHolder: string | null }) {
  // A failed run leaves its last report unfinished; it is only live while this server syncs.
  const live = running && s.progress && !s.progress.done ? s.progress : null;
  const job = s.job;
  if (!live && !job) return <span className="muted nowrap">{s.watermark ? 'up to date' : 'waiting for the first sync'}</span>;
  const kind = live?.kind ?? job!.kind;
  const fraction = live?.fraction ?? jobFraction(job!);
  const percent = Math.floor(fraction * 100);
  const pages = job?.pages ?? live!.pages;
  const events = job?.events ?? live!.events;
  const label = `${kind} of ${s.region} ${s.eventSource}`;
  return (
    <div className={styles.progress}>
      <div className={styles.progressHead}>
        <strong>{kind}</strong> <span className={styles.num}>{percent}%</span>
      </div>
      <div role="progressbar" aria-label={label} aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent} className={styles.bar}>
        <span style={{ width: `${Math.max(1, percent)}%` }} />
      </div>
      <div className={styles.small}>
        {formatCount(pages)} pages · {formatCount(events)} events
        {live && (
          <>
            {' · '}
            {formatCount(live.eventsPerSecond)} events/s
            {live.throttles > 0 && ` · ${live.throttles} throttled`}
            {' · '}
            {live.etaSeconds === null ? 'ETA not known yet' : `ETA ${formatDuration(live.etaSeconds)}`}
          </>
        )}
        {!live && (otherHolder ? ' · running in another process' : ' · paused; the next sync resumes it')}
      </div>
    </div>
  );
}

export function LastRunCell({ s, now }: { s: StreamOverview; now: number }) {
  const run = s.lastRun;
  if (!run) return <span className="muted nowrap">none yet</span>;
  const seconds = (Date.parse(run.finishedAt) - Date.parse(run.startedAt)) / 1000;
  return (
    <span>
      <span className="nowrap">
        {run.kind} · <LocalTime iso={run.finishedAt} date={false} className="mono" />
      </span>
      <br />
      <span className={styles.small}>
        {ago(run.finishedAt, now)} · {formatCount(run.pages)} page{run.pages === 1 ? '' : 's'} · {formatCount(run.newEvents)} new of {formatCount(run.events)} read ·{' '}
        {seconds < 1 ? '<\u00a01\u00a0s' : formatDuration(seconds)}
        {run.retries > 0 && ` · ${run.retries} retried`}
      </span>
    </span>
  );
}

export function ErrorCell({ s, now }: { s: StreamOverview; now: number }) {
  if (!s.lastError) return <span className="muted">—</span>;
  return (
    <div role="alert" className={styles.error}>
      {/* describeError's sentence says what to do; it is text, never markup. */}
      <div>{s.lastError.message}</div>
      <div className={styles.small}>
        <LocalTime iso={s.lastError.at} className="mono" /> ({ago(s.lastError.at, now)})
      </div>
    </div>
  );
}
