import type { Store, StoredEventDetail } from '@/lib/store/types';
import { describeChange, parseRecord, subjectOf, type EventChange } from './event-change';
import { carriesState, isPolicyCall, stateCallsFor } from './operations';

/** "What changed" for a stored event: finds the previous snapshot in the store, then diffs. */
export async function loadEventChange(store: Store, detail: StoredEventDetail): Promise<EventChange> {
  const { event } = detail;
  const call = { event, record: parseRecord(detail.cloudTrailEvent) };
  const subject = subjectOf(event);
  // Creations and failures need no history; neither do calls that carry no state.
  if (!subject || event.errorCode || !carriesState(event.eventName, subject.type) || event.eventName.startsWith('Create')) {
    return describeChange(call, null);
  }
  const previous = await store.previousState(
    { ...subject, region: event.region, accountId: event.accountId },
    { eventTime: event.eventTime, eventId: event.eventId },
    stateCallsFor(subject.type, isPolicyCall(event.eventName)),
  );
  return describeChange(call, previous ? { event: previous.event, record: parseRecord(previous.raw) } : null);
}
