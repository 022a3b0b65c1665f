import 'server-only';
import { SyncManager } from '@/lib/sync/sync-manager';
import { createRuntime, type Runtime } from './create-runtime';

export interface ServerRuntime extends Runtime {
  sync: SyncManager;
}

// Route handlers and instrumentation can be bundled apart, so module state is not shared
// between them; the one runtime lives on globalThis.
const KEY = Symbol.for('packtrail.runtime');
type Holder = { [KEY]?: Promise<ServerRuntime> };

/** The server's runtime: created once, with the background sync started. */
export function getRuntime(): Promise<ServerRuntime> {
  const holder = globalThis as Holder;
  if (process.env.NEXT_PHASE === 'phase-production-build') {
    throw new Error('the runtime (store, sync) must not start during next build; mark the page dynamic');
  }
  holder[KEY] ??= (async () => {
    const log = (line: string) => console.log(line);
    const runtime = await createRuntime({ log });
    const sync = new SyncManager(runtime.syncContext, runtime.regions, runtime.eventSources, runtime.config.syncIntervalMs, log);
    sync.start();
    return { ...runtime, sync };
  })();
  return holder[KEY]!;
}
