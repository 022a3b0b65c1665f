import { describe, expect, it } from 'vitest';
import { encodeCursor } from '@/lib/store/cursor';
import { pagingShape, timelineShape } from './paging';
import { parseQuery } from './parse-query';

const NOW = new Date('2026-11-25T12:00:00Z');
const parse = (qs: string, extra = {}) => parseQuery(new URLSearchParams(qs), extra, NOW);
const error = (qs: string, extra = {}) => {
  const r = parse(qs, extra);
  if (r.ok) throw new Error(`expected ${qs} to be rejected`);
  return r.error;
};

describe('the shared filter parser', () => {
  it('reads every SPEC filter', () => {
    const r = parse(
      'op=UpdateChannel&op=DeleteChannel&ip=203.0.113.0/24&user=MediaOpsAdmin/ops-alice&source=mediapackagev2.amazonaws.com' +
        '&region=eu-west-1&account=111122223333&resource=sports-hd&from=2026-11-01T00:00:00Z&to=2026-11-02T01:00:00%2B01:00' +
        '&readOnly=false&error=AccessDenied&q=sports&notIp=AWS%20Internal&notIp=2001:db8::/32&notOp=DescribeChannel&notUser=deploy-bot',
    );
    expect(r.ok && r.value.filter).toMatchObject({
      ops: ['UpdateChannel', 'DeleteChannel'],
      ips: [{ kind: 'range' }],
      user: 'MediaOpsAdmin/ops-alice',
      sources: ['mediapackagev2.amazonaws.com'],
      regions: ['eu-west-1'],
      accounts: ['111122223333'],
      resource: 'sports-hd',
      from: new Date('2026-11-01T00:00:00Z'),
      to: new Date('2026-11-02T00:00:00Z'),
      readOnly: false,
      error: { kind: 'code', code: 'AccessDenied' },
      q: 'sports',
      notIps: [{ kind: 'literal', value: 'AWS Internal' }, { kind: 'range' }],
      notOps: ['DescribeChannel'],
      notUsers: ['deploy-bot'],
    });
  });

  it('reads several ip values as any of them, and keeps old single-ip links working', () => {
    const several = parse('ip=203.0.113.0/24&ip=198.51.100.7,AWS%20Internal');
    expect(several.ok && several.value.filter.ips.map((m) => m.kind)).toEqual(['range', 'range', 'literal']);
    const old = parse('ip=203.0.113.0/24');
    expect(old.ok && old.value.filter.ips).toEqual([{ kind: 'range', lo: '00000000000000000000ffffcb007100', hi: '00000000000000000000ffffcb0071ff' }]);
  });

  it('never splits a principal to exclude at its commas (IAM names may contain one)', () => {
    const r = parse('notUser=Admin/alice,bob&notUser=deploy-bot');
    expect(r.ok && r.value.filter.notUsers).toEqual(['Admin/alice,bob', 'deploy-bot']);
  });

  it('turns a relative range into from = now − range', () => {
    const r = parse('range=24h');
    expect(r.ok && r.value.filter.from).toEqual(new Date('2026-11-24T12:00:00Z'));
    expect(r.ok && r.value.filter.range).toBe('24h');
  });

  it('accepts comma lists for repeatable filters and ignores empty form fields', () => {
    const r = parse('op=UpdateChannel,DeleteChannel&ip=&q=');
    expect(r.ok && r.value.filter).toMatchObject({ ops: ['UpdateChannel', 'DeleteChannel'], ips: [], q: null });
  });

  it('reads error=any and error=none', () => {
    const errorOf = (qs: string) => {
      const r = parse(qs);
      return r.ok ? r.value.filter.error : r.error;
    };
    expect(errorOf('error=any')).toEqual({ kind: 'any' });
    expect(errorOf('error=none')).toEqual({ kind: 'none' });
  });

  it.each([
    ['from=2026-11-01', /from must be an ISO 8601 instant with a zone/],
    ['from=2026-11-01T00:00:00', /from must be an ISO 8601 instant with a zone/],
    ['from=!&to=!', /from must be an ISO 8601 instant with a zone/],
    ['range=2w', /range must be one of 15m, 1h, 24h, 7d, 30d, 90d/],
    ['range=24h&from=2026-11-01T00:00:00Z', /range cannot be combined with from\/to/],
    ['from=2026-11-02T00:00:00Z&to=2026-11-01T00:00:00Z', /from must not be after to/],
    ['readOnly=yes', /readOnly must be true \(reads\) or false \(changes\)/],
    ['ip=300.1.1.1', /ip "300.1.1.1" is not a valid address/],
    ['op=Update Channel', /op must be an operation name/],
    ["op=x'%20OR%201=1", /op must be an operation name/],
    ['region=mars', /region must be a region such as eu-west-1/],
    ['account=123', /account must be a 12-digit account id/],
    ['source=evil.example.com', /source must be an event source/],
    ['error=%3Cscript%3E', /error must be "any"/],
    ['user=a&user=b', /user may be given only once/],
    ['notIp=203.0.113.0/33', /notIp "203.0.113.0\/33" is not a valid CIDR; expected an IPv4 or IPv6 address, a CIDR/],
    ['ip=10.0.0.0/8&ip=1.2.3', /ip "1.2.3" is not a valid address/],
    ['notOp=Describe%20Channel', /notOp must be an operation name/],
    ['notUser=a%00b', /notUser must not contain control characters/],
    [`${'notIp=10.0.0.1&'.repeat(51)}`, /notIp may be given at most 50 times/],
    ['operation=UpdateChannel', /unknown parameter operation; accepted: op, ip, user/],
    ['__proto__=x', /unknown parameter __proto__/],
    ['constructor=x', /unknown parameter constructor/],
    [`q=${'x'.repeat(201)}`, /q must be at most 200 characters/],
    ['user=a%00b', /user must not contain control characters/],
  ])('rejects %s', (qs, message) => {
    expect(error(qs)).toMatch(message);
  });

  it('composes route parameters: limit and cursor for lists, bucket for the timeline', () => {
    const cursor = encodeCursor({ time: 1_700_000_000_000, eventId: 'e1' });
    const r = parse(`limit=200&cursor=${cursor}`, pagingShape);
    expect(r.ok && [r.value.limit, r.value.cursor]).toEqual([200, { time: 1_700_000_000_000, eventId: 'e1' }]);
    expect(error('cursor=bogus', pagingShape)).toMatch(/cursor is not one this server issued/);
    expect(error(`cursor=${'x'.repeat(600)}`, pagingShape)).toMatch(/cursor is not one this server issued/);
    const defaults = parse('', pagingShape);
    expect(defaults.ok && defaults.value.limit).toBe(50);
    expect(error('limit=0', pagingShape)).toMatch(/limit must be a whole number from 1 to 500/);
    expect(error('limit=501', pagingShape)).toMatch(/limit must be a whole number from 1 to 500/);
    expect(error('limit=ten', pagingShape)).toMatch(/limit must be a whole number from 1 to 500/);
    expect(error('bucket=2m', timelineShape)).toMatch(/bucket must be auto, 1m, 5m, 1h or 1d/);
    expect(error('limit=5')).toMatch(/unknown parameter limit/);
  });
});
