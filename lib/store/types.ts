import type { EventFilter } from '@/lib/filters/schema';
import type { EventSummary, PrincipalType, ResourceRef, StoredEvent } from '@/lib/events/types';
import type { CursorKey } from './cursor';

// The store's contract. SQLite implements it today; a PostgreSQL backend implements the same.

export interface SyncJob {
  kind: 'backfill' | 'incremental';
  /** The window this job covers, ISO instants; `end` becomes the watermark when it finishes. */
  start: string;
  end: string;
  /** The frozen EndTime of the paged query (narrowed if a NextToken had to be abandoned). */
  queryEnd: string;
  nextToken: string | null;
  /** Oldest eventTime read so far; LookupEvents pages newest first, so this is how far it got. */
  oldestSeen: string | null;
  pages: number;
  events: number;
  newEvents: number;
  startedAt: string;
}

export interface SyncRun {
  kind: 'backfill' | 'incremental';
  startedAt: string;
  finishedAt: string;
  pages: number;
  events: number;
  newEvents: number;
  throttles: number;
  retries: number;
}

export interface SyncState {
  /** The configured account's name (`default` when PACKTRAIL_ACCOUNTS is unset). */
  account: string;
  region: string;
  eventSource: string;
  accountId: string | null;
  /** Everything from here to `watermark` has been read at least once. */
  coveredFrom: string | null;
  watermark: string | null;
  job: SyncJob | null;
  lastRun: SyncRun | null;
  lastError: { at: string; message: string } | null;
  throttles: number;
}

export interface EventPage {
  events: EventSummary[];
  nextCursor: string | null;
}

export interface StoredEventDetail {
  event: EventSummary;
  cloudTrailEvent: string;
  flags: string[];
}

export interface TimelinePoint {
  t: string;
  counts: Record<string, number>;
  errors: number;
}

export interface UserActivity {
  principal: string;
  /** Principals are per account: the same name in two accounts is two UserActivity rows. */
  accountId: string;
  type: PrincipalType;
  principalArn: string | null;
  events: number;
  changes: number;
  errors: number;
  firstSeen: string;
  lastSeen: string;
  ops: Record<string, number>;
  /** The newest USER_IPS sources, newest first; ipCount says how many there are in all. */
  ips: { ip: string; events: number; lastSeen: string }[];
  ipCount: number;
}

/** One value (source IP, access key, user agent) a principal used, and when. */
export interface UserSighting {
  value: string;
  events: number;
  firstSeen: string;
  lastSeen: string;
}

/** One principal's profile for /users/{principal}: identity over all time, activity under the filter. */
export interface UserDetail {
  principal: string;
  type: PrincipalType;
  /** ARNs it acted as, newest first (an SSO person may use several permission sets). */
  arns: string[];
  allTime: { events: number; firstSeen: string; lastSeen: string };
  events: number;
  changes: number;
  errors: number;
  firstSeen: string | null;
  lastSeen: string | null;
  ops: { op: string; events: number; errors: number }[];
  errorCodes: Record<string, number>;
  regions: Record<string, number>;
  /** Newest first, at most 50 each; the counts say how many there are in all. */
  ips: UserSighting[];
  ipCount: number;
  accessKeys: UserSighting[];
  accessKeyCount: number;
  userAgents: UserSighting[];
  userAgentCount: number;
}

/** One resource as history tracks it: a user id repeats across types, regions and accounts. */
export interface ResourceSubject {
  type: string;
  id: string;
  arn: string | null;
  region: string;
  accountId: string;
}

/** Calls whose record holds a resource's whole state (`state`), and calls that end it (`end`). */
export interface StateCalls {
  state: string[];
  end: string[];
}

export interface RelatedGroup {
  /** All matches in the window; `events` holds the newest of them. */
  total: number;
  events: EventSummary[];
}

/** Events around one event (event detail page); windows are ±24 h, ±1 h for the request id. */
export interface RelatedEvents {
  sameResource: RelatedGroup;
  /** Same access key id, or same principal ARN and session creation date; `key` says which matched. */
  sameSession: RelatedGroup & { key: { accessKeyId: string } | { principalArn: string; sessionCreated: string } | null };
  sameRequest: RelatedGroup & { requestId: string | null };
  window: { from: string; to: string };
}

