import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cidrRange, ipKey } from './ip';
import { parseQuery } from './parse-query';
import { pagingShape } from './paging';

const KEYS = ['op', 'ip', 'user', 'source', 'region', 'account', 'resource', 'from', 'to', 'range', 'readOnly', 'error', 'q', 'limit', 'cursor'];
const anyText = fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.string({ unit: 'binary' }), fc.constantFrom('', ' ', '%', '\u0000', '../', "' OR 1=1 --", '<script>', '9'.repeat(400)));
const anyParams = fc.array(fc.tuple(fc.oneof(fc.constantFrom(...KEYS), fc.string()), anyText), { maxLength: 12 });

function toParams(pairs: [string, string][]): URLSearchParams {
  const params = new URLSearchParams();
  for (const [k, v] of pairs) params.append(k, v);
  return params;
}

describe('the filter parser, on any input', () => {
  it('never throws: it accepts, or rejects with a message naming what is accepted', () => {
    fc.assert(
      fc.property(anyParams, (pairs) => {
        const result = parseQuery(toParams(pairs), pagingShape);
        if (!result.ok) {
          expect(result.error.length).toBeGreaterThan(5);
          expect(result.error).not.toMatch(/undefined|\[object Object\]/);
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('only ever lets through values of the documented shapes', () => {
    fc.assert(
      fc.property(anyParams, (pairs) => {
        const result = parseQuery(toParams(pairs), pagingShape);
        if (!result.ok) return;
        const f = result.value.filter;
        for (const op of f.ops) expect(op).toMatch(/^[A-Za-z][A-Za-z0-9]*$/);
        for (const r of f.regions) expect(r).toMatch(/^[a-z]{2}(-[a-z]+)+-\d{1,2}$/);
        for (const a of f.accounts) expect(a).toMatch(/^\d{12}$/);
        expect(result.value.limit).toBeGreaterThanOrEqual(1);
        expect(result.value.limit).toBeLessThanOrEqual(500);
        if (f.from && f.to) expect(f.from.getTime()).toBeLessThanOrEqual(f.to.getTime());
        if (f.q) expect(f.q.length).toBeLessThanOrEqual(200);
      }),
      { numRuns: 3000 },
    );
  });

  it('rejects every unknown parameter by name', () => {
    const unknown = fc.string({ minLength: 1, maxLength: 20 }).filter((k) => !KEYS.includes(k) && k.trim() === k && !k.includes(','));
    fc.assert(
      fc.property(unknown, fc.string({ minLength: 1 }), (key, value) => {
        const result = parseQuery(toParams([[key, value.trim() || 'x']]), pagingShape);
        expect(result.ok).toBe(false);
        if (!result.ok) expect(result.error).toContain(key);
      }),
    );
  });

  it('reads valid filters, and reads them the same when they are written back to a URL', () => {
    const validPairs = fc.array(
      fc.oneof(
        fc.constantFrom<[string, string]>(['op', 'UpdateChannel'], ['op', 'DeleteOriginEndpoint'], ['region', 'eu-west-1'], ['source', 'mediapackagev2.amazonaws.com'], ['readOnly', 'false'], ['error', 'any'], ['range', '7d']),
        fc.ipV4().map((ip): [string, string] => ['ip', ip]),
        fc.tuple(fc.ipV6(), fc.integer({ min: 0, max: 128 })).map(([ip, p]): [string, string] => ['q', `${ip}/${p}`.slice(0, 200)]),
        fc.stringMatching(/^[a-z][a-z0-9-]{0,30}$/).map((s): [string, string] => ['user', s]),
      ),
      { maxLength: 6 },
    ).map((pairs) => pairs.filter(([k], i) => ['op', 'region', 'source'].includes(k) || pairs.findIndex(([k2]) => k2 === k) === i));
    fc.assert(
      fc.property(validPairs, (pairs) => {
        const now = new Date('2026-11-25T00:00:00Z');
        const first = parseQuery(toParams(pairs), {}, now);
        expect(first.ok).toBe(true);
        const again = parseQuery(new URLSearchParams(toParams(pairs).toString()), {}, now);
        expect(again).toEqual(first);
      }),
    );
  });
});

describe('CIDR maths', () => {
  const toInt = (ip: string) => ip.split('.').reduce((n, o) => n * 256 + Number(o), 0);
  it('an IPv4 address is inside a.b.c.d/p exactly when their first p bits agree', () => {
    fc.assert(
      fc.property(fc.ipV4(), fc.ipV4(), fc.integer({ min: 0, max: 32 }), (addr, net, prefix) => {
        const range = cidrRange(`${net}/${prefix}`)!;
        const key = ipKey(addr)!;
        const shift = 2 ** (32 - prefix);
        const sameNetwork = Math.floor(toInt(addr) / shift) === Math.floor(toInt(net) / shift);
        expect(key >= range.lo && key <= range.hi).toBe(sameNetwork);
      }),
      { numRuns: 5000 },
    );
  });

  it('an IPv6 address is always inside its own /128 and /0, and IPv4 never inside an IPv6 /0', () => {
    fc.assert(
      fc.property(fc.ipV6(), fc.ipV4(), (v6, v4) => {
        const key = ipKey(v6)!;
        const own = cidrRange(`${v6}/128`)!;
        expect(own.lo === key && own.hi === key).toBe(true);
        const all = cidrRange('::/0')!;
        expect(key >= all.lo && key <= all.hi).toBe(true);
        const v6only = cidrRange('2000::/3')!;
        const k4 = ipKey(v4)!;
        expect(k4 >= v6only.lo && k4 <= v6only.hi).toBe(false);
      }),
    );
  });
});
