import { normalizeLookupEvent } from '@/lib/events/normalize';
import type { CloudTrailReader } from '@/lib/cloudtrail/lookup';
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
  reader: CloudTrailReader;
  regions: string[];
  eventSources: string[];
}

/**
 * An event from the store, or — for a link to an event not synced yet — from LookupEvents by
 * EventId in each configured region, stored on the way. Events of other services stay unknown.
 */
export async function findEvent(deps: FindEventDeps, eventId: string): Promise<StoredEventDetail | null> {
  const stored = await deps.store.getEvent(eventId);
  if (stored || !EVENT_ID.test(eventId)) return stored;
  if ((misses.get(eventId) ?? 0) > Date.now()) return null;
  const found = await Promise.all(deps.regions.map(async (region) => ({ region, event: await deps.reader.lookupEventById(region, eventId) })));
  const hit = found.find((f) => f.event && deps.eventSources.includes(f.event.EventSource ?? ''));
  if (!hit?.event) {
    rememberMiss(eventId);
    return null;
  }
  await deps.store.commitPage([normalizeLookupEvent(hit.event, hit.region)]);
  return deps.store.getEvent(eventId);
}

/** findEvent for pages and handlers: the event, null when unknown, or why CloudTrail could not be asked. */
export async function lookUpEvent(
  deps: FindEventDeps & { syncContext: { describe: (err: unknown, region: string) => string } },
  eventId: string,
): Promise<{ detail: StoredEventDetail | null; unreachable: null } | { detail: null; unreachable: string }> {
  try {
    return { detail: await findEvent(deps, eventId), unreachable: null };
  } catch (err) {
    return { detail: null, unreachable: deps.syncContext.describe(err, deps.regions.join(', ')) };
  }
}
