import { defineConfig } from '@playwright/test';

const PORT = Number(process.env.E2E_PORT ?? 3100);
const DATA_DIR = process.env.E2E_DATA_DIR ?? `/tmp/packtrail-e2e-${PORT}`;
export const E2E_USER = { name: 'e2e-admin', password: 'e2e-admin-password-1' };
export const SIGNED_IN_STATE = `e2e/.auth/state-${PORT}.json`;

// e2e runs the production build in demo mode: the embedded LookupEvents emulator, read through
// the real SDK and sync path. Debian's Chromium is used because Playwright cannot download its own here.
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
    { name: 'signed-in', testIgnore: /\.signed-out\.spec\.ts|auth\.setup\.ts/, dependencies: ['sign-in'], use: { storageState: SIGNED_IN_STATE } },
  ],
  webServer: {
    // NEXT_DIST_DIR (optional) is passed through the environment to next.config.js.
    command: [
      `rm -rf ${DATA_DIR}`,
      `printf '%s' '${E2E_USER.password}' | npx tsx --conditions=react-server scripts/user.ts add ${E2E_USER.name}`,
      'npx next build',
      `npx next start --hostname 127.0.0.1 --port ${PORT}`,
    ].join(' && '),
    url: `http://127.0.0.1:${PORT}/api/health`,
    timeout: 240_000,
    reuseExistingServer: false,
    stdout: 'pipe',
    env: { PACKTRAIL_SOURCE: 'demo', PACKTRAIL_DATA_DIR: DATA_DIR, PACKTRAIL_SYNC_INTERVAL: '60s', NEXT_TELEMETRY_DISABLED: '1' },
  },
});
