import type { SyncJob } from '@/lib/store/types';

export interface StreamProgress {
  account: string;
  region: string;
  eventSource: string;
  kind: SyncJob['kind'];
  window: { start: string; end: string };
  pages: number;
  events: number;
  newEvents: number;
  requests: number;
  throttles: number;
  retries: number;
  startedAt: string;
  /** Share of the job's time window read so far (pages come newest first). */
  fraction: number;
  eventsPerSecond: number;
  requestsPerSecond: number;
  etaSeconds: number | null;
  done: boolean;
}

export function measureProgress(
  job: SyncJob,
  run: { startedAtMs: number; pages: number; events: number; newEvents: number; requests: number; throttles: number; retries: number; done: boolean },
  stream: { account: string; region: string; eventSource: string },
  nowMs: number,
): StreamProgress {
  const start = Date.parse(job.start);
  const end = Date.parse(job.end);
  const reached = job.oldestSeen ? Date.parse(job.oldestSeen) : end;
  const span = Math.max(1, end - start);
  const fraction = run.done ? 1 : Math.min(1, Math.max(0, (end - reached) / span));
  const elapsed = Math.max(0.001, (nowMs - run.startedAtMs) / 1000);
  const etaSeconds = run.done ? 0 : fraction > 0.001 ? Math.round((elapsed * (1 - fraction)) / fraction) : null;
  return {
    ...stream,
    kind: job.kind,
    window: { start: job.start, end: job.end },
    pages: run.pages,
    events: run.events,
    newEvents: run.newEvents,
    requests: run.requests,
    throttles: run.throttles,
    retries: run.retries,
    startedAt: new Date(run.startedAtMs).toISOString(),
    fraction,
    eventsPerSecond: run.events / elapsed,
    requestsPerSecond: run.requests / elapsed,
    etaSeconds,
    done: run.done,
  };
}
