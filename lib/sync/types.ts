import type { AccountConfig } from '@/lib/accounts/accounts-config';
import type { CloudTrailReader } from '@/lib/cloudtrail/lookup';
import type { Store } from '@/lib/store/types';
import type { StreamProgress } from './progress';

export type SyncMode = { kind: 'incremental' } | { kind: 'backfill'; sinceMs: number };

/** One account in one region: the unit with its own quota, lock, watermarks and progress. */
export interface SyncTarget {
  account: AccountConfig;
  region: string;
}

export interface SyncContext {
  store: Store;
  /** The account's reader: its credentials (an assumed role, or the default chain) and limiters. */
  readerFor(account: AccountConfig): CloudTrailReader;
  /** How far before the watermark an incremental sync re-reads, because events arrive late. */
  overlapMs: number;
  /** `host:pid:nonce`, the lease owner for account-region locks. */
  lockOwner: string;
  lockTtlMs: number;
  describe: (err: unknown, where: SyncTarget) => string;
  onProgress?: (p: StreamProgress) => void;
  now?: () => number;
}

export interface StreamResult {
  account: string;
  region: string;
  eventSource: string;
  ok: boolean;
  pages: number;
  events: number;
  newEvents: number;
  requests: number;
  throttles: number;
  retries: number;
  error: string | null;
}

export interface RegionResult {
  account: string;
  region: string;
  /** Set when another sync of this account-region held the lock, so this one did nothing. */
  skippedBecause: string | null;
  streams: StreamResult[];
}
