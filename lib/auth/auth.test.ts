import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildCsp } from '@/lib/security/csp';
import { tempDir } from '@/lib/testing/sync-harness';
import { AuthConfigError, emailAllowed, readAuthSettings } from './auth-settings';
import { authDisabled } from './auth-switch';
import { safeCallbackPath } from './callback-url';
import { addUser, checkCredentials, readUsers, removeUser, usersFile } from './local-users';
import { loginBlocked, recordLoginFailure } from './login-throttle';
import { ensureSessionSecret } from './secret';

let dir: string;
beforeEach(() => {
  dir = tempDir('packtrail-auth-');
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('local accounts', () => {
  it('keeps only a scrypt hash, in a file only the owner can read, and checks passwords against it', async () => {
    expect(await addUser(dir, 'alice', 'correct horse battery')).toBe('added');
    const text = fs.readFileSync(usersFile(dir), 'utf8');
    expect(text).not.toContain('correct horse battery');
    expect(readUsers(dir)[0].hash).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(fs.statSync(usersFile(dir)).mode & 0o777).toBe(0o600);
    expect(await checkCredentials(dir, 'alice', 'correct horse battery')).toBe(true);
    expect(await checkCredentials(dir, 'alice', 'correct horse batterY')).toBe(false);
    expect(await checkCredentials(dir, 'mallory', 'correct horse battery')).toBe(false);
  });

  it('replaces the password of an existing user and removes users', async () => {
    await addUser(dir, 'alice', 'first password 1');
    expect(await addUser(dir, 'alice', 'second password 2')).toBe('updated');
    expect(await checkCredentials(dir, 'alice', 'first password 1')).toBe(false);
    expect(await checkCredentials(dir, 'alice', 'second password 2')).toBe(true);
    expect(removeUser(dir, 'alice')).toBe(true);
    expect(removeUser(dir, 'alice')).toBe(false);
    expect(readUsers(dir)).toEqual([]);
  });

  it('refuses short passwords and odd names', async () => {
    await expect(addUser(dir, 'bob', 'short')).rejects.toThrow(/at least 10 characters/);
    await expect(addUser(dir, '../etc', 'long enough password')).rejects.toThrow(/user name/);
  });
});

describe('the session secret', () => {
  it('is generated once, kept with mode 0600, and reused', () => {
    const saved = { a: process.env.NEXTAUTH_SECRET, b: process.env.AUTH_SECRET };
    delete process.env.NEXTAUTH_SECRET;
    delete process.env.AUTH_SECRET;
    ensureSessionSecret(dir);
    const first = process.env.NEXTAUTH_SECRET;
    expect(first).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(fs.statSync(path.join(dir, 'session-secret')).mode & 0o777).toBe(0o600);
    delete process.env.NEXTAUTH_SECRET;
    ensureSessionSecret(dir);
    expect(process.env.NEXTAUTH_SECRET).toBe(first);
    process.env.NEXTAUTH_SECRET = saved.a;
    process.env.AUTH_SECRET = saved.b;
    if (saved.a === undefined) delete process.env.NEXTAUTH_SECRET;
    if (saved.b === undefined) delete process.env.AUTH_SECRET;
  });
});

describe('safe defaults', () => {
  const read = (env: Record<string, string | undefined>, mode: 'aws' | 'demo' = 'aws') => readAuthSettings(env, { mode, dataDir: dir });

  it('refuses to serve real AWS data with no way to sign in, and says how to configure one', () => {
    expect(() => read({})).toThrow(AuthConfigError);
    expect(() => read({})).toThrow(/npm run user -- add <name>[\s\S]*PACKTRAIL_OIDC_ISSUER[\s\S]*PACKTRAIL_GITHUB_CLIENT_ID/);
  });

  it('starts with real AWS data once a local account exists', async () => {
    await addUser(dir, 'alice', 'correct horse battery');
    expect(read({})).toMatchObject({ enabled: true, localAccounts: true, demoViewer: false });
  });

  it('offers the demo viewer only with demo data', () => {
    expect(read({}, 'demo')).toMatchObject({ enabled: true, demoViewer: true });
  });

  it('honours PACKTRAIL_AUTH=off only on loopback', () => {
    expect(read({ PACKTRAIL_AUTH: 'off' }).enabled).toBe(false);
    expect(read({ PACKTRAIL_AUTH: 'off', HOSTNAME: '::1' }).enabled).toBe(false);
    expect(() => read({ PACKTRAIL_AUTH: 'off', HOSTNAME: '0.0.0.0' })).toThrow(/only when the server listens on loopback/);
    expect(authDisabled({ PACKTRAIL_AUTH: 'off', HOSTNAME: '0.0.0.0' })).toBe(false);
    expect(authDisabled({ PACKTRAIL_AUTH: 'off' })).toBe(true);
    expect(authDisabled({})).toBe(false);
  });

  it('insists on an allow-list for external providers and applies it', () => {
    const oidc = { PACKTRAIL_OIDC_ISSUER: 'https://login.example.com', PACKTRAIL_OIDC_CLIENT_ID: 'id', PACKTRAIL_OIDC_CLIENT_SECRET: 's' };
    expect(() => read(oidc)).toThrow(/PACKTRAIL_ALLOWED_EMAILS/);
    const settings = read({ ...oidc, PACKTRAIL_ALLOWED_EMAILS: 'carol@partner.example, @example.com' });
    expect(emailAllowed('alice@example.com', settings.allowList)).toBe(true);
    expect(emailAllowed('ALICE@Example.COM', settings.allowList)).toBe(true);
    expect(emailAllowed('carol@partner.example', settings.allowList)).toBe(true);
    expect(emailAllowed('dave@partner.example', settings.allowList)).toBe(false);
    expect(emailAllowed('mallory@example.com.evil.example', settings.allowList)).toBe(false);
    expect(emailAllowed(null, settings.allowList)).toBe(false);
    expect(() => read({ PACKTRAIL_GITHUB_CLIENT_ID: 'x', PACKTRAIL_ALLOWED_EMAILS: '*' })).toThrow(/PACKTRAIL_GITHUB_CLIENT_SECRET/);
  });
});

describe('callback URLs after sign-in', () => {
  it.each([
    ['/events/3f0c1e0a-7b1d-4c3e-9a55-6a8f1b2c3d4e', '/events/3f0c1e0a-7b1d-4c3e-9a55-6a8f1b2c3d4e'],
    ['/events?ip=203.0.113.0%2F24&op=UpdateChannel', '/events?ip=203.0.113.0%2F24&op=UpdateChannel'],
    ['http://127.0.0.1:3000/users/ops-alice', '/users/ops-alice'],
    ['https://evil.example', '/events'],
    ['//evil.example', '/events'],
    ['/\\evil.example', '/events'],
    ['javascript:alert(1)', '/events'],
    ['/%0d%0aSet-Cookie:x', '/%0d%0aSet-Cookie:x'],
    ['/\nx', '/events'],
    ['', '/events'],
  ])('%s → %s', (input, expected) => {
    expect(safeCallbackPath(input, 'http://127.0.0.1:3000')).toBe(expected);
  });
});

describe('login throttling', () => {
  it('blocks a name after ten failures in fifteen minutes, and forgets after', () => {
    const keys = ['user:throttle-test'];
    for (let i = 0; i < 10; i++) recordLoginFailure(keys, 1_000 + i);
    expect(loginBlocked(keys, 2_000)).toBe(true);
    expect(loginBlocked(['user:someone-else'], 2_000)).toBe(false);
    expect(loginBlocked(keys, 1_000 + 15 * 60_000 + 10)).toBe(false);
  });
});

describe('content security policy', () => {
  it('allows scripts only by nonce, never inline, and forbids framing', () => {
    const csp = buildCsp('abc123', false);
    const scriptSrc = csp.split('; ').find((d) => d.startsWith('script-src'))!;
    expect(scriptSrc).toBe("script-src 'self' 'nonce-abc123' 'strict-dynamic'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
  });
});
