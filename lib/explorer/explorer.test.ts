import { describe, expect, it } from 'vitest';
import { parseQuery } from '@/lib/filters/parse-query';
import type { SyncState, TimelinePoint } from '@/lib/store/types';
import { chipsOf, withoutChip } from './chips';
import { explainEmpty } from './empty-state';
import { filterParams, pinnedFilterQuery, withFilters } from './filter-query';
import { eventsPageShape } from './page-query';
import { bucketRange, needsStoredSpan, packTimeline, stackTopOps, timelineWindow, unpackTimeline } from './timeline-series';
import { formatFull, formatInZone, fromZonedInput, relativeAge, toZonedInput, zoneName } from './time-format';

const NOW = new Date('2026-11-25T12:00:00Z');
const filterOf = (qs: string) => {
  const r = parseQuery(new URLSearchParams(qs), eventsPageShape, NOW);
  if (!r.ok) throw new Error(r.error);
  return r.value.filter;
};

describe('the page query', () => {
  it('accepts sort through the shared parser and still rejects typos', () => {
    expect(parseQuery(new URLSearchParams('sort=asc&op=UpdateChannel'), eventsPageShape)).toMatchObject({ ok: true, value: { sort: 'asc' } });
    expect(parseQuery(new URLSearchParams(''), eventsPageShape)).toMatchObject({ ok: true, value: { sort: 'desc' } });
    expect(parseQuery(new URLSearchParams('sort=up'), eventsPageShape)).toMatchObject({ ok: false, error: expect.stringMatching(/sort must be desc/) });
    expect(parseQuery(new URLSearchParams('srot=asc'), eventsPageShape)).toMatchObject({ ok: false, error: expect.stringMatching(/unknown parameter srot/) });
  });

  it('keeps only SPEC filters for the API and export links', () => {
    const params = new URLSearchParams('op=A&op=B&sort=asc&ip=10.0.0.0/8&q=&cursor=x');
    expect(filterParams(params).toString()).toBe('op=A&op=B&ip=10.0.0.0%2F8');
    expect(withFilters('/api/export', params, { format: 'csv' })).toBe('/api/export?format=csv&op=A&op=B&ip=10.0.0.0%2F8');
    expect(withFilters('/api/export', new URLSearchParams('sort=asc'))).toBe('/api/export');
  });

  it('pins a relative range to the instant the page was rendered, for further pages', () => {
    const from = new Date('2026-11-24T12:00:00Z');
    expect(pinnedFilterQuery(new URLSearchParams('range=24h&op=A&sort=asc'), from)).toBe('op=A&from=2026-11-24T12%3A00%3A00.000Z');
    expect(pinnedFilterQuery(new URLSearchParams('op=A'), null)).toBe('op=A');
  });
});

describe('filter chips', () => {
  it('has one chip per value, comma lists split, and removes one value at a time', () => {
    const params = new URLSearchParams('op=UpdateChannel,DeleteChannel&ip=203.0.113.0/24&error=any&sort=asc');
    expect(chipsOf(params).map((c) => c.label)).toEqual(['op=UpdateChannel', 'op=DeleteChannel', 'ip=203.0.113.0/24', 'failed calls']);
    expect(withoutChip(params, { key: 'op', value: 'UpdateChannel' }).getAll('op')).toEqual(['DeleteChannel']);
    const noIp = withoutChip(params, { key: 'ip', value: '203.0.113.0/24' });
    expect(noIp.has('ip')).toBe(false);
    expect(noIp.get('sort')).toBe('asc');
  });

  it('says what an exclusion leaves out, and removes it without touching the rest', () => {
    const params = new URLSearchParams('ip=2001:db8::/32&notIp=203.0.113.0/24,AWS Internal&notOp=DescribeChannel&notUser=ops,alice&notUser=bot');
    expect(chipsOf(params).map((c) => c.label)).toEqual([
      'ip=2001:db8::/32', 'ip not 203.0.113.0/24', 'ip not AWS Internal', 'op not DescribeChannel', 'user not ops,alice', 'user not bot',
    ]);
    const rest = withoutChip(params, { key: 'notIp', value: '203.0.113.0/24' });
    expect(rest.getAll('notIp')).toEqual(['AWS Internal']);
    expect(rest.getAll('ip')).toEqual(['2001:db8::/32']);
    expect(withoutChip(params, { key: 'notUser', value: 'ops,alice' }).getAll('notUser')).toEqual(['bot']);
  });
});

