import type { EventFilter } from '@/lib/filters/schema';
import type { EventSummary, PrincipalType, StoredEvent } from '@/lib/events/types';
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
  type: PrincipalType;
  principalArn: string | null;
  events: number;
  changes: number;
  errors: number;
  firstSeen: string;
  lastSeen: string;
  ops: Record<string, number>;
  ips: { ip: string; events: number; lastSeen: string }[];
}

export interface Store {
  /** Inserts events not yet stored (EventId is the key) and, in the same transaction, saves sync progress. */
  commitPage(events: StoredEvent[], state?: SyncState): Promise<{ inserted: number }>;
  /** Newest first; `after` is the decoded cursor of the previous page. */
  listEvents(filter: EventFilter, page: { limit: number; after: CursorKey | null }): Promise<EventPage>;
  countEvents(filter: EventFilter): Promise<number>;
  getEvent(eventId: string): Promise<StoredEventDetail | null>;
  timeline(filter: EventFilter, bucketMs: number, window: { from: Date; to: Date }): Promise<TimelinePoint[]>;
  timeSpan(filter: EventFilter): Promise<{ from: Date; to: Date } | null>;
  userActivity(filter: EventFilter): Promise<UserActivity[]>;
  getSyncStates(): Promise<SyncState[]>;
  getSyncState(region: string, eventSource: string): Promise<SyncState | null>;
  saveSyncState(state: SyncState): Promise<void>;
  /** A lease so that two syncs of one region never run at once, across processes too. */
  acquireLock(name: string, owner: string, ttlMs: number): Promise<boolean>;
  releaseLock(name: string, owner: string): Promise<void>;
  lockHolder(name: string): Promise<string | null>;
  close(): Promise<void>;
}
