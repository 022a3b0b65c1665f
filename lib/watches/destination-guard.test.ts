import { describe, expect, it } from 'vitest';
import { blockedReason, checkDestination } from './destination-guard';

const resolvesTo = (...addresses: string[]) => async () => addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));

describe('a watch destination', () => {
  it('may not be on loopback, private, link-local, shared or metadata addresses, in any spelling', () => {
    for (const a of ['127.0.0.1', '10.1.2.3', '172.16.0.9', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '::1', 'fe80::1', 'fd00:ec2::254', 'fc00::5', '::ffff:127.0.0.1', '::ffff:10.0.0.1', '::']) {
      expect(blockedReason(a), a).not.toBeNull();
    }
    expect(blockedReason('169.254.169.254')).toBe('169.254.169.254 is the cloud metadata service');
    expect(blockedReason('93.184.216.34')).toBeNull();
    expect(blockedReason('2606:4700::6810:85e5')).toBeNull();
  });

  it('is judged by what its name resolves to, every answer of it, and then reached at that address', async () => {
    await expect(checkDestination('https://hooks.example.com/x', false, resolvesTo('10.0.0.5'))).rejects.toThrow(/hooks\.example\.com is refused: 10\.0\.0\.5 is a private address/);
    await expect(checkDestination('https://hooks.example.com/x', false, resolvesTo('93.184.216.34', '127.0.0.1'))).rejects.toThrow(/loopback/);
    await expect(checkDestination('http://[::ffff:169.254.169.254]/latest/meta-data', false)).rejects.toThrow(/metadata/);
    expect(await checkDestination('https://hooks.example.com/x', false, resolvesTo('93.184.216.34'))).toMatchObject({ address: '93.184.216.34', family: 4 });
    expect(await checkDestination('http://127.0.0.1:8080/x', true)).toMatchObject({ address: '127.0.0.1' });
  });

  it('must be an http(s) URL without credentials in it', async () => {
    await expect(checkDestination('file:///etc/passwd', true)).rejects.toThrow(/must be http\(s\)/);
    await expect(checkDestination('https://user:pw@hooks.example.com/', true, resolvesTo('93.184.216.34'))).rejects.toThrow(/must not carry a user name or password/);
    await expect(checkDestination('not a url', true)).rejects.toThrow(/not a URL/);
  });
});
