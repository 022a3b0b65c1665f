import { spawnSync } from 'node:child_process';
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
