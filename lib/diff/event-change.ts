import type { EventSummary, ResourceRef } from '@/lib/events/types';
import { diffStates, type Change } from './diff-states';
import { carriesState, isPolicyCall, opFamily, stateCallsFor, targets } from './operations';
import { securityTagsOfOperation, type SecurityTag } from './security';

// "What changed" for one call: the resource's state after it against the state the previous
// snapshot call left (see operations.ts for which calls are snapshots).

type Obj = Record<string, unknown>;

export interface ParsedCall {
  event: EventSummary;
  /** The parsed CloudTrail record; null when the stored text is not JSON. */
  record: Obj | null;
}

export type EventChange =
  /** Reads, tags and other calls that carry no state of a resource. */
  | { kind: 'none' }
  | { kind: 'failed'; errorCode: string }
  | { kind: 'created'; subject: ResourceRef; changes: Change[]; tags: SecurityTag[] }
  | { kind: 'changed'; subject: ResourceRef; previous: EventSummary; changes: Change[]; tags: SecurityTag[] }
  /** No earlier snapshot in the store (first call seen, or the first after a deletion). */
  | { kind: 'unknown-before'; subject: ResourceRef; requestParameters: unknown; deletedBefore: EventSummary | null; tags: SecurityTag[] }
  | { kind: 'deleted'; subject: ResourceRef; previous: EventSummary | null; requestParameters: unknown; changes: Change[]; tags: SecurityTag[] };

/**
 * Tags change only through TagResource/UntagResource, which carry no snapshot; between two snapshots
 * a tag difference was made by such a call, not by the one being diffed, so it is left to those steps.
 */
const TAGS = /^(tags|Tags)([.[]|$)/;

export function parseRecord(raw: string): Obj | null {
  try {
    const v: unknown = JSON.parse(raw);
    return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : null;
  } catch {
    return null;
  }
}

/** The resource an operation acts on: the one whose type is the operation's noun. */
export function subjectOf(event: EventSummary): ResourceRef | null {
  return event.resources.find((r) => targets(event.eventName, r.type)) ?? null;
}

/** The resource's state as this call's record shows it; undefined when the record does not hold it. */
export function stateOf(call: ParsedCall): unknown {
  const rec = call.record;
  if (!rec) return undefined;
  if (isPolicyCall(call.event.eventName)) {
    if (call.event.eventName.startsWith('Delete')) return undefined;
    const req = rec.requestParameters as Obj | null | undefined;
    const policy = req?.Policy ?? req?.policy;
    if (typeof policy !== 'string') return policy ?? undefined;
    try {
      return JSON.parse(policy);
    } catch {
      return policy;
    }
  }
  const res = rec.responseElements;
  return res !== null && typeof res === 'object' && !Array.isArray(res) ? res : undefined;
}

/** Whether this call is one `describeChange` has something to say about. */
export function isStateCall(event: EventSummary): boolean {
  const subject = subjectOf(event);
  return subject !== null && carriesState(event.eventName, subject.type);
}

/**
 * What `call` changed, given the previous successful snapshot-or-end call on the same resource
 * (from the store's `previousState`, or the lifeline walking its own events).
 */
export function describeChange(call: ParsedCall, previous: ParsedCall | null): EventChange {
  const { event } = call;
  if (event.errorCode) return opFamily(event.eventName) === 'read' ? { kind: 'none' } : { kind: 'failed', errorCode: event.errorCode };
  const subject = subjectOf(event);
  if (!subject || !carriesState(event.eventName, subject.type)) return { kind: 'none' };
  const tags = securityTagsOfOperation(event.eventName);
  const calls = stateCallsFor(subject.type, isPolicyCall(event.eventName));
  const prevEnded = previous !== null && calls.end.includes(previous.event.eventName);
  const before = previous && !prevEnded ? stateOf(previous) : undefined;
  const withTags = (changes: Change[]) => ({ changes, tags: merge(tags, changes) });

  if (calls.end.includes(event.eventName)) {
    const requestParameters = call.record?.requestParameters ?? null;
    if (before === undefined) return { kind: 'deleted', subject, previous: null, requestParameters, ...withTags([]) };
    // Every setting goes with the resource; the deletion badge says it, per-line flags would only repeat it.
    const changes = diffStates(before, null).map((c) => ({ ...c, security: null }));
    return { kind: 'deleted', subject, previous: previous!.event, requestParameters, changes, tags };
  }
  const after = stateOf(call);
  if (event.eventName.startsWith('Create') && after !== undefined) return { kind: 'created', subject, ...withTags(diffStates(null, after)) };
  if (before === undefined || after === undefined) {
    return { kind: 'unknown-before', subject, requestParameters: call.record?.requestParameters ?? null, deletedBefore: prevEnded ? previous!.event : null, tags };
  }
  return { kind: 'changed', subject, previous: previous!.event, ...withTags(diffStates(before, after).filter((c) => !TAGS.test(c.path))) };
}

/** The security tags of a change, none for calls that changed nothing. */
export function changeTags(change: EventChange): SecurityTag[] {
  return 'tags' in change ? change.tags : [];
}

function merge(tags: SecurityTag[], changes: Change[]): SecurityTag[] {
  const out = new Set(tags);
  for (const c of changes) if (c.security) out.add(c.security);
  return [...out];
}
