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
  /** Whether this replica holds the background sync (one replica does, among all on one store). */
  leading: boolean;
  /** This replica's name as the store's locks and leadership record it. */
  replica: string;
}

/** Told when a sync starts and when it ends (live views: the `sync` message of /api/events/stream). */
export interface SyncChange {
  running: boolean;
  startedAt: string | null;
  finishedAt: string | null;
  /** Events the sync stored that were new, once it has ended. */
  newEvents: number | null;
}

/** The role the replicas of one store campaign for: the one that holds it runs the background sync. */
export const SYNC_ROLE = 'sync';

/** Runs the incremental sync in the background every interval, and on demand; never two at once in this process. */
export class SyncManager {
  private current: Promise<RegionResult[]> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private progress = new Map<string, StreamProgress>();
  private lastStartedAt: string | null = null;
  private lastFinishedAt: string | null = null;
  private lastResults: RegionResult[] = [];
  private stopped = false;
  private leading = false;
  private heartbeat: NodeJS.Timeout | null = null;
  private readonly watchers = new Set<(change: SyncChange) => void>();

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

  /**
   * Starts the background loop; `intervalMs` 0 leaves syncing to explicit triggers. Replicas on one
   * store campaign for the loop every few seconds; the one that wins syncs at once and then every
   * interval, and a replica that finds the role free (its holder died) takes it over at its next
   * campaign, well within two intervals.
   */
  start(): void {
    if (this.intervalMs <= 0) return;
    const every = Math.min(this.intervalMs, 5_000);
    void this.campaign(every);
    this.heartbeat = setInterval(() => void this.campaign(every), every).unref();
  }

  private async campaign(every: number): Promise<void> {
    if (this.stopped) return;
    const was = this.leading;
    let why: string | null = null;
    try {
      // SQLite's lease outlives three missed campaigns; PostgreSQL's lock lives with the session.
      this.leading = await this.ctx.store.campaign(SYNC_ROLE, this.ctx.lockOwner, Math.max(3 * every, 15_000));
    } catch (err) {
      this.leading = false;
      why = (err as Error).message;
    }
    if (this.stopped) return;
    if (this.leading && !was) {
      this.log(`sync: this replica (${this.ctx.lockOwner}) runs the background sync`);
      this.tick();
    } else if (!this.leading && was) {
      this.log(why ? `sync: lost the background sync's role (${why})` : 'sync: another replica runs the background sync now');
      if (this.timer) clearTimeout(this.timer);
      this.timer = null;
    }
  }

  private tick(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    void (async () => {
      await this.trigger().catch(() => {});
      if (!this.stopped && this.leading && !this.timer) this.timer = setTimeout(() => this.tick(), this.intervalMs).unref();
    })();
  }

  /** Calls `watcher` whenever a sync starts or ends; returns the unsubscribe. */
  onChange(watcher: (change: SyncChange) => void): () => void {
    this.watchers.add(watcher);
    return () => void this.watchers.delete(watcher);
  }

  private tell(change: SyncChange): void {
    for (const w of this.watchers) {
      try {
        w(change);
      } catch {
        // One closed stream must not stop the sync or the others' news.
      }
    }
  }

  /** Starts a sync now, or joins the one already running. */
  trigger(mode: SyncMode = { kind: 'incremental' }): Promise<RegionResult[]> {
    if (this.current) return this.current;
    this.lastStartedAt = new Date().toISOString();
    this.tell({ running: true, startedAt: this.lastStartedAt, finishedAt: null, newEvents: null });
    let newEvents = 0;
    this.current = syncAll(this.ctx, this.targets, this.eventSources, mode)
      .then((results) => {
        this.lastResults = results;
        newEvents = results.reduce((n, r) => n + r.streams.reduce((m, s) => m + (s.newEvents ?? 0), 0), 0);
        for (const r of results) {
          for (const s of r.streams) if (s.error) this.log(`sync ${s.account} ${s.region} ${s.eventSource} failed: ${s.error}`);
        }
        return results;
      })
      .finally(() => {
        this.lastFinishedAt = new Date().toISOString();
        this.current = null;
        this.tell({ running: false, startedAt: this.lastStartedAt, finishedAt: this.lastFinishedAt, newEvents });
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
      leading: this.leading,
      replica: this.ctx.lockOwner,
    };
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    if (this.heartbeat) clearInterval(this.heartbeat);
    await this.current?.catch(() => {});
    if (this.leading) await this.ctx.store.resign(SYNC_ROLE, this.ctx.lockOwner).catch(() => {});
    this.leading = false;
  }
}
