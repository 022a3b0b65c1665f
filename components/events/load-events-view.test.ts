import { describe, expect, it } from 'vitest';
import { normalizeRecord } from '@/lib/events/normalize';
import { unpackTimeline } from '@/lib/explorer/timeline-series';
import { eventsPageShape } from '@/lib/explorer/page-query';
import { parseQuery } from '@/lib/filters/parse-query';
import type { ServerRuntime } from '@/lib/runtime/server-runtime';
import { makeRecord, makeRecords } from '@/lib/testing/records';
import { STORE_BACKENDS, useTempStore } from '@/lib/testing/temp-store';
import { FIRST_PAGE, loadEventsView } from './load-events-view';

// The events page's count, span and chart, asked each of the ways the page asks them, against the
// store's own count: a window's count is its timeline's buckets summed, plus matches stamped after
// the window's end.

const NOW = new Date('2026-12-01T12:00:00Z');
const DAY = 86_400_000;

describe.each(STORE_BACKENDS)('the events page on %s', (backend) => {
  const temp = useTempStore(backend);

  const view = (qs: string) => {
    const parsed = parseQuery(new URLSearchParams(qs), eventsPageShape, NOW);
    if (!parsed.ok) throw new Error(parsed.error);
    const { filter, sort } = parsed.value;
    const runtime = { store: temp.store, regions: ['us-west-2'], eventSources: ['mediapackage.amazonaws.com'], sync: { status: () => ({ progress: [] }) } } as unknown as ServerRuntime;
    // Matches of a window that ends now, stamped after it: off the chart, in the count.
    const later = !filter.from || filter.to ? 0 : temp.store.countEvents({ ...filter, from: new Date(NOW.getTime() + 1) });
    return Promise.all([loadEventsView(runtime, filter, sort, NOW), temp.store.countEvents(filter), later]);
  };

  it('counts every match once, whichever way it is counted, including matches stamped after now', async () => {
    const records = [
      ...makeRecords(400, { newest: NOW.getTime() - 60_000, spanMs: 40 * DAY, user: 'alice' }),
      ...makeRecords(150, { newest: NOW.getTime() - 3_600_000, spanMs: 20 * DAY, user: 'bob', eventName: 'DeleteChannel', errorCode: 'AccessDenied' }),
      // A clock ahead of ours: stamped after the window's end, matched by a range all the same.
      ...[1, 2, 3].map((h) => makeRecord({ time: NOW.getTime() + h * 3_600_000, user: 'bob', eventName: 'DeleteChannel' })),
      // On the window's last millisecond.
      makeRecord({ time: NOW, user: 'bob' }),
    ];
    await temp.store.commitPage(records.map((r) => normalizeRecord(JSON.stringify(r))));
    const cases = [
      'range=7d',
      'range=30d',
      'range=30d&q=bob', // text: no rollup counts it
      'range=30d&q=alice&op=UpdateChannel',
      'range=24h&q=bob',
      'range=90d&error=any',
      'range=7d&user=bob',
      'from=2026-11-20T00:00:00Z&to=2026-11-25T00:00:00Z&q=alice',
      'q=bob', // all time: count and span together
      'q=no-such-word&range=30d',
      'q=DeleteChannel&range=7d&error=none',
    ];
    for (const qs of cases) {
      const [page, stored, later] = await view(qs);
      expect(page.total, qs).toBe(stored);
      const charted = unpackTimeline(page.timeline).rows.reduce((n, r) => n + r.total, 0);
      expect(charted, qs).toBe(stored - later);
      if (stored > FIRST_PAGE) expect(page.page.nextCursor, qs).not.toBeNull();
    }
  });
});