/** One event that touched a resource, with the resource reference that matched. */
export interface ResourceHistoryRow {
  event: EventSummary;
  match: ResourceRef;
  /** The stored record of successful mutating calls (for their diffs); null for reads and failures. */
  raw: string | null;
}

/** Distinct values the store holds, for the filter bar's pickers. */
export interface FilterOptions {
  ops: string[];
  principals: { principal: string; type: PrincipalType }[];
  regions: string[];
  accounts: string[];
  sources: string[];
  errorCodes: string[];
}

/** Events were stored: by this process, the CLI, or another replica. */
export interface NewEventsNote {
  /**
   * How many were stored since the last note; 0 when the watch has just started or reconnected
   * (its connection may have missed some): a subscriber then reads on from its own position.
   */
  count: number;
  /** The store's last storage sequence number now (lastStoredSeq). */
  lastSeq: number;
}

/** Events stored after a storage number, in storage order, and how far the read looked. */
export interface StoredAfter {
  events: EventSummary[];
  lastSeq: number;
}

export interface WatchDestination {
  id: string;
  type: 'webhook' | 'slack';
  url: string;
  /** The webhook's HMAC key: kept in the store, never returned by the API or logged. */
  secret: string | null;
}

export interface Watch {
  id: string;
  name: string;
  /** The /events query string whose events it tells of. */
  query: string;
  /** The built-in watch's key ('security'), else null. */
  builtin: string | null;
  createdAt: string;
  /** Storage number told up to; events stored before the watch was made are never sent. */
  afterSeq: number;
  destinations: WatchDestination[];
}

export type DeliveryStatus = 'pending' | 'delivered' | 'failed';

export interface Delivery {
  /** X-Packtrail-Delivery: the same on every retry. */
  id: string;
  watchId: string;
  destinationId: string;
  kind: 'event' | 'digest' | 'test';
  /** The JSON body posted. */
  body: string;
  createdAt: string;
  nextAt: string;
  attempts: number;
  status: DeliveryStatus;
  lastError: string | null;
  finishedAt: string | null;
}

export type NewDelivery = Pick<Delivery, 'id' | 'destinationId' | 'kind' | 'body'>;

/** What one attempt at a delivery came to. */
export interface DeliveryAttempt {
  status: DeliveryStatus;
  attempts: number;
  /** When to try again (pending only). */
  nextAt: number;
  lastError: string | null;
}

