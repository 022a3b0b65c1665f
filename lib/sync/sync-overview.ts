import { emptyFilter } from '@/lib/filters/schema';
import type { Store, SyncState } from '@/lib/store/types';
import type { StreamProgress } from './progress';
import type { SyncManager } from './sync-manager';

export interface StreamOverview extends SyncState {
  progress: StreamProgress | null;
  storedEvents: number;
}

/** What `/api/sync` and the `/sync` page show: stored state per region and source, plus live progress. */
export async function syncOverview(runtime: { mode: string; regions: string[]; eventSources: string[]; store: Store; sync: SyncManager }) {
  const status = runtime.sync.status();
  const states = await runtime.store.getSyncStates();
  const streams: StreamOverview[] = [];
  for (const region of runtime.regions) {
    for (const eventSource of runtime.eventSources) {
      const state = states.find((s) => s.region === region && s.eventSource === eventSource);
      const progress = status.progress.find((p) => p.region === region && p.eventSource === eventSource) ?? null;
      const storedEvents = await runtime.store.countEvents({ ...emptyFilter, sources: [eventSource], regions: [region] });
      streams.push({
        ...(state ?? { region, eventSource, accountId: null, coveredFrom: null, watermark: null, job: null, lastRun: null, lastError: null, throttles: 0 }),
        progress,
        storedEvents,
      });
    }
  }
  const lockHolders: Record<string, string | null> = {};
  for (const region of runtime.regions) lockHolders[region] = await runtime.store.lockHolder(`sync:${region}`);
  return {
    mode: runtime.mode,
    running: status.running,
    lastStartedAt: status.lastStartedAt,
    lastFinishedAt: status.lastFinishedAt,
    intervalSeconds: status.intervalMs / 1000,
    streams,
    lockHolders,
  };
}
