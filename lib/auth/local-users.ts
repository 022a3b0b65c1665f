import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';

// Local accounts for teams without an identity provider: a JSON file of scrypt hashes in the
// data directory, written with mode 0600. Passwords are never stored or logged.

const scryptAsync = promisify(scrypt) as (password: string, salt: Buffer, keylen: number, options: { N: number; r: number; p: number; maxmem: number }) => Promise<Buffer>;
const PARAMS = { N: 2 ** 15, r: 8, p: 1, keylen: 32 };
export const USERNAME = /^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$/;
export const MIN_PASSWORD_LENGTH = 10;

export interface LocalUser {
  name: string;
  hash: string; // scrypt$N$r$p$salt$key (base64)
  createdAt: string;
}

export function usersFile(dataDir: string): string {
  return path.join(dataDir, 'users.json');
}

export function readUsers(dataDir: string): LocalUser[] {
  const file = usersFile(dataDir);
  if (!fs.existsSync(file)) return [];
  const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as { users?: LocalUser[] };
  return Array.isArray(parsed.users) ? parsed.users : [];
}

function writeUsers(dataDir: string, users: LocalUser[]): void {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = usersFile(dataDir);
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, `${JSON.stringify({ users }, null, 2)}\n`, { mode: 0o600 });
  fs.renameSync(tmp, file);
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scryptAsync(password, salt, PARAMS.keylen, { N: PARAMS.N, r: PARAMS.r, p: PARAMS.p, maxmem: 256 * PARAMS.N * PARAMS.r });
  return ['scrypt', PARAMS.N, PARAMS.r, PARAMS.p, salt.toString('base64'), key.toString('base64')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, key] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !key) return false;
  const expected = Buffer.from(key, 'base64');
  const N = Number(n);
  const actual = await scryptAsync(password, Buffer.from(salt, 'base64'), expected.length, { N, r: Number(r), p: Number(p), maxmem: 256 * N * Number(r) });
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

export async function addUser(dataDir: string, name: string, password: string): Promise<'added' | 'updated'> {
  if (!USERNAME.test(name)) throw new Error(`user name "${name}" must be 1–64 letters, digits, . _ @ - and start with a letter or digit`);
  if (password.length < MIN_PASSWORD_LENGTH) throw new Error(`the password must be at least ${MIN_PASSWORD_LENGTH} characters`);
  const users = readUsers(dataDir);
  const hash = await hashPassword(password);
  const existing = users.find((u) => u.name === name);
  if (existing) existing.hash = hash;
  else users.push({ name, hash, createdAt: new Date().toISOString() });
  writeUsers(dataDir, users);
  return existing ? 'updated' : 'added';
}

export function removeUser(dataDir: string, name: string): boolean {
  const users = readUsers(dataDir);
  const left = users.filter((u) => u.name !== name);
  if (left.length === users.length) return false;
  writeUsers(dataDir, left);
  return true;
}

// Runs the hash even for unknown names so that timing does not reveal which names exist.
const DUMMY_HASH = 'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';

export async function checkCredentials(dataDir: string, name: string, password: string): Promise<boolean> {
  const user = readUsers(dataDir).find((u) => u.name === name);
  const ok = await verifyPassword(password, user?.hash ?? DUMMY_HASH);
  return Boolean(user) && ok;
}
