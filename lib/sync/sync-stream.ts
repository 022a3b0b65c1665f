import { normalizeLookupEvent } from '@/lib/events/normalize';
import type { SyncJob, SyncState } from '@/lib/store/types';
import type { CallStats } from '@/lib/cloudtrail/lookup';
import { measureProgress } from './progress';
import { lockName } from './lock-name';
import type { SyncContext, SyncMode, SyncTarget, StreamResult } from './types';

export const LOOKUP_WINDOW_MS = 90 * 86_400_000;
// A backfill that would only add an hour at the far edge of the 90 days is not worth a query.
const BACKFILL_SLACK_MS = 3_600_000;

function initialState(target: SyncTarget, eventSource: string): SyncState {
  return { account: target.account.name, region: target.region, eventSource, accountId: target.account.accountId, coveredFrom: null, watermark: null, job: null, lastRun: null, lastError: null, throttles: 0 };
}

function newJob(kind: SyncJob['kind'], start: number, end: number, now: number): SyncJob {
  const iso = (ms: number) => new Date(ms).toISOString();
  return { kind, start: iso(start), end: iso(end), queryEnd: iso(end), nextToken: null, oldestSeen: null, pages: 0, events: 0, newEvents: 0, startedAt: iso(now) };
}

/** Picks the next job for a stream: a pending one first, then a requested backfill, then one incremental pass. */
function nextJob(state: SyncState, mode: SyncMode, didIncremental: boolean, now: number, overlapMs: number): SyncJob | null {
  if (state.job) return state.job;
  const oldest = now - LOOKUP_WINDOW_MS;
  if (!state.watermark) return newJob('backfill', oldest, now, now);
  if (mode.kind === 'backfill') {
    const since = Math.max(oldest, now - mode.sinceMs);
    const coveredFrom = state.coveredFrom ? Date.parse(state.coveredFrom) : now;
    if (coveredFrom - since > BACKFILL_SLACK_MS) return newJob('backfill', since, coveredFrom, now);
  }
  if (!didIncremental) return newJob('incremental', Math.max(oldest, Date.parse(state.watermark) - overlapMs), now, now);
  return null;
}

function finish(state: SyncState, job: SyncJob): void {
  if (job.kind === 'backfill') {
    state.coveredFrom = state.coveredFrom && Date.parse(state.coveredFrom) < Date.parse(job.start) ? state.coveredFrom : job.start;
  } else {
    state.coveredFrom ??= job.start;
  }
  if (!state.watermark || Date.parse(state.watermark) < Date.parse(job.end)) state.watermark = job.end;
  state.job = null;
}

/** Syncs one account-region's event source until it is current; progress is committed with every page. */
export async function syncStream(ctx: SyncContext, target: SyncTarget, eventSource: string, mode: SyncMode): Promise<StreamResult> {
  const { region } = target;
  const account = target.account.name;
  const now = () => (ctx.now ? ctx.now() : Date.now());
  const state = (await ctx.store.getSyncState(account, region, eventSource)) ?? initialState(target, eventSource);
  const total = { pages: 0, events: 0, newEvents: 0 };
  const stats: CallStats = { requests: 0, throttles: 0, retries: 0 };
  let didIncremental = false;
  let counted = 0; // throttles already added to state.throttles
  try {
    for (let job = nextJob(state, mode, didIncremental, now(), ctx.overlapMs); job; job = nextJob(state, mode, didIncremental, now(), ctx.overlapMs)) {
      state.job = job;
      const startedAtMs = now();
      const run = { pages: 0, events: 0, newEvents: 0 };
      const before = { ...stats };
      const report = (done: boolean) =>
        ctx.onProgress?.(
          measureProgress(job, { startedAtMs, ...run, requests: stats.requests - before.requests, throttles: stats.throttles - before.throttles, retries: stats.retries - before.retries, done }, { account, region, eventSource }, now()),
        );
      report(false);
      for (;;) {
        const page = await readPage(ctx, target, eventSource, job, stats);
        const stored = page.events.filter((e) => e.EventSource === eventSource).map((e) => normalizeLookupEvent(e, region));
        for (const s of stored) {
          if (!job.oldestSeen || s.summary.eventTime < job.oldestSeen) job.oldestSeen = s.summary.eventTime;
          state.accountId ??= s.summary.accountId || null;
        }
        job.nextToken = page.nextToken;
        job.pages++;
        job.events += stored.length;
        if (!page.nextToken) finish(state, job);
        state.throttles += stats.throttles - counted;
        counted = stats.throttles;
        const { inserted } = await ctx.store.commitPage(stored, { ...state, lastError: null });
        job.newEvents += inserted;
        run.pages++;
        run.events += stored.length;
        run.newEvents += inserted;
        if (!(await ctx.store.acquireLock(lockName(target), ctx.lockOwner, ctx.lockTtlMs))) {
          throw new Error(`lost the sync lock for ${account} ${region} to another process; stopping so the two do not interleave`);
        }
        if (!page.nextToken) break;
        report(false);
      }
      if (job.kind === 'incremental') didIncremental = true;
      report(true);
      total.pages += run.pages;
      total.events += run.events;
      total.newEvents += run.newEvents;
      state.lastRun = { kind: job.kind, startedAt: new Date(startedAtMs).toISOString(), finishedAt: new Date(now()).toISOString(), ...run, throttles: stats.throttles - before.throttles, retries: stats.retries - before.retries };
      state.lastError = null;
      await ctx.store.saveSyncState(state);
    }
    return { account, region, eventSource, ok: true, ...total, ...stats, error: null };
  } catch (err) {
    const message = ctx.describe(err, target);
    state.lastError = { at: new Date(now()).toISOString(), message };
    await ctx.store.saveSyncState(state);
    return { account, region, eventSource, ok: false, ...total, ...stats, error: message };
  }
}

/** Reads the job's next page; a NextToken CloudTrail no longer honours restarts the query below what was read. */
async function readPage(ctx: SyncContext, { account, region }: SyncTarget, eventSource: string, job: SyncJob, stats: CallStats) {
  const reader = ctx.readerFor(account);
  const query = () => ({ attribute: { key: 'EventSource' as const, value: eventSource }, start: new Date(job.start), end: new Date(job.queryEnd), nextToken: job.nextToken });
  try {
    return await reader.lookupPage(region, query(), stats);
  } catch (err) {
    if ((err as { name?: string }).name !== 'InvalidNextTokenException' || !job.nextToken) throw err;
    // Events are newest first: everything newer than oldestSeen is stored, so narrow the window and start over.
    if (job.oldestSeen) job.queryEnd = new Date(Date.parse(job.oldestSeen) + 1000).toISOString();
    job.nextToken = null;
    return reader.lookupPage(region, query(), stats);
  }
}
