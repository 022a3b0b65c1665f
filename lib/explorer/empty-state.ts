import type { EventFilter } from '@/lib/filters/schema';
import type { SyncState } from '@/lib/store/types';

// Why a page has no events. "No results" alone would be dishonest when the store simply does not
// hold that window yet, or cannot: each cause has its own message and its own remedy.

export type EmptyReason =
  | { kind: 'syncing'; fraction: number | null; streams: string[] }
  | { kind: 'before-coverage'; coveredFrom: string }
  | { kind: 'sync-failed'; message: string; at: string; stream: string }
  | { kind: 'not-delivered-yet'; delayMinutes: number }
  | { kind: 'no-match' };

/** CloudTrail delivers events to Event history minutes after they happen (usually within ~15). */
export const DELIVERY_DELAY_MS = 15 * 60_000;

export interface SyncProgressLike {
  region: string;
  eventSource: string;
  fraction: number;
  done: boolean;
}

function relevant(states: SyncState[], filter: EventFilter): SyncState[] {
  return states.filter(
    (s) => (filter.regions.length === 0 || filter.regions.includes(s.region)) && (filter.sources.length === 0 || filter.sources.includes(s.eventSource)),
  );
}

export function explainEmpty(input: {
  filter: EventFilter;
  now: Date;
  states: SyncState[];
  progress: SyncProgressLike[];
  /** Streams the server is configured to sync: one that has no state yet has never been read. */
  expected: { region: string; eventSource: string }[];
}): EmptyReason {
  const { filter, now } = input;
  const windowTo = (filter.to ?? now).getTime();
  const windowFrom = filter.from?.getTime() ?? Number.NEGATIVE_INFINITY;
  const expected = input.expected.filter(
    (e) => (filter.regions.length === 0 || filter.regions.includes(e.region)) && (filter.sources.length === 0 || filter.sources.includes(e.eventSource)),
  );
  const states = relevant(input.states, filter);
  const key = (s: { region: string; eventSource: string }) => `${s.region} ${s.eventSource}`;
  const byKey = new Map(states.map((s) => [key(s), s]));

  // A stream still reading the window (first sync, or a backfill that has not reached it yet).
  const reading = states.filter((s) => {
    if (!s.job) return false;
    const reached = Date.parse(s.job.oldestSeen ?? s.job.end);
    return Date.parse(s.job.start) <= windowTo && reached > windowFrom;
  });
  const neverRead = expected.filter((e) => !byKey.get(key(e))?.watermark && !byKey.get(key(e))?.lastError);
  if (reading.length || neverRead.length) {
    const names = [...reading.map(key), ...neverRead.map(key)];
    const live = input.progress.filter((p) => names.includes(key(p)) && !p.done);
    const fraction = live.length ? live.reduce((n, p) => n + p.fraction, 0) / live.length : null;
    return { kind: 'syncing', fraction, streams: [...new Set(names)] };
  }

  const failed = states.filter((s) => s.lastError && (!s.watermark || Date.parse(s.watermark) < windowTo));
  if (failed.length) {
    const s = failed.sort((a, b) => Date.parse(b.lastError!.at) - Date.parse(a.lastError!.at))[0];
    return { kind: 'sync-failed', message: s.lastError!.message, at: s.lastError!.at, stream: key(s) };
  }

  const covered = states.map((s) => s.coveredFrom).filter((c): c is string => c !== null);
  if (covered.length) {
    const earliest = covered.reduce((a, b) => (Date.parse(a) < Date.parse(b) ? a : b));
    if (windowTo < Date.parse(earliest)) return { kind: 'before-coverage', coveredFrom: earliest };
  }

  if (windowFrom >= now.getTime() - DELIVERY_DELAY_MS && windowTo >= now.getTime() - DELIVERY_DELAY_MS) {
    return { kind: 'not-delivered-yet', delayMinutes: DELIVERY_DELAY_MS / 60_000 };
  }
  return { kind: 'no-match' };
}

/** A failed last sync is worth a warning even when rows show: newer events may be missing. */
export function failedStreams(states: SyncState[]): { stream: string; message: string; at: string }[] {
  return states
    .filter((s) => s.lastError)
    .map((s) => ({ stream: `${s.region} ${s.eventSource}`, message: s.lastError!.message, at: s.lastError!.at }));
}
