import { defineConfig } from '@playwright/test';

const PORT = Number(process.env.E2E_PORT ?? 3100);
const DATA_DIR = process.env.E2E_DATA_DIR ?? `/tmp/packtrail-e2e-${process.pid}`;

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
  webServer: {
    command: `rm -rf ${DATA_DIR} && npx next build && npx next start --hostname 127.0.0.1 --port ${PORT}`,
    url: `http://127.0.0.1:${PORT}/api/health`,
    timeout: 240_000,
    reuseExistingServer: false,
    stdout: 'pipe',
    env: { PACKTRAIL_SOURCE: 'demo', PACKTRAIL_DATA_DIR: DATA_DIR, PACKTRAIL_SYNC_INTERVAL: '60s', NEXT_TELEMETRY_DISABLED: '1' },
  },
});
