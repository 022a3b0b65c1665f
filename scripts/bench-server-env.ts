import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT, USER } from './stress/app-server';

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
