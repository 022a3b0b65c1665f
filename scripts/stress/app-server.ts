// Starts what the stress runs need: the emulator (demo history plus hostile records), a production
// build of the app reading it in aws mode with a local account, and a signed-in session cookie.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { tempDir } from '@/lib/testing/sync-harness';

export const ROOT = path.resolve(__dirname, '..', '..');
export const USER = { name: 'stress-admin', password: 'stress-admin-password' };

export interface AppServer {
  baseUrl: string;
  cookie: string;
  dataDir: string;
  emulatorUrl: string;
  pid: number;
  stop(): Promise<void>;
}

export async function waitFor(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(url)).status < 500) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not come up in ${timeoutMs} ms`);
}

function stopChild(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

export async function signIn(baseUrl: string): Promise<string> {
  const csrfRes = await fetch(`${baseUrl}/api/auth/csrf`);
  const jar = (csrfRes.headers.getSetCookie?.() ?? []).map((c) => c.split(';')[0]);
  const { csrfToken } = (await csrfRes.json()) as { csrfToken: string };
  const res = await fetch(`${baseUrl}/api/auth/callback/local`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: jar.join('; ') },
    body: new URLSearchParams({ csrfToken, username: USER.name, password: USER.password, callbackUrl: '/events' }),
  });
  const session = (res.headers.getSetCookie?.() ?? []).map((c) => c.split(';')[0]).find((c) => c.includes('session-token'));
  if (!session) throw new Error('could not sign in the stress user');
  return session;
}

export async function startAppServer(port: number, extraEnv: Record<string, string> = {}): Promise<AppServer> {
  const emulatorPort = port + 1000;
  const dataDir = tempDir('packtrail-stress-');
  const emulator = spawn(process.execPath, ['--conditions=react-server', '--import', 'tsx', 'scripts/emulator.ts', '--port', String(emulatorPort), '--tps', '50', '--records', 'e2e/fixtures/hostile-records.json'], { cwd: ROOT, stdio: 'ignore' });
  const emulatorUrl = `http://127.0.0.1:${emulatorPort}`;
  await waitFor(`${emulatorUrl}/`, 60_000);
  const env = {
    ...process.env,
    PACKTRAIL_SOURCE: 'aws',
    AWS_ENDPOINT_URL_CLOUDTRAIL: emulatorUrl,
    AWS_ACCESS_KEY_ID: 'AKIASTRESSSTRESSSTRE',
    AWS_SECRET_ACCESS_KEY: 'stress',
    PACKTRAIL_REGIONS: 'us-west-2,eu-west-1',
    PACKTRAIL_RATE_LIMIT: '50',
    PACKTRAIL_DATA_DIR: dataDir,
    NEXT_TELEMETRY_DISABLED: '1',
    ...extraEnv,
  };
  const add = spawnSync(process.execPath, ['--conditions=react-server', '--import', 'tsx', 'scripts/user.ts', 'add', USER.name], { cwd: ROOT, env, input: USER.password });
  if (add.status !== 0) throw new Error(`could not add the stress user: ${add.stderr}`);
  if (!fs.existsSync(path.join(ROOT, '.next', 'BUILD_ID')) || process.env.STRESS_BUILD === '1') {
    const build = spawnSync('npx', ['next', 'build'], { cwd: ROOT, env, stdio: 'inherit' });
    if (build.status !== 0) throw new Error('next build failed');
  }
  const app = spawn('npm', ['run', 'serve'], { cwd: ROOT, env: { ...env, HOSTNAME: '127.0.0.1', PORT: String(port) }, stdio: 'ignore', detached: false });
  const baseUrl = `http://127.0.0.1:${port}`;
  await waitFor(`${baseUrl}/api/health`, 120_000);
  // Wait for the first sync, so requests read a full store.
  const cookie = await signIn(baseUrl);
  for (let i = 0; i < 240; i++) {
    const status = (await (await fetch(`${baseUrl}/api/sync`, { headers: { cookie } })).json()) as { streams: { watermark: string | null; job: unknown }[] };
    if (status.streams.every((s) => s.watermark && !s.job)) break;
    await new Promise((r) => setTimeout(r, 500));
  }
  const pid = pidListeningOn(port);
  return {
    baseUrl,
    cookie,
    dataDir,
    emulatorUrl,
    pid,
    async stop() {
      if (pid) {
        try {
          process.kill(pid, 'SIGTERM');
        } catch {
          // already gone
        }
      }
      await stopChild(app);
      await stopChild(emulator);
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The pid of the process listening on a loopback port (`next start` runs under an npx wrapper). */
export function pidListeningOn(port: number): number {
  return Number(spawnSync('sh', ['-c', `ss -ltnp 'sport = :${port}' | grep -o 'pid=[0-9]*' | head -1 | cut -d= -f2`]).stdout.toString().trim());
}

/** Resident memory of a process in MB, from /proc. */
export function rssMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
}
