import { describe, expect, it } from 'vitest';
import { normalizeRecord } from '@/lib/events/normalize';
import { emptyFilter } from '@/lib/filters/schema';
import { makeRecord } from '@/lib/testing/records';
import { STORE_BACKENDS, useCachingReader } from '@/lib/testing/temp-store';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const T0 = Date.parse('2026-11-02T00:00:00Z');
// A text search no rollup answers (every record's agent matches): the same question from the events.
const FROM_EVENTS = { q: 'aws-cli' };
// Whole seconds, as CloudTrail's times are.
const TIMES = Array.from({ length: 400 }, (_, i) => T0 + Math.floor(((i * 7_919_117) % (5 * DAY)) / 1000) * 1000);

describe.each(STORE_BACKENDS)('%s store: answers kept under the events a window holds', (backend) => {
  const stores = useCachingReader(backend);

  it('draws a timeline open to now as the events do, the same for windows that hold the same events, never from before a commit', async () => {
    const ops = ['DescribeChannel', 'UpdateChannel', 'ListChannels'];
    await stores.writer.commitPage(TIMES.map((time, i) => normalizeRecord(JSON.stringify(makeRecord({ time, eventName: ops[i % 3], errorCode: i % 7 ? undefined : 'AccessDenied' })))));
    const now = T0 + 5 * DAY;
    const draw = (store: typeof stores.reader, from: number, bucketMs: number, q = {}) =>
      store.timeline({ ...emptyFilter, from: new Date(from), ...q }, bucketMs, { from: new Date(from), to: new Date(now) });
    const truth = (from: number, bucketMs: number) => draw(stores.writer, from, bucketMs, FROM_EVENTS);
    for (const bucketMs of [HOUR, DAY]) {
      const from = T0 + 2 * DAY + 3 * HOUR + 17_000;
      const first = Math.min(...TIMES.filter((t) => t >= from));
      const whole = await truth(from, bucketMs);
      expect(await draw(stores.reader, from, bucketMs)).toEqual(whole);
      // Up to the window's first event, in the same bucket: the same events, the same chart.
      expect(Math.floor(first / bucketMs)).toBe(Math.floor(from / bucketMs));
      expect(await draw(stores.reader, first, bucketMs)).toEqual(whole);
      // One past it: that event is out.
      const later = await truth(first + 1, bucketMs);
      expect(later).not.toEqual(whole);
      expect(await draw(stores.reader, first + 1, bucketMs)).toEqual(later);
    }
    const from = T0 + DAY;
    expect(await draw(stores.reader, from, HOUR)).toEqual(await truth(from, HOUR));
    await stores.writer.commitPage([normalizeRecord(JSON.stringify(makeRecord({ time: T0 + 3 * DAY + 5 * HOUR, eventName: 'DeleteChannel' })))]);
    const after = await truth(from, HOUR);
    expect(after.some((p) => p.counts.DeleteChannel === 1)).toBe(true);
    expect(await draw(stores.reader, from, HOUR)).toEqual(after);
  });

  it('draws the same chart after a search counted all time as afresh: the count\'s pass leaves the day timeline the page asks next', async () => {
    const ops = ['DescribeChannel', 'UpdateChannel', 'ListChannels'];
    // 40 days, so that the page draws day buckets; and one lone match days before the rest.
    const times = Array.from({ length: 300 }, (_, i) => T0 - Math.floor(((i * 7_919_117) % (40 * DAY)) / 1000) * 1000);
    await stores.writer.commitPage(times.map((time, i) => normalizeRecord(JSON.stringify(makeRecord({ time, eventName: ops[i % 3], user: i % 5 ? 'alice' : 'bob', errorCode: i % 7 ? undefined : 'AccessDenied' })))));
    for (const terms of [{ q: 'aws-cli' }, { q: 'bob' }, { q: 'aws-cli', to: new Date(T0 - 3 * DAY) }, { q: 'aws-cli', to: new Date(T0 - 35 * DAY) }, { q: 'no-such-word' }]) {
      const filter = { ...emptyFilter, ...terms };
      const counted = await stores.reader.countAndSpan(filter);
      expect(counted).toEqual(await stores.writer.countAndSpan(filter));
      if (!counted.span) continue;
      const window = { from: counted.span.from, to: filter.to ?? counted.span.to };
      for (const bucketMs of [DAY, HOUR]) {
        const drawn = await stores.reader.timeline(filter, bucketMs, window);
        expect(drawn, JSON.stringify(terms)).toEqual(await stores.writer.timeline(filter, bucketMs, window));
        expect(drawn.reduce((n, p) => n + Object.values(p.counts).reduce((a, b) => a + b, 0), 0)).toBe(counted.total);
      }
    }
  });
});
