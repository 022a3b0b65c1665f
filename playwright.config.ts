import { defineConfig } from '@playwright/test';

// Three servers: the repo's LookupEvents emulator (demo history plus hostile fixture records),
// the production build reading it through the real SDK (AWS_ENDPOINT_URL_CLOUDTRAIL), and the
// same build in demo mode, which is what the README's first command serves.
const PORT = Number(process.env.E2E_PORT ?? 3100);
const EMULATOR_PORT = PORT + 1000;
export const DEMO_PORT = PORT + 500;
export const DATA_DIR = process.env.E2E_DATA_DIR ?? `/tmp/packtrail-e2e-${PORT}`;
export const E2E_USER = { name: 'e2e-admin', password: 'e2e-admin-password-1' };
/** Signed in but not in PACKTRAIL_ADMINS: may read everything, may not start syncs or manage watches. */
export const E2E_VIEWER = { name: 'e2e-viewer', password: 'e2e-viewer-password-1' };
export const SIGNED_IN_STATE = `e2e/.auth/state-${PORT}.json`;
const NODE_TSX = 'node --conditions=react-server --import tsx';

export default defineConfig({
  testDir: 'e2e',
  timeout: 60_000,
  workers: 1,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-gpu'],
    },
  },
  projects: [
    { name: 'sign-in', testMatch: /auth\.setup\.ts/ },
    { name: 'signed-out', testMatch: /\.signed-out\.spec\.ts/ },
    { name: 'demo', testMatch: /\.demo\.spec\.ts/, use: { baseURL: `http://127.0.0.1:${DEMO_PORT}` } },
    // Servers of their own (started by the spec, on the same build): on a PostgreSQL database, and
    // `npm run serve`'s several processes.
    { name: 'replicas', testMatch: /replicas\.spec\.ts|serve-workers\.spec\.ts/ },
    {
      name: 'signed-in',
      testIgnore: /\.signed-out\.spec\.ts|\.demo\.spec\.ts|auth\.setup\.ts|replicas\.spec\.ts|serve-workers\.spec\.ts/,
      dependencies: ['sign-in'],
      use: { storageState: SIGNED_IN_STATE },
    },
  ],
  webServer: [
    {
      command: `${NODE_TSX} scripts/emulator.ts --port ${EMULATOR_PORT} --tps 50 --records e2e/fixtures/hostile-records.json`,
      url: `http://127.0.0.1:${EMULATOR_PORT}/`,
      timeout: 60_000,
      reuseExistingServer: false,
    },
    {
      // NEXT_DIST_DIR (optional) is passed through the environment to next.config.js.
      command: [
        `rm -rf ${DATA_DIR} ${DATA_DIR}-demo`,
        `printf '%s' '${E2E_USER.password}' | ${NODE_TSX} scripts/user.ts add ${E2E_USER.name}`,
        `printf '%s' '${E2E_VIEWER.password}' | ${NODE_TSX} scripts/user.ts add ${E2E_VIEWER.name}`,
        'npx next build',
        `HOSTNAME=127.0.0.1 PORT=${PORT} npm run serve`,
      ].join(' && '),
      url: `http://127.0.0.1:${PORT}/api/health`,
      timeout: 240_000,
      reuseExistingServer: false,
      stdout: 'pipe',
      env: {
        PACKTRAIL_SOURCE: 'aws',
        AWS_ENDPOINT_URL_CLOUDTRAIL: `http://127.0.0.1:${EMULATOR_PORT}`,
        AWS_ACCESS_KEY_ID: 'AKIAE2EE2EE2EE2EE2E0',
        AWS_SECRET_ACCESS_KEY: 'e2e-not-a-secret',
        PACKTRAIL_REGIONS: 'us-west-2,eu-west-1',
        PACKTRAIL_RATE_LIMIT: '50',
        PACKTRAIL_DATA_DIR: DATA_DIR,
        PACKTRAIL_SYNC_INTERVAL: '60s',
        PACKTRAIL_ADMINS: E2E_USER.name,
        // The watches spec's receiver listens on this machine.
        PACKTRAIL_WEBHOOK_ALLOW_PRIVATE: 'true',
        NEXT_TELEMETRY_DISABLED: '1',
      },
    },
    {
      command: `HOSTNAME=127.0.0.1 PORT=${DEMO_PORT} npm run serve`,
      url: `http://127.0.0.1:${DEMO_PORT}/api/health`,
      timeout: 60_000,
      reuseExistingServer: false,
      env: { PACKTRAIL_SOURCE: 'demo', PACKTRAIL_DATA_DIR: `${DATA_DIR}-demo`, NEXT_TELEMETRY_DISABLED: '1' },
    },
  ],
});
