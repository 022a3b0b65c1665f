import type { Store, ResourceSubject } from '@/lib/store/types';
import { parseRecord } from './event-change';
import type { Snapshots } from './lifeline';
import { stateCallsFor } from './operations';

/**
 * The subject's state and policy before `event`, for a page of its lifeline that starts partway:
 * its first changes then diff against the real previous state, not "no earlier state known".
 */
export async function snapshotsBefore(store: Store, subject: ResourceSubject, event: { eventTime: string; eventId: string }): Promise<Snapshots> {
  // Only the position: the store may be on another thread, and a whole summary would be copied there.
  const before = { eventTime: event.eventTime, eventId: event.eventId };
  const calls = stateCallsFor(subject.type);
  const [state, policy] = await Promise.all([store.previousState(subject, before, calls), store.previousState(subject, before, stateCallsFor(subject.type, true))]);
  const parsed = (found: typeof state) => (found ? { event: found.event, record: parseRecord(found.raw) } : null);
  // As the lifeline walks it: deleting the resource drops its policy.
  const policyGone = policy !== null && calls.end.includes(policy.event.eventName);
  return { state: parsed(state), policy: policyGone ? null : parsed(policy) };
}
