import { normalizeLookupEvent } from '@/lib/events/normalize';
import type { AccountConfig } from '@/lib/accounts/accounts-config';
import type { CloudTrailReader } from '@/lib/cloudtrail/lookup';
import type { SyncTarget } from './types';
import type { Store, StoredEventDetail } from '@/lib/store/types';

export const EVENT_ID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

// Ids CloudTrail just said it does not have are not asked for again for a while: every
// lookup spends the region's 2 requests/s that the sync needs.
const MISS_TTL_MS = 5 * 60_000;
const misses = new Map<string, number>();

function rememberMiss(eventId: string): void {
  if (misses.size > 10_000) misses.clear();
  misses.set(eventId, Date.now() + MISS_TTL_MS);
}

export interface FindEventDeps {
  store: Store;
  readerFor(account: AccountConfig): CloudTrailReader;
  targets: SyncTarget[];
  eventSources: string[];
}

/**
 * An event from the store, or — for a link to an event not synced yet — from LookupEvents by
 * EventId in each configured account's regions, stored on the way. Events of other services stay
 * unknown. An account-region that cannot be asked does not hide a hit in another; when nothing is
 * found and some could not be asked, the first such error is thrown (the event may be there).
 */
export async function findEvent(deps: FindEventDeps, eventId: string): Promise<StoredEventDetail | null> {
  const stored = await deps.store.getEvent(eventId);
  if (stored || !EVENT_ID.test(eventId)) return stored;
  if ((misses.get(eventId) ?? 0) > Date.now()) return null;
  const asked = await Promise.allSettled(
    deps.targets.map(async (target) => ({ target, event: await deps.readerFor(target.account).lookupEventById(target.region, eventId) })),
  );
  const hit = asked.flatMap((a) => (a.status === 'fulfilled' && a.value.event && deps.eventSources.includes(a.value.event.EventSource ?? '') ? [a.value] : []))[0];
  if (!hit?.event) {
    const failed = asked.map((a, i) => ({ a, target: deps.targets[i] })).find(({ a }) => a.status === 'rejected');
    if (failed) throw new LookupFailed(failed.target, (failed.a as PromiseRejectedResult).reason);
    rememberMiss(eventId);
    return null;
  }
  await deps.store.commitPage([normalizeLookupEvent(hit.event, hit.target.region)]);
  return deps.store.getEvent(eventId);
}

/** Why one account-region could not be asked for an event. */
class LookupFailed extends Error {
  constructor(
    readonly target: SyncTarget,
    override readonly cause: unknown,
  ) {
    super('lookup failed');
  }
}

/** findEvent for pages and handlers: the event, null when unknown, or why CloudTrail could not be asked. */
export async function lookUpEvent(
  deps: FindEventDeps & { syncContext: { describe: (err: unknown, where: SyncTarget) => string } },
  eventId: string,
): Promise<{ detail: StoredEventDetail | null; unreachable: null } | { detail: null; unreachable: string }> {
  try {
    return { detail: await findEvent(deps, eventId), unreachable: null };
  } catch (err) {
    if (err instanceof LookupFailed) return { detail: null, unreachable: deps.syncContext.describe(err.cause, err.target) };
    throw err;
  }
}
