import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEFAULT_ACCOUNT } from '@/lib/accounts/accounts-config';
import { describeError } from '@/lib/cloudtrail/errors';
import { CloudTrailReader, type CloudTrailSettings } from '@/lib/cloudtrail/lookup';
import { startEmulator, type EmulatorOptions, type LookupEventsEmulator } from '@/lib/emulator/lookup-events-server';
import { SqliteStore } from '@/lib/store/sqlite/sqlite-store';
import { newLockOwner } from '@/lib/store/lock-owner';
import type { SyncContext, SyncTarget } from '@/lib/sync/types';

/** The credential chain's own account in `region`, as a deployment without PACKTRAIL_ACCOUNTS syncs it. */
export function inRegion(region: string): SyncTarget {
  return { account: DEFAULT_ACCOUNT, region };
}

export function tempDir(prefix = 'packtrail-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** The SDK finds the emulator the way a deployment would: AWS_ENDPOINT_URL_CLOUDTRAIL, AWS_ENDPOINT_URL_STS and env credentials. */
export function pointSdkAt(emulator: LookupEventsEmulator): void {
  process.env.AWS_ENDPOINT_URL_CLOUDTRAIL = emulator.url;
  process.env.AWS_ENDPOINT_URL_STS = emulator.url;
  process.env.AWS_ACCESS_KEY_ID = 'AKIATESTTESTTESTTEST';
  process.env.AWS_SECRET_ACCESS_KEY = 'test-secret';
  delete process.env.AWS_SESSION_TOKEN;
  delete process.env.AWS_PROFILE;
}

export interface Harness {
  emulator: LookupEventsEmulator;
  store: SqliteStore;
  dir: string;
  /** A context whose every account reads through one reader (`reader`), unless `readerFor` is overridden. */
  context(overrides?: Partial<SyncContext>, reader?: Partial<CloudTrailSettings>): SyncContext & { reader: CloudTrailReader };
  close(): Promise<void>;
}

export async function startHarness(emulatorOptions: EmulatorOptions = {}): Promise<Harness> {
  const emulator = await startEmulator({ tps: 50, ...emulatorOptions });
  pointSdkAt(emulator);
  const dir = tempDir();
  const store = new SqliteStore(path.join(dir, 'store.db'));
  const readers: CloudTrailReader[] = [];
  return {
    emulator,
    store,
    dir,
    context(overrides = {}, readerSettings = {}) {
      const reader = new CloudTrailReader({ requestsPerSecond: 50, backoffBaseMs: 20, ...readerSettings });
      readers.push(reader);
      return {
        store,
        reader,
        readerFor: () => reader,
        overlapMs: 15 * 60_000,
        lockOwner: newLockOwner(),
        lockTtlMs: 60_000,
        describe: (err, { account, region }) => describeError(err, { region, account, endpoint: emulator.url }),
        ...overrides,
      };
    },
    async close() {
      for (const r of readers) r.destroy();
      await store.close();
      await emulator.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
