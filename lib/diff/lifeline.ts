import type { EventSummary } from '@/lib/events/types';
import type { ResourceHistoryRow, ResourceSubject } from '@/lib/store/types';
import { describeChange, parseRecord, type EventChange, type ParsedCall } from './event-change';
import { isPolicyCall, opFamily, stateCallsFor, targetNouns, targets, type OpFamily } from './operations';

// A resource's history as lives: created → changes → rotations → deleted. A successful Create after
// the resource had a life of its own starts a new one, so a channel deleted and re-created under the
// same name reads as two lives, not one with a gap. What happens between two of its own steps —
// reads, and calls on other resources that name it (a channel's endpoints) — folds into one summary.

export interface CallStep {
  kind: 'call';
  event: EventSummary;
  family: OpFamily;
  /** The call acts on this resource itself (its diff is this resource's), not on a child or parent. */
  primary: boolean;
  change: EventChange | null;
  record: Record<string, unknown> | null;
}

export interface QuietStep {
  kind: 'reads';
  /** Reads, and how many of them failed. */
  count: number;
  failed: number;
  ops: [string, number][];
  from: string;
  to: string;
  /** Changes to other resources that name this one (an endpoint of this channel, a job on this endpoint). */
  children: CallStep[];
}

export type Step = CallStep | QuietStep;

export interface Life {
  steps: Step[];
  created: EventSummary | null;
  deleted: EventSummary | null;
  events: number;
  from: string;
  to: string;
}

export interface SubjectHistory {
  subject: ResourceSubject;
  rows: ResourceHistoryRow[];
}

export const subjectKey = (s: Pick<ResourceSubject, 'type' | 'region' | 'accountId' | 'id'>): string => `${s.type}|${s.region}|${s.accountId}|${s.id}`;

/** Splits a resource history by the resource each row matched; most recently active first. */
export function groupBySubject(rows: ResourceHistoryRow[]): SubjectHistory[] {
  const groups = new Map<string, SubjectHistory>();
  for (const row of rows) {
    const subject: ResourceSubject = { ...row.match, region: row.event.region, accountId: row.event.accountId };
    const key = subjectKey(subject);
    const g = groups.get(key) ?? { subject, rows: [] };
    // The newest ARN wins: for v1 it names the current life.
    if (row.match.arn) g.subject = { ...g.subject, arn: row.match.arn };
    g.rows.push(row);
    groups.set(key, g);
  }
  const last = (g: SubjectHistory) => g.rows[g.rows.length - 1].event.eventTime;
  return [...groups.values()].sort((a, b) => (last(a) < last(b) ? 1 : last(a) > last(b) ? -1 : 0));
}

function newLife(at: string): Life {
  return { steps: [], created: null, deleted: null, events: 0, from: at, to: at };
}

/** The resource's state and policy before the first row, when the rows are a page of a longer history. */
export interface Snapshots {
  state: ParsedCall | null;
  policy: ParsedCall | null;
}

/** Rows of one subject, oldest first, as lives; `before` diffs the first changes of a later page. */
export function buildLifeline(subject: ResourceSubject, rows: ResourceHistoryRow[], before: Snapshots = { state: null, policy: null }): Life[] {
  const lives: Life[] = [];
  let life: Life | null = null;
  let reads: QuietStep | null = null;
  let readOps = new Map<string, number>();
  // Life-defining events seen so far in the current life (a Create, a Delete, a successful change).
  let eventful = false;
  const snapshots: Snapshots = { ...before };
  const calls = stateCallsFor(subject.type);
  const policyCalls = stateCallsFor(subject.type, true);

  const flushReads = () => {
    if (reads && life) {
      reads.ops = [...readOps.entries()].sort((a, b) => b[1] - a[1]);
      life.steps.push(reads);
    }
    reads = null;
    readOps = new Map();
  };

  for (const row of rows) {
    const e = row.event;
    const family = opFamily(e.eventName);
    const primary = targets(e.eventName, subject.type);
    const ok = !e.errorCode;
    const isCreate = ok && primary && calls.state[0] === e.eventName;
    if (!life || (isCreate && eventful)) {
      flushReads();
      life = newLife(e.eventTime);
      lives.push(life);
      eventful = false;
    }
    life.events++;
    life.to = e.eventTime;

    const own = primary || targetNouns(e.eventName).length === 0;
    if (family === 'read' || !own) {
      reads ??= { kind: 'reads', count: 0, failed: 0, ops: [], from: e.eventTime, to: e.eventTime, children: [] };
      reads.to = e.eventTime;
      if (family === 'read') {
        reads.count++;
        if (!ok) reads.failed++;
        readOps.set(e.eventName, (readOps.get(e.eventName) ?? 0) + 1);
      } else {
        reads.children.push({ kind: 'call', event: e, family, primary: false, change: null, record: row.raw ? parseRecord(row.raw) : null });
      }
      continue;
    }
    flushReads();

    let change: EventChange | null = null;
    const record = row.raw ? parseRecord(row.raw) : null;
    if (primary) {
      const policy = isPolicyCall(e.eventName);
      const call: ParsedCall = { event: e, record };
      change = describeChange(call, policy ? snapshots.policy : snapshots.state);
      const tracked = policy ? policyCalls : calls;
      if (ok && (tracked.state.includes(e.eventName) || tracked.end.includes(e.eventName))) {
        if (policy) snapshots.policy = call;
        else snapshots.state = call;
      }
      // Deleting the resource drops its policy too.
      if (ok && calls.end.includes(e.eventName)) snapshots.policy = null;
      if (change.kind === 'none') change = null;
    }
    if (ok && primary) {
      if (isCreate) life.created = e;
      if (calls.end.includes(e.eventName)) life.deleted = e;
      eventful = true;
    }
    life.steps.push({ kind: 'call', event: e, family, primary, change, record });
  }
  flushReads();
  return lives;
}
