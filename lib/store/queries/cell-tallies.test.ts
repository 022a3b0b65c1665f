import { describe, expect, it } from 'vitest';
import { normalizeRecord } from '@/lib/events/normalize';
import { parseIpFilter } from '@/lib/filters/ip';
import { emptyFilter, type EventFilter } from '@/lib/filters/schema';
import { makeRecord } from '@/lib/testing/records';
import { STORE_BACKENDS, useCachingReader } from '@/lib/testing/temp-store';
import { USER_IPS } from './user-activity';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const T0 = Date.parse('2026-11-02T00:00:00Z');
// A text search no rollup answers (every record's agent matches): the same question from the events.
const FROM_EVENTS = { q: 'aws-cli' };

const event = (time: number, sourceIp: string, user: string, eventName = 'DescribeChannel') =>
  normalizeRecord(JSON.stringify(makeRecord({ time, sourceIp, user, eventName })));

describe.each(STORE_BACKENDS)('%s store: /users from whole days kept by the reading connection', (backend) => {
  const stores = useCachingReader(backend);

  it('answers again as the events do, with the edges of the window added, and never from before a commit', async () => {
    // Two principals over five days: one behind more sources than /users lists, of both families.
    const events = Array.from({ length: 600 }, (_, i) =>
      event(
        T0 + ((i * 7_919_117) % (5 * DAY)),
        i % 4 === 0 ? `2001:db8::${i % 37}` : i % 7 === 0 ? 'AWS Internal' : `198.51.100.${i % 50}`,
        i % 3 ? 'deploy-bot' : 'ops-alice',
        i % 5 ? 'DescribeChannel' : 'UpdateChannel',
      ),
    );
    await stores.writer.commitPage(events);
    const notOffice = parseIpFilter('198.51.100.0/24');
    if ('error' in notOffice) throw new Error(notOffice.error);
    // Whole days 2–4, hours of the first and the last, and the partial hours at both ends.
    const filter: EventFilter = { ...emptyFilter, notIps: notOffice, from: new Date(T0 + DAY + 5 * HOUR + 17 * 60_000), to: new Date(T0 + 4 * DAY + 7 * HOUR + 13 * 60_000) };
    const truth = () => stores.writer.userActivity({ ...filter, ...FROM_EVENTS });
    const before = await truth();
    const bot = before.find((u) => u.principal === 'deploy-bot')!;
    expect(bot.ipCount).toBeGreaterThan(USER_IPS);
    expect(bot.ips).toHaveLength(USER_IPS);
    for (let i = 0; i < 3; i++) expect(await stores.reader.userActivity(filter)).toEqual(before);
    // The same whole days, other edges: the days kept, the edges read.
    const shorter = { ...filter, to: new Date(filter.to!.getTime() - 3 * HOUR) };
    expect(await stores.reader.userActivity(shorter)).toEqual(await stores.writer.userActivity({ ...shorter, ...FROM_EVENTS }));

    // New calls on a whole day of the window: a new principal, a source new to ops-alice, and an
    // older source of deploy-bot's called again, which now comes first in its list.
    await stores.writer.commitPage([
      event(T0 + 3 * DAY + 2 * HOUR, '2001:db8::beef', 'ops-alice', 'DeleteChannel'),
      event(T0 + 3 * DAY + 2 * HOUR, '2001:db8::1', 'new-admin'),
      event(T0 + 4 * DAY + 7 * HOUR, '2001:db8::4', 'deploy-bot'),
    ]);
    const after = await truth();
    expect(after).not.toEqual(before);
    expect(after.map((u) => u.principal)).toContain('new-admin');
    for (let i = 0; i < 2; i++) expect(await stores.reader.userActivity(filter)).toEqual(after);
  });

  it('answers a window open to now as the events do, the same for windows that hold the same events', async () => {
    // Whole seconds, as CloudTrail's times are.
    const times = Array.from({ length: 300 }, (_, i) => T0 + Math.floor(((i * 7_919_117) % (5 * DAY)) / 1000) * 1000);
    await stores.writer.commitPage(times.map((t, i) => event(t, i % 4 ? `198.51.100.${i % 30}` : `2001:db8::${i % 9}`, i % 3 ? 'deploy-bot' : 'ops-alice')));
    const truth = (from: number) => stores.writer.userActivity({ ...emptyFilter, from: new Date(from), ...FROM_EVENTS });
    const ask = (from: number) => stores.reader.userActivity({ ...emptyFilter, from: new Date(from) });
    const from = T0 + 2 * DAY + 3 * HOUR;
    const first = Math.min(...times.filter((t) => t >= from));
    const whole = await truth(from);
    expect(await ask(from)).toEqual(whole);
    // Up to the window's first event: the same events, the same answer.
    expect(await ask(first)).toEqual(whole);
    // One past it: that event is out.
    const later = await truth(first + 1);
    expect(later).not.toEqual(whole);
    expect(await ask(first + 1)).toEqual(later);
    expect(await ask(from)).toEqual(whole);
  });
});