describe('time formatting', () => {
  it('shows the viewer zone by name', () => {
    expect(formatInZone('2026-11-23T13:03:22Z', 'Europe/Berlin')).toEqual({ date: '2026-11-23', time: '14:03:22', zone: 'CET' });
    expect(formatInZone('2026-07-01T13:03:22Z', 'Europe/Berlin').zone).toBe('CEST');
    expect(formatInZone('2026-11-23T13:03:22Z', 'America/New_York')).toEqual({ date: '2026-11-23', time: '08:03:22', zone: 'EST' });
    expect(formatFull('2026-11-23T23:30:00Z', 'UTC')).toBe('2026-11-23 23:30:00 UTC');
    expect(zoneName(new Date('2026-11-23T00:00:00Z'), 'Asia/Kolkata')).toMatch(/^(IST|GMT\+5:30)$/);
  });

  it('writes UTC times as Intl does for the same offset, across years and edges of the day', () => {
    for (const t of ['2026-11-23T23:59:59.999Z', '2024-02-29T00:00:00Z', '1970-01-01T00:00:00Z', '0999-12-31T12:00:00Z', 1_795_666_738_000]) {
      const viaIntl = formatInZone(t, 'Etc/GMT'); // the same wall time, through formatToParts
      expect(formatInZone(t, 'UTC')).toEqual({ date: viaIntl.date, time: viaIntl.time, zone: 'UTC' });
    }
  });

  it('reads datetime-local input in the chosen zone, across DST', () => {
    expect(fromZonedInput('2026-11-23T14:03', 'Europe/Berlin')?.toISOString()).toBe('2026-11-23T13:03:00.000Z');
    expect(fromZonedInput('2026-07-01T14:03', 'Europe/Berlin')?.toISOString()).toBe('2026-07-01T12:03:00.000Z');
    expect(fromZonedInput('2026-11-23T14:03', 'UTC')?.toISOString()).toBe('2026-11-23T14:03:00.000Z');
    expect(fromZonedInput('yesterday', 'UTC')).toBeNull();
    expect(toZonedInput('2026-11-23T13:03:22Z', 'Europe/Berlin')).toBe('2026-11-23T14:03');
  });

  it('gives a relative age for tooltips', () => {
    expect(relativeAge('2026-11-25T11:57:00Z', NOW.getTime())).toBe('3 min ago');
    expect(relativeAge('2026-11-23T12:00:00Z', NOW.getTime())).toBe('2 d ago');
    expect(relativeAge(NOW.toISOString(), NOW.getTime())).toBe('just now');
  });
});

describe('timeline series', () => {
  it('picks the window and bucket like /api/timeline', () => {
    expect(timelineWindow(filterOf('range=24h'), null, NOW)).toMatchObject({ bucket: '5m', to: NOW });
    expect(timelineWindow(filterOf('range=7d'), null, NOW).bucket).toBe('1h');
    const span = { from: new Date('2026-08-27T00:00:00Z'), to: new Date('2026-11-25T11:00:00Z') };
    expect(timelineWindow(filterOf(''), span, NOW)).toMatchObject({ from: span.from, to: span.to, bucket: '1d' });
  });

  it('asks for the stored span only without a start: a window with one runs to its end, or to now', () => {
    const span = { from: new Date('2026-08-27T00:00:00Z'), to: new Date('2026-11-20T11:00:00Z') };
    expect(needsStoredSpan(filterOf(''))).toBe(true);
    expect(needsStoredSpan(filterOf('to=2026-11-01T00:00:00Z'))).toBe(true);
    for (const qs of ['range=24h', 'from=2026-11-01T00:00:00Z', 'from=2026-11-01T00:00:00Z&to=2026-11-02T00:00:00Z']) {
      expect(needsStoredSpan(filterOf(qs))).toBe(false);
      // What the pages and /api/timeline skip asking for must not change the window.
      expect(timelineWindow(filterOf(qs), span, NOW)).toEqual(timelineWindow(filterOf(qs), null, NOW));
    }
    expect(timelineWindow(filterOf('from=2026-11-01T00:00:00Z'), span, NOW).to).toEqual(NOW);
  });

  it('stacks the top operations and folds the rest into Other changes / Other reads, keeping errors', () => {
    const series: TimelinePoint[] = [
      { t: '2026-11-25T10:00:00.000Z', counts: { ListChannels: 5, DescribeChannel: 1, DeleteChannel: 1 }, errors: 2 },
      { t: '2026-11-25T11:00:00.000Z', counts: { ListChannels: 1, DescribeChannel: 3, GetChannel: 1, UpdateChannel: 2 }, errors: 0 },
    ];
    const stacked = stackTopOps(series, 2);
    expect(stacked.keys).toEqual(['ListChannels', 'DescribeChannel', 'Other changes', 'Other reads']);
    expect(stacked.rows[0]).toEqual({ t: Date.parse(series[0].t), total: 7, errors: 2, values: { ListChannels: 5, DescribeChannel: 1, 'Other changes': 1 } });
    expect(stacked.rows[1].values).toEqual({ ListChannels: 1, DescribeChannel: 3, 'Other reads': 1, 'Other changes': 2 });
    expect(stacked).toMatchObject({ total: 14, errors: 2 });
    expect(stackTopOps(series, 6).keys).toEqual(['ListChannels', 'DescribeChannel', 'UpdateChannel', 'DeleteChannel', 'GetChannel']);
  });

  it('packs the stacked timeline into arrays for the page and unpacks it to the same rows', () => {
    const series: TimelinePoint[] = [
      { t: '2026-11-25T10:00:00.000Z', counts: { ListChannels: 5, DeleteChannel: 1 }, errors: 2 },
      { t: '2026-11-25T11:00:00.000Z', counts: {}, errors: 0 },
    ];
    const stacked = stackTopOps(series, 1);
    const packed = packTimeline(stacked);
    expect(packed.rows[0]).toEqual([Date.parse(series[0].t), 6, 2, 5, 1]);
    expect(JSON.stringify(packed).length).toBeLessThan(JSON.stringify(stacked).length);
    expect(unpackTimeline(packed)).toEqual(stacked);
  });

  it('turns a drag over buckets into whole-bucket from/to in either direction', () => {
    const h = 3_600_000;
    const t = Date.parse('2026-11-25T10:00:00Z');
    expect(bucketRange(t + h, t, h)).toEqual({ from: '2026-11-25T10:00:00.000Z', to: '2026-11-25T11:59:59.999Z' });
  });
});

