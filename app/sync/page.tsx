import { SyncStatus } from '@/components/sync/sync-status';
import { SyncTable } from '@/components/sync/sync-table';
import { getRuntime } from '@/lib/runtime/server-runtime';
import { syncOverview } from '@/lib/sync/sync-overview';
import styles from '@/components/sync/sync.module.css';
import { requirePageSession, sessionIsAdmin } from '@/lib/auth/session';

export default async function Page() {
  await requirePageSession();
  const admin = await sessionIsAdmin();
  const runtime = await getRuntime();
  const overview = await syncOverview(runtime);
  const now = Date.now();
  // This server's own lease is the sync it is running; any other holder is another process.
  const otherHolders: Record<string, string> = {};
  for (const [target, holder] of Object.entries(overview.lockHolders)) {
    if (holder && holder !== runtime.syncContext.lockOwner) otherHolders[target] = holder;
  }
  const skipped = runtime.sync.status().lastResults.flatMap((r) => (r.skippedBecause ? [r.skippedBecause] : []));
  // A watermark older than a few missed intervals means the background sync is not keeping up.
  const staleAfterMs = overview.intervalSeconds > 0 ? Math.max(3 * overview.intervalSeconds * 1000, 5 * 60_000) : null;
  return (
    <>
      <h1 className={styles.title}>Sync</h1>
      <SyncStatus
        mode={overview.mode}
        running={overview.running}
        lastStartedAt={overview.lastStartedAt}
        lastFinishedAt={overview.lastFinishedAt}
        intervalSeconds={overview.intervalSeconds}
        skipped={skipped}
        otherHolders={otherHolders}
        failed={overview.streams.filter((s) => s.lastError).length}
        total={overview.streams.length}
        now={now}
        leader={overview.leader}
        replica={overview.replica}
        canSync={admin}
      />
      <SyncTable
        streams={overview.streams}
        showAccounts={overview.accounts}
        running={overview.running}
        now={now}
        staleAfterMs={overview.running ? null : staleAfterMs}
        otherHolders={otherHolders}
      />
    </>
  );
}
