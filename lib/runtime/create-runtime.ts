import { DEFAULT_ACCOUNT, parseAccounts, type AccountConfig } from '@/lib/accounts/accounts-config';
import { accountCredentials } from '@/lib/cloudtrail/account-credentials';
import { describeError } from '@/lib/cloudtrail/errors';
import { awsCredentialsResolve } from '@/lib/cloudtrail/detect-credentials';
import { CloudTrailReader } from '@/lib/cloudtrail/lookup';
import { readConfig, type Config } from '@/lib/config';
import { DEMO_ACCOUNTS_SETTING, DEMO_RATE, DEMO_REGIONS, demoDatabaseFile, startDemoEmulator } from '@/lib/emulator/demo-source';
import { openStore } from '@/lib/store/open-store';
import { PostgresStore } from '@/lib/store/postgres/pg-store';
import { ThreadedSqliteStore } from '@/lib/store/sqlite/threaded-store';
import type { Store } from '@/lib/store/types';
import type { StreamProgress } from '@/lib/sync/progress';
import { newLockOwner } from '@/lib/store/lock-owner';
import { syncTargets } from '@/lib/sync/run-sync';
import type { SyncContext, SyncTarget } from '@/lib/sync/types';

export interface Runtime {
  mode: 'aws' | 'demo';
  config: Config;
  regions: string[];
  /** Configured accounts (PACKTRAIL_ACCOUNTS), or the credential chain's own as `default`. */
  accounts: AccountConfig[];
  /** Every account in every region: what a sync reads. */
  targets: SyncTarget[];
  eventSources: string[];
  store: Store;
  readerFor(account: AccountConfig): CloudTrailReader;
  syncContext: SyncContext;
  close(): Promise<void>;
}

export interface RuntimeOptions {
  env?: NodeJS.ProcessEnv;
  onProgress?: (p: StreamProgress) => void;
  log?: (line: string) => void;
  /** The store on a worker thread (the web server); the CLI reads and writes on its own thread. */
  threadedStore?: boolean;
}

/** Wires config, store, CloudTrail reader and (in demo mode) the embedded emulator together. */
export async function createRuntime(options: RuntimeOptions = {}): Promise<Runtime> {
  const env = options.env ?? process.env;
  const config = readConfig(env);
  const mode = config.source === 'auto' ? ((await awsCredentialsResolve()) ? 'aws' : 'demo') : config.source;
  const emulator = mode === 'demo' ? await startDemoEmulator({ withAccounts: true }) : null;
  const regions = config.regions ?? (mode === 'demo' ? DEMO_REGIONS : [env.AWS_REGION?.trim() || 'us-east-1']);
  // Demo data gets its own file, so switching to real AWS data never mixes the two; one per
  // demo week, because the simulated history is re-anchored weekly.
  const databaseUrl = config.databaseUrl ?? `file:${config.dataDir}/${mode === 'demo' ? demoDatabaseFile(config.dataDir) : 'packtrail.db'}`;
  const store = openStore(databaseUrl, { threaded: options.threadedStore });
  // Opening fails here, with the store's own sentence (an unreachable server, a schema too new), not at the first page.
  if (store instanceof ThreadedSqliteStore || store instanceof PostgresStore) await store.ready;
  // The demo reads its two accounts the way a deployment would: AssumeRole, then LookupEvents.
  const accounts = emulator ? parseAccounts(DEMO_ACCOUNTS_SETTING)! : (config.accounts ?? [DEFAULT_ACCOUNT]);
  const demoKeys = { accessKeyId: 'AKIADEMO00000000DEMO', secretAccessKey: 'demo' };
  const readers = new Map<string, CloudTrailReader>(
    accounts.map((account) => [
      account.name,
      new CloudTrailReader({
        account: account.name,
        requestsPerSecond: config.requestsPerSecond ?? (emulator ? DEMO_RATE : 2),
        ...(emulator
          ? { endpoint: emulator.url, credentials: accountCredentials(account, null, { endpoint: emulator.url, credentials: demoKeys }) }
          : { credentials: accountCredentials(account, config.externalId) }),
      }),
    ]),
  );
  const readerFor = (account: AccountConfig) => readers.get(account.name)!;
  const syncContext: SyncContext = {
    store,
    readerFor,
    overlapMs: config.overlapMs,
    lockOwner: newLockOwner(),
    lockTtlMs: 5 * 60_000,
    describe: (err, { account, region }) => describeError(err, { region, account, externalId: config.externalId, endpoint: emulator?.url ?? env.AWS_ENDPOINT_URL_CLOUDTRAIL }),
    onProgress: options.onProgress,
  };
  options.log?.(
    mode === 'demo'
      ? `Packtrail: no AWS credentials found, serving DEMO data (accounts ${accounts.map((a) => a.name).join(', ')}; regions ${regions.join(', ')}); set PACKTRAIL_SOURCE=aws to require AWS`
      : `Packtrail: reading CloudTrail in ${regions.join(', ')} for ${config.eventSources.join(', ')}${config.accounts ? ` in accounts ${accounts.map((a) => a.name).join(', ')}` : ''}`,
  );
  return {
    mode,
    config,
    regions,
    accounts,
    targets: syncTargets(accounts, regions),
    eventSources: config.eventSources,
    store,
    readerFor,
    syncContext,
    async close() {
      for (const reader of readers.values()) reader.destroy();
      await store.close();
      await emulator?.close();
    },
  };
}
