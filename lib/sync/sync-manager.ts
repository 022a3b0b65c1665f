import type { StreamProgress } from './progress';
import { syncAll } from './run-sync';
import type { RegionResult, SyncContext, SyncMode, SyncTarget } from './types';

export interface SyncStatus {
  running: boolean;
  lastStartedAt: string | null;
  lastFinishedAt: string | null;
  intervalMs: number;
  progress: StreamProgress[];
  lastResults: RegionResult[];
}

/** Runs the incremental sync in the background every interval, and on demand; never two at once in this process. */
export class SyncManager {
  private current: Promise<RegionResult[]> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private progress = new Map<string, StreamProgress>();
  private lastStartedAt: string | null = null;
  private lastFinishedAt: string | null = null;
  private lastResults: RegionResult[] = [];
  private stopped = false;

  constructor(
    private readonly ctx: SyncContext,
    private readonly targets: SyncTarget[],
    private readonly eventSources: string[],
    private readonly intervalMs: number,
    private readonly log: (line: string) => void = () => {},
  ) {
    const downstream = ctx.onProgress;
    this.ctx = { ...ctx, onProgress: (p) => (this.progress.set(`${p.account} ${p.region} ${p.eventSource}`, p), downstream?.(p)) };
  }

  /** Starts the background loop; `intervalMs` 0 leaves syncing to explicit triggers. */
  start(): void {
    if (this.intervalMs <= 0) return;
    const tick = async () => {
      await this.trigger().catch(() => {});
      if (!this.stopped) this.timer = setTimeout(tick, this.intervalMs).unref();
    };
    void tick();
  }

  /** Starts a sync now, or joins the one already running. */
  trigger(mode: SyncMode = { kind: 'incremental' }): Promise<RegionResult[]> {
    if (this.current) return this.current;
    this.lastStartedAt = new Date().toISOString();
    this.current = syncAll(this.ctx, this.targets, this.eventSources, mode)
      .then((results) => {
        this.lastResults = results;
        for (const r of results) {
          for (const s of r.streams) if (s.error) this.log(`sync ${s.account} ${s.region} ${s.eventSource} failed: ${s.error}`);
        }
        return results;
      })
      .finally(() => {
        this.lastFinishedAt = new Date().toISOString();
        this.current = null;
      });
    return this.current;
  }

  status(): SyncStatus {
    return {
      running: this.current !== null,
      lastStartedAt: this.lastStartedAt,
      lastFinishedAt: this.lastFinishedAt,
      intervalMs: this.intervalMs,
      progress: [...this.progress.values()],
      lastResults: this.lastResults,
    };
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.current?.catch(() => {});
  }
}