export interface Store {
  /**
   * Inserts events not yet stored (EventId is the key) and, in the same transaction, saves sync
   * progress. The events are read once, in order: an import passes a generator that makes them as
   * they are stored.
   */
  commitPage(events: Iterable<StoredEvent>, state?: SyncState): Promise<{ inserted: number }>;
  /** Newest first; `after` is the decoded cursor of the previous page. */
  listEvents(filter: EventFilter, page: { limit: number; after: CursorKey | null }): Promise<EventPage>;
  countEvents(filter: EventFilter): Promise<number>;
  getEvent(eventId: string): Promise<StoredEventDetail | null>;
  timeline(filter: EventFilter, bucketMs: number, window: { from: Date; to: Date }): Promise<TimelinePoint[]>;
  timeSpan(filter: EventFilter): Promise<{ from: Date; to: Date } | null>;
  /** countEvents and timeSpan at once: one pass over the matches where no rollup counts them. */
  countAndSpan(filter: EventFilter): Promise<{ total: number; span: { from: Date; to: Date } | null }>;
  userActivity(filter: EventFilter): Promise<UserActivity[]>;
  /** null when the principal has no stored event at all. */
  userDetail(principal: string, filter: EventFilter): Promise<UserDetail | null>;
  /** Failed calls per account, then principal, then error code. */
  userErrorCodes(filter: EventFilter): Promise<Record<string, Record<string, Record<string, number>>>>;
  /** Events sharing this event's resources (`resources`, usually the one it acts on), session or request id. */
  relatedEvents(eventId: string, resources: ResourceRef[]): Promise<RelatedEvents | null>;
  /** The newest successful call named in `calls` on the subject strictly before `before`, with its record. */
  previousState(subject: ResourceSubject, before: { eventTime: string; eventId: string }, calls: StateCalls): Promise<{ event: EventSummary; raw: string } | null>;
  /** The newest `limit` events that touched a resource (user id or ARN), or those before `before` (a page's oldest row); oldest first. */
  resourceHistory(resource: string, limit?: number, before?: CursorKey | null): Promise<{ rows: ResourceHistoryRow[]; truncated: boolean }>;
  /** Oldest first (the /events table's `sort=asc`); `after` is the decoded cursor of the previous page. */
  listEventsOldestFirst(filter: EventFilter, page: { limit: number; after: CursorKey | null }): Promise<EventPage>;
  /** Every matching event, newest first, read in small chunks so an export never holds them all in memory. */
  streamEvents(filter: EventFilter): AsyncIterable<EventSummary>;
  filterOptions(): Promise<FilterOptions>;
  getSyncStates(): Promise<SyncState[]>;
  getSyncState(account: string, region: string, eventSource: string): Promise<SyncState | null>;
  saveSyncState(state: SyncState): Promise<void>;
  /** A lease so that two syncs of one account-region never run at once, across processes too. */
  acquireLock(name: string, owner: string, ttlMs: number): Promise<boolean>;
  releaseLock(name: string, owner: string): Promise<void>;
  lockHolder(name: string): Promise<string | null>;
  /** Matching events stored after storage number `after` (live views; see queries/events-after.ts). */
  eventsAfter(after: number, filter: EventFilter, limit: number): Promise<StoredAfter>;
  listWatches(): Promise<Watch[]>;
  getWatch(id: string): Promise<Watch | null>;
  createWatch(watch: Watch): Promise<void>;
  addWatchDestination(watchId: string, destination: WatchDestination): Promise<boolean>;
  /** Removes the watch, its destinations and its deliveries not yet made; false when there was none. */
  deleteWatch(id: string): Promise<boolean>;
  /**
   * Queues `deliveries` of a watch and moves it to `afterSeq`, in one transaction, if it still
   * stands at `fromSeq` (another sender got there first otherwise: false, nothing written).
   */
  queueDeliveries(watchId: string, fromSeq: number, afterSeq: number, deliveries: NewDelivery[], now: number): Promise<boolean>;
  /** Pending deliveries due by `now`, oldest first. */
  dueDeliveries(now: number, limit: number): Promise<Delivery[]>;
  recordAttempt(id: string, attempt: DeliveryAttempt, now: number): Promise<void>;
  recentDeliveries(watchId: string, limit: number): Promise<Delivery[]>;
  /** Events are numbered in the order they are stored, never reused; this is the newest number (0 when empty). */
  lastStoredSeq(): Promise<number>;
  /**
   * Calls `listener` whenever events have been stored, by anyone writing to this store (PostgreSQL:
   * LISTEN/NOTIFY; SQLite: the newest sequence number, watched). Returns the unsubscribe.
   */
  onNewEvents(listener: (note: NewEventsNote) => void): () => void;
  /**
   * Takes or keeps `role` (the background sync) for `owner`: true while this owner holds it, false
   * while another live process does. A holder that dies loses it (PostgreSQL: its session's
   * advisory lock; SQLite: a lease of `ttlMs`, freed at once when its process on this host is gone).
   */
  campaign(role: string, owner: string, ttlMs: number): Promise<boolean>;
  /** The owner holding `role`, or null. */
  leaderOf(role: string): Promise<string | null>;
  resign(role: string, owner: string): Promise<void>;
  /**
   * Runs a large import with the store tuned for it: into an empty store, the filter indexes built
   * once it ends (both backends); SQLite's WAL checkpoints on a thread of their own, a bigger cache.
   */
  bulkLoad<T>(work: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
