import { describeError } from '@/lib/cloudtrail/errors';
import { awsCredentialsResolve } from '@/lib/cloudtrail/detect-credentials';
import { CloudTrailReader } from '@/lib/cloudtrail/lookup';
import { readConfig, type Config } from '@/lib/config';
import { DEMO_RATE, DEMO_REGIONS, demoDatabaseFile, startDemoEmulator } from '@/lib/emulator/demo-source';
import { openStore } from '@/lib/store/open-store';
import { ThreadedSqliteStore } from '@/lib/store/sqlite/threaded-store';
import type { Store } from '@/lib/store/types';
import type { StreamProgress } from '@/lib/sync/progress';
import { newLockOwner } from '@/lib/sync/run-sync';
import type { SyncContext } from '@/lib/sync/types';

export interface Runtime {
  mode: 'aws' | 'demo';
  config: Config;
  regions: string[];
  eventSources: string[];
  store: Store;
  reader: CloudTrailReader;
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
  const emulator = mode === 'demo' ? await startDemoEmulator() : null;
  const regions = config.regions ?? (mode === 'demo' ? DEMO_REGIONS : [env.AWS_REGION?.trim() || 'us-east-1']);
  // Demo data gets its own file, so switching to real AWS data never mixes the two; one per
  // demo week, because the simulated history is re-anchored weekly.
  const databaseUrl = config.databaseUrl ?? `file:${config.dataDir}/${mode === 'demo' ? demoDatabaseFile(config.dataDir) : 'packtrail.db'}`;
  const store = openStore(databaseUrl, { threaded: options.threadedStore });
  if (store instanceof ThreadedSqliteStore) await store.ready;
  const reader = new CloudTrailReader({
    requestsPerSecond: config.requestsPerSecond ?? (emulator ? DEMO_RATE : 2),
    ...(emulator ? { endpoint: emulator.url, credentials: { accessKeyId: 'AKIADEMO00000000DEMO', secretAccessKey: 'demo' } } : {}),
  });
  const syncContext: SyncContext = {
    store,
    reader,
    overlapMs: config.overlapMs,
    lockOwner: newLockOwner(),
    lockTtlMs: 5 * 60_000,
    describe: (err, region) => describeError(err, { region, endpoint: emulator?.url ?? env.AWS_ENDPOINT_URL_CLOUDTRAIL }),
    onProgress: options.onProgress,
  };
  options.log?.(
    mode === 'demo'
      ? `Packtrail: no AWS credentials found, serving DEMO data (regions ${regions.join(', ')}); set PACKTRAIL_SOURCE=aws to require AWS`
      : `Packtrail: reading CloudTrail in ${regions.join(', ')} for ${config.eventSources.join(', ')}`,
  );
  return {
    mode,
    config,
    regions,
    eventSources: config.eventSources,
    store,
    reader,
    syncContext,
    async close() {
      reader.destroy();
      await store.close();
      await emulator?.close();
    },
  };
}
