// `npm run sync -- --once` / `npm run sync -- --backfill 90d`: the CLI is a thin caller of lib/sync.
import { parseArgs } from 'node:util';
import { parseDuration } from '@/lib/config';
import { createRuntime } from '@/lib/runtime/create-runtime';
import { syncTarget } from '@/lib/sync/run-sync';
import type { RegionResult, SyncMode, SyncTarget } from '@/lib/sync/types';
import { createProgressView } from './sync-progress-view';

const USAGE = `usage: npm run sync -- --once            one incremental sync of every configured region and source
       npm run sync -- --backfill 90d    fill the store back to 90 days (the most LookupEvents keeps), then sync
options: --wait 600s   how long to wait for a sync of the same region that is already running`;

async function main(): Promise<number> {
  let args;
  try {
    args = parseArgs({ options: { once: { type: 'boolean' }, backfill: { type: 'string' }, wait: { type: 'string' }, help: { type: 'boolean', short: 'h' } } }).values;
  } catch (err) {
    console.error(`${(err as Error).message}\n${USAGE}`);
    return 2;
  }
  if (args.help) return console.log(USAGE), 0;
  if (!args.once && !args.backfill) return console.error(USAGE), 2;
  let mode: SyncMode = { kind: 'incremental' };
  if (args.backfill) {
    const sinceMs = parseDuration('--backfill', args.backfill);
    if (sinceMs > 90 * 86_400_000) console.error(`LookupEvents keeps 90 days; backfilling 90d instead of ${args.backfill}. Older history: import trail log files.`);
    mode = { kind: 'backfill', sinceMs: Math.min(sinceMs, 90 * 86_400_000) };
  }
  const waitMs = parseDuration('--wait', args.wait ?? '600s');
  const view = createProgressView(process.stderr);
  const runtime = await createRuntime({ onProgress: view.update, log: (line) => console.error(line) });
  try {
    const results = await Promise.all(runtime.targets.map((target) => syncWaitingForLock(runtime.syncContext, target, runtime.eventSources, mode, waitMs, view.note)));
    view.stop();
    return report(results);
  } finally {
    await runtime.close();
  }
}

async function syncWaitingForLock(ctx: Parameters<typeof syncTarget>[0], target: SyncTarget, sources: string[], mode: SyncMode, waitMs: number, note: (s: string) => void) {
  const deadline = Date.now() + waitMs;
  for (let told = false; ; told = true) {
    const result = await syncTarget(ctx, target, sources, mode);
    if (!result.skippedBecause || Date.now() > deadline) return result;
    if (!told) note(`${result.skippedBecause}; waiting for it to finish`);
    await new Promise((r) => setTimeout(r, 2000));
  }
}

function report(results: RegionResult[]): number {
  let failed = false;
  for (const r of results) {
    if (r.skippedBecause) {
      failed = true;
      console.error(`✗ ${r.account === 'default' ? '' : `${r.account} `}${r.region}: ${r.skippedBecause}; gave up waiting`);
    }
    for (const s of r.streams) {
      const line = `${s.account === 'default' ? '' : `${s.account} `}${s.region} ${s.eventSource}: ${s.events} events read, ${s.newEvents} new, ${s.requests} requests, ${s.throttles} throttled, ${s.retries} retried`;
      if (s.ok) console.log(`✓ ${line}`);
      else {
        failed = true;
        console.error(`✗ ${line}\n  ${s.error}`);
      }
    }
  }
  return failed ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(`sync failed: ${(err as Error).message}`);
    process.exit(1);
  },
);
