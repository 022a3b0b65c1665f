import { encode } from 'next-auth/jwt';
import { describe, expect, it } from 'vitest';
import { decodeSessionToken } from './session-token';

const secret = 'a-session-secret-of-the-usual-length-0123456789';

describe('reading the session cookie', () => {
  it('reads what next-auth wrote', async () => {
    const token = await encode({ token: { name: 'ops-alice', email: 'alice@example.com', sub: 'local:ops-alice' }, secret });
    expect(await decodeSessionToken({ token, secret })).toMatchObject({ name: 'ops-alice', email: 'alice@example.com', sub: 'local:ops-alice' });
  });

  it('refuses a token sealed with another secret, an expired one and a tampered one', async () => {
    const token = await encode({ token: { name: 'ops-alice' }, secret });
    await expect(decodeSessionToken({ token, secret: `${secret}-rotated` })).rejects.toThrow();
    const expired = await encode({ token: { name: 'ops-alice' }, secret, maxAge: -60 });
    await expect(decodeSessionToken({ token: expired, secret })).rejects.toThrow(/exp/);
    const tampered = `${token.slice(0, -6)}AAAAAA`;
    await expect(decodeSessionToken({ token: tampered, secret })).rejects.toThrow();
    expect(await decodeSessionToken({ token: '', secret })).toBeNull();
  });
});
