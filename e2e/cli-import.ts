import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { expect } from '@playwright/test';
import { DATA_DIR } from '../playwright.config';

/** Stores records in the e2e server's store the way a person would: a trail file and `npm run import`. */
export function importWithCli(records: Record<string, unknown>[]): void {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'packtrail-e2e-import-'));
  fs.writeFileSync(path.join(dir, 'records.json.gz'), gzipSync(JSON.stringify({ Records: records })));
  const imported = spawnSync(process.execPath, ['--conditions=react-server', '--import', 'tsx', 'scripts/import.ts', dir], {
    env: { ...process.env, DATABASE_URL: `file:${DATA_DIR}/packtrail.db`, PACKTRAIL_DATA_DIR: DATA_DIR },
    encoding: 'utf8',
  });
  expect(imported.status, imported.stderr).toBe(0);
  fs.rmSync(dir, { recursive: true, force: true });
}
