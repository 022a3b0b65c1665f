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
    // Written aside and linked into place: a process starting at the same moment (another server,
    // the CLI) either finds no file or a whole one, and the first link wins.
    const aside = `${file}.${process.pid}`;
    fs.writeFileSync(aside, randomBytes(32).toString('base64url'), { mode: 0o600 });
    try {
      fs.linkSync(aside, file);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    } finally {
      fs.rmSync(aside, { force: true });
    }
  }
  process.env.NEXTAUTH_SECRET = fs.readFileSync(file, 'utf8').trim();
}
