import type { AccountConfig } from '@/lib/accounts/accounts-config';
import { lockName } from './lock-name';
import { syncStream } from './sync-stream';
import type { RegionResult, SyncContext, SyncMode, SyncTarget } from './types';

/** Syncs each event source of one account-region in turn, holding its lock throughout. */
export async function syncTarget(ctx: SyncContext, target: SyncTarget, eventSources: string[], mode: SyncMode): Promise<RegionResult> {
  const { account, region } = target;
  const lock = lockName(target);
  if (!(await ctx.store.acquireLock(lock, ctx.lockOwner, ctx.lockTtlMs))) {
    const holder = await ctx.store.lockHolder(lock);
    return { account: account.name, region, skippedBecause: `a sync of ${account.name} ${region} is already running (${holder ?? 'another process'})`, streams: [] };
  }
  try {
    const streams = [];
    for (const source of eventSources) streams.push(await syncStream(ctx, target, source, mode));
    return { account: account.name, region, skippedBecause: null, streams };
  } finally {
    await ctx.store.releaseLock(lock, ctx.lockOwner);
  }
}

/** Every configured account in every region. */
export function syncTargets(accounts: AccountConfig[], regions: string[]): SyncTarget[] {
  return accounts.flatMap((account) => regions.map((region) => ({ account, region })));
}

/**
 * Syncs every account-region in parallel: each has its own 2 requests/s quota. One that fails
 * (a role that cannot be assumed, say) ends with its error and never stops the others.
 */
export async function syncAll(ctx: SyncContext, targets: SyncTarget[], eventSources: string[], mode: SyncMode): Promise<RegionResult[]> {
  return Promise.all(targets.map((target) => syncTarget(ctx, target, eventSources, mode)));
}

export function syncFailed(results: RegionResult[]): boolean {
  return results.some((r) => r.streams.some((s) => !s.ok));
}
