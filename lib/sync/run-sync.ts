import { randomBytes } from 'node:crypto';
import { hostName } from '@/lib/store/sqlite/sync-state';
import { syncStream } from './sync-stream';
import type { RegionResult, SyncContext, SyncMode } from './types';

export function newLockOwner(): string {
  return `${hostName()}:${process.pid}:${randomBytes(4).toString('hex')}`;
}

/** Syncs each event source of one region in turn, holding the region's lock throughout. */
export async function syncRegion(ctx: SyncContext, region: string, eventSources: string[], mode: SyncMode): Promise<RegionResult> {
  const lock = `sync:${region}`;
  if (!(await ctx.store.acquireLock(lock, ctx.lockOwner, ctx.lockTtlMs))) {
    const holder = await ctx.store.lockHolder(lock);
    return { region, skippedBecause: `a sync of ${region} is already running (${holder ?? 'another process'})`, streams: [] };
  }
  try {
    const streams = [];
    for (const source of eventSources) streams.push(await syncStream(ctx, region, source, mode));
    return { region, skippedBecause: null, streams };
  } finally {
    await ctx.store.releaseLock(lock, ctx.lockOwner);
  }
}

/** Syncs every region in parallel: each has its own 2 requests/s quota. */
export async function syncAll(ctx: SyncContext, regions: string[], eventSources: string[], mode: SyncMode): Promise<RegionResult[]> {
  return Promise.all(regions.map((region) => syncRegion(ctx, region, eventSources, mode)));
}

export function syncFailed(results: RegionResult[]): boolean {
  return results.some((r) => r.streams.some((s) => !s.ok));
}
