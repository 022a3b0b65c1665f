import { emptyFilter } from '@/lib/filters/schema';
import type { Store, SyncState } from '@/lib/store/types';
import type { StreamProgress } from './progress';
import { lockName } from './lock-name';
import { targetKey } from './target-key';
import { SYNC_ROLE, type SyncManager } from './sync-manager';
import type { SyncTarget } from './types';

export interface StreamOverview extends SyncState {
  /** The role the account is read through; null for the credential chain itself. */
  roleArn: string | null;
  progress: StreamProgress | null;
  storedEvents: number;
}

/** What `/api/sync` and the `/sync` page show: stored state per account, region and source, plus live progress. */
export async function syncOverview(runtime: { mode: string; targets: SyncTarget[]; eventSources: string[]; store: Store; sync: SyncManager }) {
  const status = runtime.sync.status();
  const states = await runtime.store.getSyncStates();
  const several = new Set(runtime.targets.map((t) => t.account.name)).size > 1;
  const streams: StreamOverview[] = [];
  for (const { account, region } of runtime.targets) {
    for (const eventSource of runtime.eventSources) {
      const state = states.find((s) => s.account === account.name && s.region === region && s.eventSource === eventSource);
      const progress = status.progress.find((p) => p.account === account.name && p.region === region && p.eventSource === eventSource) ?? null;
      const accountId = account.accountId ?? state?.accountId ?? null;
      // With several accounts, an account whose id is not known yet has stored nothing of its own.
      const storedEvents =
        accountId || !several ? await runtime.store.countEvents({ ...emptyFilter, sources: [eventSource], regions: [region], accounts: accountId ? [accountId] : [] }) : 0;
      streams.push({
        ...(state ?? { account: account.name, region, eventSource, accountId, coveredFrom: null, watermark: null, job: null, lastRun: null, lastError: null, throttles: 0 }),
        roleArn: account.roleArn,
        progress,
        storedEvents,
      });
    }
  }
  const lockHolders: Record<string, string | null> = {};
  for (const target of runtime.targets) lockHolders[targetKey({ account: target.account.name, region: target.region })] = await runtime.store.lockHolder(lockName(target));
  return {
    mode: runtime.mode,
    /** Which replica runs the background sync (null: none does, the interval is 0 or it is changing hands), and this one's name. */
    leader: await runtime.store.leaderOf(SYNC_ROLE),
    replica: status.replica,
    running: status.running,
    lastStartedAt: status.lastStartedAt,
    lastFinishedAt: status.lastFinishedAt,
    intervalSeconds: status.intervalMs / 1000,
    accounts: several,
    streams,
    lockHolders,
  };
}
