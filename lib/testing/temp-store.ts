import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach } from 'vitest';
import type { Sql } from '@/lib/store/queries/sql';
import { PostgresStore } from '@/lib/store/postgres/pg-store';
import { SqliteStore } from '@/lib/store/sqlite/sqlite-store';
import { MIGRATIONS } from '@/lib/store/sqlite/schema';
import type { Store } from '@/lib/store/types';
import { tempDir } from './sync-harness';
import { freshSchema, openTempPostgresStore, TEST_PG_URL } from './temp-postgres';

/** The backends of the Store contract: each contract test runs once on each. */
export type StoreBackend = 'sqlite' | 'postgres';
export const STORE_BACKENDS: readonly StoreBackend[] = ['sqlite', 'postgres'];

/** A store as the contract tests see it: the Store, and its connection for the shared queries. */
export type TempStore = Store & { readonly sql: Sql };

/**
 * A fresh empty store per test, removed afterwards: tests own their data and never share rows. A
 * SQLite file in a temporary directory, or a PostgreSQL schema of its own in the test database.
 */
export async function openTempStore(backend: StoreBackend, dir: string): Promise<TempStore> {
  return backend === 'postgres' ? openTempPostgresStore() : new SqliteStore(path.join(dir, 'packtrail.db'));
}

export function useTempStore(): { readonly store: SqliteStore; readonly dir: string };
export function useTempStore(backend: StoreBackend): { readonly store: TempStore; readonly dir: string };
export function useTempStore(backend: StoreBackend = 'sqlite'): { readonly store: TempStore; readonly dir: string } {
  const current = {} as { store: TempStore; dir: string };
  beforeEach(async () => {
    current.dir = tempDir();
    current.store = await openTempStore(backend, current.dir);
  });
  afterEach(async () => {
    await current.store.close();
    fs.rmSync(current.dir, { recursive: true, force: true });
  });
  return current;
}

/**
 * What a newer Packtrail's migration does to the store, from another connection: its schema
 * version goes one past this code's, as during a rolling deploy.
 */
export async function migrateAsNewerVersion(backend: StoreBackend, store: TempStore): Promise<void> {
  if (backend === 'postgres') {
    await store.sql.run('UPDATE packtrail_schema SET version = version + 1');
    return;
  }
  const other = new Database((store as SqliteStore).db.name);
  try {
    other.pragma(`user_version = ${MIGRATIONS.length + 1}`);
  } finally {
    other.close();
  }
}

/**
 * Two connections to one fresh store per test: `writer`, and `reader` that keeps answers as the
 * server's reading thread does (read-cache.ts), to check it against the events after each commit.
 */
export function useCachingReader(backend: StoreBackend): { readonly writer: Store; readonly reader: Store } {
  const current = {} as { writer: Store; reader: Store; cleanup: () => Promise<void> };
  beforeEach(async () => {
    if (backend === 'sqlite') {
      const dir = tempDir();
      const file = path.join(dir, 'packtrail.db');
      current.writer = new SqliteStore(file);
      current.reader = new SqliteStore(file, { cacheReads: true });
      current.cleanup = async () => fs.rmSync(dir, { recursive: true, force: true });
    } else {
      const { schema, drop } = await freshSchema();
      const writer = new PostgresStore(TEST_PG_URL, { schema, poolSize: 2 });
      await writer.ready;
      const reader = new PostgresStore(TEST_PG_URL, { schema, poolSize: 2, cacheReads: true });
      await reader.ready;
      Object.assign(current, { writer, reader, cleanup: drop });
    }
  });
  afterEach(async () => {
    await current.reader.close();
    await current.writer.close();
    await current.cleanup();
  });
  return current;
}
