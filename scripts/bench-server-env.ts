import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT, USER, signIn, waitFor } from './stress/app-server';

/**
 * The environment a measured server runs in: the given store, no background sync, and AWS
 * settings that reach nothing (the store is all it serves). The bench's user is added to
 * `dataDir`, so `signIn` works.
 */
export function benchServerEnv(dataDir: string, databaseUrl: string, base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const env = { ...base, DATABASE_URL: databaseUrl, PACKTRAIL_SOURCE: 'aws', PACKTRAIL_DATA_DIR: dataDir, PACKTRAIL_SYNC_INTERVAL: '0', AWS_ACCESS_KEY_ID: 'AKIABENCHBENCHBENCH0', AWS_SECRET_ACCESS_KEY: 'bench', AWS_ENDPOINT_URL_CLOUDTRAIL: 'http://127.0.0.1:9', PACKTRAIL_REGIONS: 'us-west-2,eu-west-1', NEXT_TELEMETRY_DISABLED: '1' };
  spawnSync(process.execPath, ['--conditions=react-server', '--import', 'tsx', 'scripts/user.ts', 'add', USER.name], { cwd: ROOT, env, input: USER.password });
  return env;
}

/**
 * The store a measuring script serves from `dataDir`: DATABASE_URL if set, else the SQLite file in
 * it. A folder without one would be served as an empty store, measured without a word (a bench
 * keeps its store in BENCH_DIR/<shape>/data, not in BENCH_DIR/<shape>); `empty` asks for that on purpose.
 */
export function measuredStoreUrl(dataDir: string, empty: boolean): string {
  if (process.env.DATABASE_URL) return process.env.DATABASE_URL;
  const file = path.join(dataDir, 'packtrail.db');
  if (!empty && !fs.existsSync(file)) throw new Error(`no store at ${file} (a bench keeps its store in BENCH_DIR/<shape>/data); pass --empty to measure the page with nothing stored`);
  return `file:${file}`;
}

/**
 * Starts `npm run serve` on `dist` as the bench serves, its Node options being part of what is
 * measured; runs `work` signed in on it, and stops it. `dist` is a build folder of this checkout
 * (made with `NEXT_DIST_DIR=DIST npx next build`), or another checkout (`git worktree add`, with
 * `node_modules` linked and `npx next build` run in it), served with its own `.next`. Only a
 * checkout compares store code: the store's threads load lib/ from the checkout they run in
 * (lib/store/store-worker.cjs), not from the build, so two builds of one checkout differ only in
 * what the build bundles (pages, routes, the page's own logic).
 */
export async function withBuildServing<T>(env: NodeJS.ProcessEnv, dist: string, port: string, work: (base: string, cookie: string) => Promise<T>): Promise<T> {
  // Told by its Next config: a build folder holds a package.json of its own ({"type": "commonjs"}).
  const checkout = fs.existsSync(path.join(dist, 'next.config.js')) ? path.resolve(dist) : null;
  const where = checkout ? { cwd: checkout, NEXT_DIST_DIR: '.next' } : { cwd: ROOT, NEXT_DIST_DIR: dist };
  const server = spawn('npm', ['run', 'serve'], { cwd: where.cwd, env: { ...env, NEXT_DIST_DIR: where.NEXT_DIST_DIR, PORT: port }, stdio: 'ignore', detached: true });
  try {
    const base = `http://127.0.0.1:${port}`;
    const died = new Promise<never>((_, reject) => server.once('exit', (code) => reject(new Error(`npm run serve in ${where.cwd} (${where.NEXT_DIST_DIR}) exited with ${code} before it answered`))));
    died.catch(() => {});
    await Promise.race([waitFor(`${base}/api/health`, 120_000), died]);
    return await work(base, await signIn(base));
  } finally {
    if (server.exitCode === null && server.signalCode === null) {
      const exited = new Promise((resolve) => server.once('exit', resolve));
      process.kill(-server.pid!, 'SIGTERM');
      await exited;
    }
  }
}