describe('why the page is empty', () => {
  const base: SyncState = {
    account: 'default', region: 'us-west-2', eventSource: 'mediapackage.amazonaws.com', accountId: null, coveredFrom: '2026-08-27T12:00:00.000Z',
    watermark: '2026-11-25T11:59:00.000Z', job: null, lastRun: null, lastError: null, throttles: 0,
  };
  const expected = [{ region: 'us-west-2', eventSource: 'mediapackage.amazonaws.com' }];
  const explain = (qs: string, states: SyncState[] = [base], progress: { region: string; eventSource: string; fraction: number; done: boolean }[] = []) =>
    explainEmpty({ filter: filterOf(qs), now: NOW, states, progress, expected });

  it('says the filters are too narrow when the store holds the window', () => {
    expect(explain('op=DeleteChannel&range=7d')).toEqual({ kind: 'no-match' });
  });

  it('says a first sync or a backfill is still reading the window, with progress', () => {
    expect(explain('', [])).toMatchObject({ kind: 'syncing', fraction: null });
    const job = { kind: 'backfill' as const, start: '2026-08-27T12:00:00.000Z', end: '2026-11-25T11:00:00.000Z', queryEnd: '2026-11-25T11:00:00.000Z', nextToken: 'x', oldestSeen: '2026-11-01T00:00:00.000Z', pages: 3, events: 150, newEvents: 150, startedAt: '2026-11-25T11:00:00.000Z' };
    const progress = [{ region: 'us-west-2', eventSource: 'mediapackage.amazonaws.com', fraction: 0.4, done: false }];
    expect(explain('from=2026-10-01T00:00:00Z&to=2026-10-02T00:00:00Z', [{ ...base, job }], progress)).toEqual({
      kind: 'syncing', fraction: 0.4, streams: ['us-west-2 mediapackage.amazonaws.com'],
    });
    // Already read past that window: the backfill is not the reason.
    expect(explain('range=1h', [{ ...base, job }], progress)).toEqual({ kind: 'no-match' });
  });

  it('says the window is older than the store holds', () => {
    expect(explain('from=2026-01-01T00:00:00Z&to=2026-02-01T00:00:00Z')).toEqual({ kind: 'before-coverage', coveredFrom: base.coveredFrom });
  });

  it('says events may not be delivered yet for the last minutes', () => {
    expect(explain('range=15m')).toMatchObject({ kind: 'not-delivered-yet' });
  });

  it('says the last sync failed, with its message, when the window reaches past the watermark', () => {
    const failed = { ...base, watermark: '2026-11-24T00:00:00.000Z', lastError: { at: '2026-11-25T11:30:00.000Z', message: 'The security token included in the request is expired' } };
    expect(explain('range=1h', [failed])).toEqual({ kind: 'sync-failed', message: failed.lastError.message, at: failed.lastError.at, stream: 'us-west-2 mediapackage.amazonaws.com' });
    expect(explain('from=2026-11-01T00:00:00Z&to=2026-11-02T00:00:00Z', [failed])).toEqual({ kind: 'no-match' });
  });

  it('only weighs the regions and sources the filter names', () => {
    expect(explain('region=eu-west-1', [])).toEqual({ kind: 'no-match' });
  });
});
