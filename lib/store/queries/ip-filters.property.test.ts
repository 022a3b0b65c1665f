import fs from 'node:fs';
import fc from 'fast-check';
import ipaddr from 'ipaddr.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { normalizeRecord } from '@/lib/events/normalize';
import { parseQuery } from '@/lib/filters/parse-query';
import { makeRecord } from '@/lib/testing/records';
import { tempDir } from '@/lib/testing/sync-harness';
import { STORE_BACKENDS, openTempStore } from '@/lib/testing/temp-store';
import type { Store } from '../types';

// `ip` (any of) and `notIp` (none of) through the real parser and the real store, against a plain
// reference written with ipaddr.js's own CIDR match: a CIDR matches only addresses of its family.

const T0 = Date.parse('2026-11-20T12:00:00Z');
const LITERALS = ['AWS Internal', 'cloudformation.amazonaws.com', 'mediapackage.amazonaws.com'];

function unmapped(addr: ipaddr.IPv4 | ipaddr.IPv6): ipaddr.IPv4 | ipaddr.IPv6 {
  return addr.kind() === 'ipv6' && (addr as ipaddr.IPv6).isIPv4MappedAddress() ? (addr as ipaddr.IPv6).toIPv4Address() : addr;
}

/** The reference: one source against one filter value, without the store's key encoding. */
function matchesValue(source: string, value: string): boolean {
  if (!ipaddr.isValid(source)) return source.toLowerCase() === value.toLowerCase();
  const addr = unmapped(ipaddr.parse(source));
  if (!value.includes('/')) return ipaddr.isValid(value) && unmapped(ipaddr.parse(value)).toString() === addr.toString();
  const [net, bits] = ipaddr.parseCIDR(value);
  const unmappedNet = unmapped(net);
  // A CIDR inside the IPv4-mapped block (::ffff:a.b.c.d/120) is an IPv4 network; a wider one
  // (::ffff:0:0/8) is an IPv6 network like any other.
  const cidr: [ipaddr.IPv4 | ipaddr.IPv6, number] = unmappedNet.kind() !== net.kind() && bits >= 96 ? [unmappedNet, bits - 96] : [net, bits];
  return addr.kind() === cidr[0].kind() && addr.match(cidr);
}

const v4 = fc.tuple(fc.constantFrom(10, 198, 203), fc.nat(3), fc.nat(255), fc.nat(255)).map((p) => p.join('.'));
const v6 = fc
  .tuple(fc.constantFrom('2001:db8', '2001:db8:0:1', 'fd00', '::ffff'), fc.nat(0xffff), fc.nat(0xffff))
  .map(([prefix, a, b]) => (prefix === '::ffff' ? `::ffff:${a.toString(16)}:${b.toString(16)}` : `${prefix}::${a.toString(16)}:${b.toString(16)}`));
const source = fc.oneof({ weight: 4, arbitrary: v4 }, { weight: 4, arbitrary: v6 }, { weight: 1, arbitrary: fc.constantFrom(...LITERALS) });

const v4Cidr = fc.tuple(v4, fc.integer({ min: 0, max: 32 })).map(([a, n]) => `${a}/${n}`);
const v6Cidr = fc.tuple(v6, fc.integer({ min: 0, max: 128 })).map(([a, n]) => `${a}/${n}`);
const filterValue = fc.oneof(v4Cidr, v6Cidr, v4, v6, fc.constantFrom(...LITERALS, 'aws internal', '::/0', '0.0.0.0/0', '::ffff:0:0/96', '::/64'));

describe.each(STORE_BACKENDS)('%s store', (backend) => {
  let dir: string;
  let store: Store;
  let sources: { id: string; ip: string }[];

  beforeAll(async () => {
    dir = tempDir();
    store = await openTempStore(backend, dir);
    sources = fc.sample(source, { numRuns: 400, seed: 7 }).map((ip, i) => ({ id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`, ip }));
    await store.commitPage(sources.map(({ id, ip }, i) => normalizeRecord(JSON.stringify(makeRecord({ eventId: id, sourceIp: ip, time: T0 - i * 1000 })))));
  });
  afterAll(async () => {
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  async function stored(query: URLSearchParams): Promise<string[]> {
    const parsed = parseQuery(query, {}, new Date(T0));
    if (!parsed.ok) throw new Error(parsed.error);
    const events = (await store.listEvents(parsed.value.filter, { limit: 500, after: null })).events;
    expect(await store.countEvents(parsed.value.filter)).toBe(events.length);
    return events.map((e) => e.eventId).sort();
  }

  describe('ip and notIp against a plain reference', () => {
    it('keep exactly the events whose source is any of ip and none of notIp, both families and literals mixed', async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(filterValue, { maxLength: 3 }), fc.array(filterValue, { maxLength: 3 }), async (ips, notIps) => {
          const query = new URLSearchParams([...ips.map((v) => ['ip', v]), ...notIps.map((v) => ['notIp', v])]);
          const expected = sources
            .filter(({ ip }) => (!ips.length || ips.some((v) => matchesValue(ip, v))) && !notIps.some((v) => matchesValue(ip, v)))
            .map((s) => s.id)
            .sort();
          expect(await stored(query)).toEqual(expected);
        }),
        { numRuns: 150 },
      );
    });

    it('never drops the other family when excluding all of one', async () => {
      const v4Only = await stored(new URLSearchParams('notIp=::/0'));
      expect(v4Only.length).toBe(sources.filter(({ ip }) => !ipaddr.isValid(ip) || unmapped(ipaddr.parse(ip)).kind() === 'ipv4').length);
      const v6Only = await stored(new URLSearchParams('notIp=0.0.0.0/0'));
      expect(v6Only.length).toBe(sources.filter(({ ip }) => !ipaddr.isValid(ip) || unmapped(ipaddr.parse(ip)).kind() === 'ipv6').length);
      expect(v4Only.length + v6Only.length).toBeGreaterThan(sources.length);
    });
  });
});
