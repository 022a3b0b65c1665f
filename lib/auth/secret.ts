import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * The session secret: NEXTAUTH_SECRET / AUTH_SECRET when given, else one generated once and kept
 * (mode 0600) in the data directory, so sessions survive restarts and nothing secret is committed.
 * It is put into NEXTAUTH_SECRET because next-auth's proxy-side token check reads it from there.
 */
export function ensureSessionSecret(dataDir: string): void {
  const given = process.env.NEXTAUTH_SECRET || process.env.AUTH_SECRET;
  if (given) {
    process.env.NEXTAUTH_SECRET = given;
    return;
  }
  const file = path.join(dataDir, 'session-secret');
  if (!fs.existsSync(file)) {
    fs.mkdirSync(dataDir, { recursive: true });
    fs.writeFileSync(file, randomBytes(32).toString('base64url'), { mode: 0o600, flag: 'wx' });
  }
  process.env.NEXTAUTH_SECRET = fs.readFileSync(file, 'utf8').trim();
}
