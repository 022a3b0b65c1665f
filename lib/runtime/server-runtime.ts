import 'server-only';
import { parseAdmins, type Admins } from '@/lib/auth/admins';
import { readAuthSettings, type AuthSettings } from '@/lib/auth/auth-settings';
import { ensureSessionSecret } from '@/lib/auth/secret';
import { SyncManager } from '@/lib/sync/sync-manager';
import { WatchRunner } from '@/lib/watches/watch-runner';
import { createRuntime, type Runtime } from './create-runtime';

export interface ServerRuntime extends Runtime {
  sync: SyncManager;
  auth: AuthSettings;
  /** PACKTRAIL_ADMINS, read once at start; null while it names nobody (everyone is an admin). */
  admins: Admins;
  watches: WatchRunner;
  /** Where links sent out point: PACKTRAIL_PUBLIC_URL, else NEXTAUTH_URL, else this server's own address. */
  publicUrl: string;
  /** PACKTRAIL_WEBHOOK_ALLOW_PRIVATE=true: destinations inside your own network are allowed. */
  allowPrivateDestinations: boolean;
}

// Route handlers and instrumentation can be bundled apart, so module state is not shared
// between them; the one runtime lives on globalThis.
const KEY = Symbol.for('packtrail.runtime');
type Holder = { [KEY]?: Promise<ServerRuntime> };

async function start(): Promise<ServerRuntime> {
  const log = (line: string) => console.log(line);
  const runtime = await createRuntime({ log, threadedStore: true });
  let auth: AuthSettings;
  try {
    auth = readAuthSettings(process.env, { mode: runtime.mode, dataDir: runtime.config.dataDir });
    ensureSessionSecret(runtime.config.dataDir);
  } catch (err) {
    await runtime.close();
    throw err;
  }
  // Without NEXTAUTH_URL, sign-in redirects follow the Host the browser used (any port, any name).
  if (!process.env.NEXTAUTH_URL) process.env.AUTH_TRUST_HOST ??= 'true';
  // A generated secret is this replica's alone: behind a load balancer a session would work on one replica only.
  if (/^postgres(ql)?:/i.test(runtime.config.databaseUrl ?? '') && !process.env.NEXTAUTH_SECRET && !process.env.AUTH_SECRET && auth.enabled) {
    console.warn('Packtrail: the store is shared (PostgreSQL) but NEXTAUTH_SECRET is not set; set it to the same value on every replica, or sessions hold on one replica only.');
  }
  if (!auth.enabled) console.warn('WARNING: sign-in is OFF (PACKTRAIL_AUTH=off): anyone who can reach this loopback address reads the audit history.');
  const sync = new SyncManager(runtime.syncContext, runtime.targets, runtime.eventSources, runtime.config.syncIntervalMs, log);
  sync.start();
  const publicUrl = (process.env.PACKTRAIL_PUBLIC_URL || process.env.NEXTAUTH_URL || `http://${process.env.HOSTNAME || '127.0.0.1'}:${process.env.PORT || '3000'}`).replace(/\/+$/, '');
  const allowPrivateDestinations = (process.env.PACKTRAIL_WEBHOOK_ALLOW_PRIVATE ?? '').trim().toLowerCase() === 'true';
  const watches = new WatchRunner({ store: runtime.store, owner: runtime.syncContext.lockOwner, baseUrl: publicUrl, allowPrivate: allowPrivateDestinations, log });
  watches.start();
  return { ...runtime, sync, auth, admins: parseAdmins(process.env), watches, publicUrl, allowPrivateDestinations };
}

/** The server's runtime: created once, with sign-in checked and the background sync started. */
export function getRuntime(): Promise<ServerRuntime> {
  if (process.env.NEXT_PHASE === 'phase-production-build') {
    throw new Error('the runtime (store, sync) must not start during next build; mark the page dynamic');
  }
  const holder = globalThis as Holder;
  holder[KEY] ??= start();
  return holder[KEY]!;
}
