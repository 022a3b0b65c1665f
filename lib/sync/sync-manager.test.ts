import { afterEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '@/lib/testing/sync-harness';
import { migrateAsNewerVersion } from '@/lib/testing/temp-store';
import { SyncManager, SYNC_ROLE } from './sync-manager';

// The background sync's role on a real store file, as a replica of the version before a rolling
// deploy sees it: the newer version migrates the store under it.

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

async function until(what: () => boolean | Promise<boolean>, ms = 5_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await what())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('the background sync', () => {
  it('is given up, with the reason in the log, once a newer version migrates the store', async () => {
    h = await startHarness();
    const lines: string[] = [];
    const ctx = h.context();
    const manager = new SyncManager(ctx, [], ['mediapackage.amazonaws.com'], 300, (line) => lines.push(line));
    manager.start();
    try {
      await until(() => manager.status().leading);
      expect(await h.store.leaderOf(SYNC_ROLE)).toBe(ctx.lockOwner);
      await migrateAsNewerVersion('sqlite', h.store);
      await until(() => !manager.status().leading);
      expect(await h.store.leaderOf(SYNC_ROLE)).toBeNull();
      // Everything said after it took the role: the reason, and not "another replica runs it" besides.
      expect(lines.filter((l) => !l.startsWith('sync: this replica'))).toEqual([
        expect.stringMatching(/^sync: lost the background sync's role \(SQLite store .*: a newer Packtrail migrated the schema to version \d+ while this one \(version \d+\) ran; /),
      ]);
    } finally {
      await manager.stop();
    }
  });
});
