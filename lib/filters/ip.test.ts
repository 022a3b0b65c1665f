import { describe, expect, it } from 'vitest';
import { cidrRange, ipKey, parseIpFilter } from './ip';

const inRange = (ip: string, cidr: string) => {
  const key = ipKey(ip)!;
  const r = cidrRange(cidr)!;
  return key >= r.lo && key <= r.hi;
};

describe('IP keys and CIDR ranges', () => {
  it('maps IPv4 into ::ffff:0:0/96 so both families share one key space', () => {
    expect(ipKey('203.0.113.17')).toBe('00000000000000000000ffffcb007111');
    expect(ipKey('::ffff:203.0.113.17')).toBe(ipKey('203.0.113.17'));
  });

  it('gives different spellings of one IPv6 address the same key', () => {
    expect(ipKey('2001:db8::1')).toBe(ipKey('2001:0db8:0000:0000:0000:0000:0000:0001'));
    expect(ipKey('2001:DB8::1')).toBe(ipKey('2001:db8::1'));
  });

  it('has no key for literal sources or odd IPv4 spellings', () => {
    expect(ipKey('AWS Internal')).toBeNull();
    expect(ipKey('cloudformation.amazonaws.com')).toBeNull();
    expect(ipKey('')).toBeNull();
    expect(ipKey('0x7f.1')).toBeNull();
  });

  it.each([
    ['203.0.113.0', '203.0.113.0/24', true],
    ['203.0.113.255', '203.0.113.0/24', true],
    ['203.0.114.0', '203.0.113.0/24', false],
    ['203.0.112.255', '203.0.113.0/24', false],
    ['10.1.2.3', '10.0.0.0/8', true],
    ['11.0.0.0', '10.0.0.0/8', false],
    ['198.51.100.7', '0.0.0.0/0', true],
    ['2001:db8::1', '0.0.0.0/0', false],
    ['2001:db8:ffff::1', '2001:db8::/32', true],
    ['2001:db9::1', '2001:db8::/32', false],
    ['203.0.113.9', '203.0.113.9/32', true],
    ['203.0.113.10', '203.0.113.9/32', false],
    ['2001:db8::1', '2001:db8::1/128', true],
  ])('%s in %s is %s', (ip, cidr, expected) => {
    expect(inRange(ip, cidr)).toBe(expected);
  });

  it('normalises a CIDR with host bits set to its network', () => {
    expect(cidrRange('203.0.113.77/24')).toEqual(cidrRange('203.0.113.0/24'));
  });
});

describe('the ip filter', () => {
  it('accepts addresses, CIDRs and literal sources', () => {
    expect(parseIpFilter('203.0.113.17')).toMatchObject([{ kind: 'range' }]);
    expect(parseIpFilter('2001:db8::/32')).toMatchObject([{ kind: 'range' }]);
    expect(parseIpFilter('AWS Internal')).toEqual([{ kind: 'literal', value: 'AWS Internal' }]);
    expect(parseIpFilter('cloudformation.amazonaws.com')).toEqual([{ kind: 'literal', value: 'cloudformation.amazonaws.com' }]);
  });

  it('cuts an IPv6 CIDR around the IPv4 block, so it never covers IPv4 sources', () => {
    const v4 = ipKey('203.0.113.17')!;
    const inAny = (key: string, value: string) => (parseIpFilter(value) as { kind: string; lo: string; hi: string }[]).some((r) => key >= r.lo && key <= r.hi);
    expect(inAny(v4, '::/0')).toBe(false);
    expect(inAny(ipKey('2001:db8::1')!, '::/0')).toBe(true);
    expect(inAny(ipKey('::1')!, '::/0')).toBe(true);
    expect(inAny(v4, '::/64')).toBe(false);
    expect(inAny(v4, '::ffff:0:0/96')).toBe(true);
    expect(inAny(v4, '::ffff:203.0.113.0/120')).toBe(true);
    expect(inAny(v4, '0.0.0.0/0')).toBe(true);
  });

  it.each(['203.0.113.300', '203.0.113.0/33', '2001:db8::/129', '1.2.3', '2001:db8:::1', "1' OR 1=1 --", '<script>'])(
    'rejects %s with what is accepted',
    (value) => {
      const result = parseIpFilter(value);
      expect(result).toHaveProperty('error');
      expect((result as { error: string }).error).toMatch(/CIDR/);
    },
  );
});
