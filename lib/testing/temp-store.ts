import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import { SqliteStore } from '@/lib/store/sqlite/sqlite-store';
import { tempDir } from './sync-harness';

/** A fresh SQLite store file per test, removed afterwards: tests own their data and never share rows. */
export function useTempStore(): { readonly store: SqliteStore; readonly dir: string } {
  const current = {} as { store: SqliteStore; dir: string };
  beforeEach(() => {
    current.dir = tempDir();
    current.store = new SqliteStore(path.join(current.dir, 'packtrail.db'));
  });
  afterEach(async () => {
    await current.store.close();
    fs.rmSync(current.dir, { recursive: true, force: true });
  });
  return current;
}
