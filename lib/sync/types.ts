import type { CloudTrailReader } from '@/lib/cloudtrail/lookup';
import type { Store } from '@/lib/store/types';
import type { StreamProgress } from './progress';

export type SyncMode = { kind: 'incremental' } | { kind: 'backfill'; sinceMs: number };

export interface SyncContext {
  store: Store;
  reader: CloudTrailReader;
  /** How far before the watermark an incremental sync re-reads, because events arrive late. */
  overlapMs: number;
  /** `host:pid:nonce`, the lease owner for region locks. */
  lockOwner: string;
  lockTtlMs: number;
  describe: (err: unknown, region: string) => string;
  onProgress?: (p: StreamProgress) => void;
  now?: () => number;
}

export interface StreamResult {
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
  region: string;
  /** Set when another sync of this region held the lock, so this one did nothing. */
  skippedBecause: string | null;
  streams: StreamResult[];
}
