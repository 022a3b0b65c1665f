import os from 'node:os';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { emptyFilter, type EventFilter } from '@/lib/filters/schema';
import { normalizeRecord } from '@/lib/events/normalize';
import { parseLogFile } from '@/lib/import/parse-log-file';
import { makeRecord } from '@/lib/testing/records';
import { T0, event, filter } from '@/lib/testing/store-fixtures';
import { STORE_BACKENDS, migrateAsNewerVersion, useTempStore } from '@/lib/testing/temp-store';
import { decodeCursor } from '../cursor';
import { timelineOfEvents } from '../queries/aggregates';
import { USER_IPS } from '../queries/user-activity';

// The Store contract: every backend gives these answers (SQLite, and PostgreSQL on the machine's
// server). Backend-specific behaviour (files, migrations, sessions) is tested beside each backend.


describe.each(STORE_BACKENDS)('the store (%s)', (backend) => {
  const temp = useTempStore(backend);
  async function ids(f: EventFilter): Promise<string[]> {
    return (await temp.store.listEvents(f, { limit: 500, after: null })).events.map((e) => e.eventId);
  }

  it('stores each EventId once and keeps the record byte-for-byte', async () => {
    const raw = '{ "eventID": "0b7c4a57-1111-4a4a-9a9a-000000000001",\t"eventName": "UpdateChannel", "eventTime": "2026-11-20T12:00:00Z", "eventSource": "mediapackage.amazonaws.com", "awsRegion": "us-west-2", "requestParameters": {"description": "Café <img src=x onerror=alert(1)>"} }';
    const e = normalizeRecord(raw);
    expect(await temp.store.commitPage([e, e])).toEqual({ inserted: 1 });
    expect(await temp.store.commitPage([e])).toEqual({ inserted: 0 });
    expect((await temp.store.getEvent('0b7c4a57-1111-4a4a-9a9a-000000000001'))?.cloudTrailEvent).toBe(raw);
    expect(await temp.store.getEvent('missing')).toBeNull();
  });

  it('takes its events as an iterable read once, as the import passes them, and counts only what it stores', async () => {
    const stored = event({ eventId: 'it-0', eventName: 'CreateChannel' });
    await temp.store.commitPage([stored]);
    let reads = 0;
    function* made() {
      reads++;
      yield event({ eventId: 'it-0', eventName: 'CreateChannel' }); // stored already
      yield event({ eventId: 'it-1', eventName: 'DeleteChannel', errorCode: 'AccessDenied' });
      yield event({ eventId: 'it-2', eventName: 'TagResource' });
    }
    expect(await temp.store.commitPage(made())).toEqual({ inserted: 2 });
    expect(reads).toBe(1);
    expect(await ids(emptyFilter)).toHaveLength(3);
    // The rollups and facets the commit kept without holding its events.
    expect(await temp.store.countEvents(filter('error=any'))).toBe(1);
    const options = await temp.store.filterOptions();
    expect(options.ops).toEqual(expect.arrayContaining(['CreateChannel', 'DeleteChannel', 'TagResource']));
    expect(options.errorCodes).toEqual(['AccessDenied']);
  });

  it("keeps an imported file's records in blocks: written once, only with a new event, each record byte for byte", async () => {
    // Records as a trail file holds them; every 9th with characters outside ASCII.
    const records = Array.from({ length: 70 }, (_, i) =>
      JSON.stringify({ ...makeRecord({ eventId: `imp-${i}`, channelId: 'news-24', time: T0 - i * 1000 }), note: i % 9 ? 'x'.repeat(i) : 'café – 東京' }),
    );
    const file = (from: number, to: number) => parseLogFile(gzipSync(`{"Records":[${records.slice(from, to).join(',')}]}`), true, ['mediapackage.amazonaws.com']).events;
    const blocks = () => temp.store.sql.value<number>('SELECT count(*) FROM raw_blocks');
    expect(await temp.store.commitPage(file(0, 40))).toEqual({ inserted: 40 });
    expect(Number(await blocks())).toBe(2);
    // The same file again stores nothing, not even its blocks.
    expect(await temp.store.commitPage(file(0, 40))).toEqual({ inserted: 0 });
    expect(Number(await blocks())).toBe(2);
    // A file whose one block holds two stored records and 30 new ones: the block is written.
    expect(await temp.store.commitPage(file(38, 70))).toEqual({ inserted: 30 });
    expect(Number(await blocks())).toBe(3);
    const synced = normalizeRecord(JSON.stringify(makeRecord({ eventId: 'synced', channelId: 'news-24' })));
    await temp.store.commitPage([synced]);
    for (let i = 0; i < 70; i++) expect((await temp.store.getEvent(`imp-${i}`))?.cloudTrailEvent).toBe(records[i]);
    expect((await temp.store.getEvent('synced'))?.cloudTrailEvent).toBe(synced.raw);
    // A resource's history reads the records of its changes through their blocks too.
    const history = await temp.store.resourceHistory('news-24');
    expect(history.rows).toHaveLength(71);
    expect(history.rows.filter((r) => r.event.eventId.startsWith('imp-')).map((r) => r.raw)).toEqual([...records].reverse());
  });

  it('pages newest first and neither repeats nor skips rows that share a timestamp', async () => {
    await temp.store.commitPage(Array.from({ length: 120 }, () => event()));
    await temp.store.commitPage([event({ time: T0 + 1000 }), event({ time: T0 - 1000 })]);
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page = await temp.store.listEvents(emptyFilter, { limit: 50, after: cursor ? decodeCursor(cursor) : null });
      seen.push(...page.events.map((e) => e.eventTime + e.eventId));
      cursor = page.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toHaveLength(122);
    expect(new Set(seen).size).toBe(122);
    expect([...seen].sort().reverse()).toEqual(seen);
  });

  it('filters by operation, principal, region, read/write, error and free text', async () => {
    const a = event({ eventName: 'UpdateChannel', user: 'deploy-bot' });
    const b = event({ eventName: 'DeleteChannel', user: 'ops-alice', region: 'eu-west-1', errorCode: 'AccessDenied' });
    const c = event({ eventName: 'DescribeChannel', user: 'ops-alice', channelId: 'news-24' });
    await temp.store.commitPage([a, b, c]);
    const id = (e: typeof a) => e.summary.eventId;
    expect(await ids(filter('op=UpdateChannel&op=DeleteChannel'))).toEqual(expect.arrayContaining([id(a), id(b)]));
    expect(await ids(filter('op=UpdateChannel&op=DeleteChannel'))).toHaveLength(2);
    expect(await ids(filter('user=ops-alice'))).toHaveLength(2);
    expect(await ids(filter('region=eu-west-1'))).toEqual([id(b)]);
    expect(await ids(filter('readOnly=true'))).toEqual([id(c)]);
    expect(await ids(filter('error=any'))).toEqual([id(b)]);
    expect(await ids(filter('error=none'))).toHaveLength(2);
    expect(await ids(filter('error=AccessDenied'))).toEqual([id(b)]);
    expect(await ids(filter('q=NEWS-24'))).toEqual([id(c)]);
    expect(await ids(filter("q=' OR 1=1 --"))).toEqual([]);
  });

  it('finds free text the sentence tells (principal, source address) though search_text leaves it out', async () => {
    const e = event({ user: 'night-shift-7', sourceIp: '198.51.100.77' });
    await temp.store.commitPage([e, event({ user: 'ops-alice', sourceIp: '203.0.113.9' })]);
    expect(e.summary.description).toContain('night-shift-7');
    expect(e.summary.description).toContain('198.51.100.77');
    expect(e.searchText).not.toContain('night-shift-7');
    expect(e.searchText).not.toContain('198.51.100.77');
    expect(await ids(filter('q=NIGHT-SHIFT'))).toEqual([e.summary.eventId]);
    expect(await ids(filter('q=100.77'))).toEqual([e.summary.eventId]);
  });

  it('finds free text in the operation, principal, access key and source, which search_text leaves to their columns', async () => {
    const e = event({
      eventName: 'RotateIngestEndpointCredentials',
      sourceIp: 'cloudformation.amazonaws.com',
      // No ARN: the principal is told neither by the sentence nor by a text searched on its own.
      extra: {
        userIdentity: {
          type: 'AssumedRole',
          principalId: 'AROAEXAMPLE:Deploy-Session',
          accountId: '111122223333',
          accessKeyId: 'ASIAROTATEKEY0042',
          sessionContext: { sessionIssuer: { type: 'Role', principalId: 'AROAEXAMPLE', userName: 'PipelineRole' } },
        },
      },
    });
    await temp.store.commitPage([e, event({ user: 'ops-alice', sourceIp: '203.0.113.9' })]);
    for (const told of ['rotateingest', 'pipelinerole/deploy', 'ASIAROTATEKEY', 'cloudformation.amazonaws']) expect(e.searchText.toLowerCase()).not.toContain(told.toLowerCase());
    expect(await ids(filter('q=ROTATEINGEST'))).toEqual([e.summary.eventId]);
    expect(await ids(filter('q=pipelinerole%2Fdeploy-session'))).toEqual([e.summary.eventId]);
    expect(await ids(filter('q=asiarotatekey'))).toEqual([e.summary.eventId]);
    expect(await ids(filter('q=CloudFormation.amazonaws'))).toEqual([e.summary.eventId]);
  });

  it('finds free text in the user agent and the principal\'s ARN, case folded, with LIKE\'s wildcards taken literally', async () => {
    const boto = event({ extra: { userAgent: 'Boto3/1.34.0 md/Botocore#1.34.0 ua/2.0 os/linux#6.1 100%_done' } });
    const role = event({
      extra: {
        userAgent: 'aws-cli/2.15.0',
        userIdentity: { type: 'AssumedRole', principalId: 'AROAEXAMPLE:ops-bob', arn: 'arn:aws:sts::111122223333:assumed-role/MediaOpsAdmin/ops-bob', accountId: '111122223333' },
      },
    });
    await temp.store.commitPage([boto, role]);
    expect(boto.searchText).not.toContain('boto3');
    expect(role.searchText).not.toContain('assumed-role');
    expect(await ids(filter('q=BOTO3%2F1.34'))).toEqual([boto.summary.eventId]);
    expect(await ids(filter('q=assumed-role%2Fmediaopsadmin'))).toEqual([role.summary.eventId]);
    expect(await ids(filter('q=100%25_done'))).toEqual([boto.summary.eventId]);
    expect(await ids(filter('q=100%25x'))).toEqual([]);
    expect(await ids(filter('q=os%2Flinux_6'))).toEqual([]);
    expect(await ids(filter('q=%5C'))).toEqual([]);
  });

  it('filters source IPs by address, IPv4 and IPv6 CIDR, and literal source', async () => {
    const v4 = event({ sourceIp: '203.0.113.17' });
    const v4out = event({ sourceIp: '198.51.100.7' });
    const v6 = event({ sourceIp: '2001:db8::17' });
    const internal = event({ sourceIp: 'AWS Internal' });
    await temp.store.commitPage([v4, v4out, v6, internal]);
    const id = (e: typeof v4) => e.summary.eventId;
    expect(await ids(filter('ip=203.0.113.0/24'))).toEqual([id(v4)]);
    expect(await ids(filter('ip=203.0.113.17'))).toEqual([id(v4)]);
    expect(await ids(filter('ip=2001:db8::/32'))).toEqual([id(v6)]);
    expect(await ids(filter('ip=2001:0db8:0:0::17'))).toEqual([id(v6)]);
    expect(await ids(filter('ip=0.0.0.0/0'))).toHaveLength(2);
    expect(await ids(filter('ip=AWS Internal'))).toEqual([id(internal)]);
    expect(await ids(filter('ip=aws internal'))).toEqual([id(internal)]);
    expect(await temp.store.countEvents(filter('ip=AWS INTERNAL'))).toBe(1);
  });

  it('pages a wide CIDR (most of the traffic) through the time index with the same answer', async () => {
    const inside = Array.from({ length: 2100 }, (_, i) => event({ time: T0 - i * 1000, sourceIp: `203.0.113.${i % 250}` }));
    const outside = Array.from({ length: 300 }, (_, i) => event({ time: T0 - i * 7000 - 500, sourceIp: '198.51.100.7' }));
    await temp.store.commitPage([...inside, ...outside]);
    const page = await temp.store.listEvents(filter('ip=203.0.113.0/24'), { limit: 50, after: null });
    expect(page.events).toHaveLength(50);
    expect(page.events.every((e) => e.sourceIp.startsWith('203.0.113.'))).toBe(true);
    expect(page.events.map((e) => e.eventId)).toEqual(inside.slice(0, 50).map((e) => e.summary.eventId));
  });

  it('finds a v1 channel by the id the user chose, even in events that only carry its internal ARN', async () => {
    const arn = 'arn:aws:mediapackage:us-west-2:111122223333:channels/0123456789abcdef0123456789abcdef';
    const tag = event({ eventName: 'TagResource', time: T0 - 60_000, extra: { requestParameters: { 'resource-arn': arn, tags: { team: 'live' } }, responseElements: null } });
    const update = event({ eventName: 'UpdateChannel', extra: { requestParameters: { id: 'sports-hd' }, responseElements: { id: 'sports-hd', arn } } });
    await temp.store.commitPage([tag]);
    await temp.store.commitPage([update]);
    expect(await ids(filter('resource=sports-hd'))).toHaveLength(2);
    expect(await ids(filter(`resource=${encodeURIComponent(arn)}`))).toHaveLength(2);
    expect((await temp.store.getEvent(tag.summary.eventId))?.event.resources).toEqual([{ type: 'AWS::MediaPackage::Channel', id: 'sports-hd', arn }]);
  });

  it("tells a tag call on a v1 channel by the id its user chose, whether the tie came before or after it", async () => {
    const arn = 'arn:aws:mediapackage:us-west-2:111122223333:channels/0123456789abcdef0123456789abcdef';
    const tag = (time: number) => event({ eventName: 'TagResource', time, extra: { requestParameters: { 'resource-arn': arn, tags: { team: 'live' } }, responseElements: null } });
    const before = tag(T0 - 60_000);
    expect(before.summary.description).toContain('0123456789abcdef0123456789abcdef');
    await temp.store.commitPage([before]);
    await temp.store.commitPage([event({ eventName: 'UpdateChannel', extra: { requestParameters: { id: 'sports-hd' }, responseElements: { id: 'sports-hd', arn } } })]);
    const after = tag(T0 + 60_000);
    await temp.store.commitPage([after]);
    for (const e of [before, after]) {
      const stored = (await temp.store.getEvent(e.summary.eventId))!.event.description;
      expect(stored).toContain('channel sports-hd');
      expect(stored).not.toContain('0123456789abcdef');
    }
    const listed = (await temp.store.listEvents(filter('op=TagResource'), { limit: 10, after: null })).events.map((e) => e.description);
    expect(listed.every((d) => d.includes('channel sports-hd'))).toBe(true);
  });

  it('makes one resource of an ARN stored under its internal id and under its chosen id once they are tied', async () => {
    const arn = 'arn:aws:mediapackage:us-west-2:111122223333:channels/fedcba9876543210fedcba9876543210';
    const type = 'AWS::MediaPackage::Channel';
    // Stored before any tie: one event names the channel by the id its user chose, untaught (a
    // record can name both without saying they are one), another by the ARN's internal id.
    const named = event({ eventName: 'DescribeChannel', time: T0 - 120_000 });
    named.summary.resources = [{ type, id: 'sports-hd', arn }];
    named.aliases = [];
    const tag = event({ eventName: 'TagResource', time: T0 - 60_000, extra: { requestParameters: { 'resource-arn': arn, tags: { team: 'live' } }, responseElements: null } });
    await temp.store.commitPage([named, tag]);
    expect((await temp.store.getEvent(tag.summary.eventId))?.event.resources).toEqual([{ type, id: 'fedcba9876543210fedcba9876543210', arn }]);
    const update = event({ eventName: 'UpdateChannel', extra: { requestParameters: { id: 'sports-hd' }, responseElements: { id: 'sports-hd', arn } } });
    await temp.store.commitPage([update]);
    for (const e of [named, tag, update]) expect((await temp.store.getEvent(e.summary.eventId))?.event.resources).toEqual([{ type, id: 'sports-hd', arn }]);
    expect(await ids(filter('resource=sports-hd'))).toHaveLength(3);
    expect(await ids(filter('resource=fedcba9876543210fedcba9876543210'))).toHaveLength(0);
    const history = await temp.store.resourceHistory('sports-hd');
    expect(history.rows.map((r) => r.event.eventId)).toEqual([named, tag, update].map((e) => e.summary.eventId));
  });

  it('filters by time window, inclusive', async () => {
    const old = event({ time: T0 - 2 * 86_400_000 });
    const recent = event({ time: T0 });
    await temp.store.commitPage([old, recent]);
    expect(await ids(filter('from=2026-11-20T12:00:00Z'))).toEqual([recent.summary.eventId]);
    expect(await ids(filter('to=2026-11-20T11:59:59Z'))).toEqual([old.summary.eventId]);
    expect(await ids(filter('range=24h'))).toEqual([recent.summary.eventId]);
  });

  it('counts the matches and gives their first and last times at once, counted by the rollups or read from the events', async () => {
    await temp.store.commitPage([
      event({ time: T0 - 3 * 86_400_000, eventName: 'DescribeChannel', channelId: 'news-24' }),
      event({ time: T0 - 86_400_000 + 7_000, eventName: 'UpdateChannel', channelId: 'sports-hd' }),
      event({ time: T0 + 5_000, eventName: 'UpdateChannel', channelId: 'sports-hd', errorCode: 'AccessDenied' }),
      event({ time: T0 + 60_000, eventName: 'DescribeChannel', channelId: 'weather' }),
    ]);
    const at = (from: number, to: number) => ({ from: new Date(from), to: new Date(to) });
    // Counted by the rollups.
    expect(await temp.store.countAndSpan(emptyFilter)).toEqual({ total: 4, span: at(T0 - 3 * 86_400_000, T0 + 60_000) });
    expect(await temp.store.countAndSpan(filter('op=UpdateChannel'))).toEqual({ total: 2, span: at(T0 - 86_400_000 + 7_000, T0 + 5_000) });
    expect(await temp.store.countAndSpan(filter('op=DeleteChannel'))).toEqual({ total: 0, span: null });
    // Read from the events: free text, an error code.
    expect(await temp.store.countAndSpan(filter('q=sports-hd'))).toEqual({ total: 2, span: at(T0 - 86_400_000 + 7_000, T0 + 5_000) });
    expect(await temp.store.countAndSpan(filter('q=weather'))).toEqual({ total: 1, span: at(T0 + 60_000, T0 + 60_000) });
    expect(await temp.store.countAndSpan(filter('error=AccessDenied'))).toEqual({ total: 1, span: at(T0 + 5_000, T0 + 5_000) });
    expect(await temp.store.countAndSpan(filter('q=no-such-channel'))).toEqual({ total: 0, span: null });
    for (const f of ['', 'op=UpdateChannel', 'q=sports-hd', 'q=no-such-channel', 'range=24h&q=channel']) {
      expect(await temp.store.countAndSpan(filter(f))).toEqual({ total: await temp.store.countEvents(filter(f)), span: await temp.store.timeSpan(filter(f)) });
    }
  });

  it('counts the timeline per bucket and operation, with empty buckets filled and failures counted', async () => {
    await temp.store.commitPage([
      event({ time: T0, eventName: 'UpdateChannel' }),
      event({ time: T0 + 10_000, eventName: 'UpdateChannel' }),
      event({ time: T0 + 20_000, eventName: 'DeleteChannel', errorCode: 'AccessDenied' }),
      event({ time: T0 + 3 * 60_000, eventName: 'DescribeChannel' }),
    ]);
    const series = await temp.store.timeline(emptyFilter, 60_000, { from: new Date(T0), to: new Date(T0 + 3 * 60_000) });
    expect(series).toEqual([
      { t: '2026-11-20T12:00:00.000Z', counts: { UpdateChannel: 2, DeleteChannel: 1 }, errors: 1 },
      { t: '2026-11-20T12:01:00.000Z', counts: {}, errors: 0 },
      { t: '2026-11-20T12:02:00.000Z', counts: {}, errors: 0 },
      { t: '2026-11-20T12:03:00.000Z', counts: { DescribeChannel: 1 }, errors: 0 },
    ]);
    // A page holding every match draws the same timeline from its rows (load-events-view.ts).
    for (const [f, bucketMs] of [[emptyFilter, 60_000], [filter('op=UpdateChannel&op=DeleteChannel'), 60_000], [filter('error=any'), 3_600_000]] as const) {
      const window = { from: new Date(T0 - 60_000), to: new Date(T0 + 4 * 60_000) };
      const { events } = await temp.store.listEvents(f, { limit: 50, after: null });
      expect(timelineOfEvents(events, bucketMs, window)).toEqual(await temp.store.timeline(f, bucketMs, window));
    }
  });

  it('summarises activity per principal', async () => {
    await temp.store.commitPage([
      event({ time: T0, user: 'deploy-bot', eventName: 'UpdateChannel', sourceIp: '203.0.113.5' }),
      event({ time: T0 + 1000, user: 'deploy-bot', eventName: 'DescribeChannel', sourceIp: '198.51.100.7' }),
      event({ time: T0 + 2000, user: 'deploy-bot', eventName: 'DeleteChannel', errorCode: 'AccessDenied', sourceIp: '198.51.100.7' }),
      event({ time: T0, user: 'ops-alice' }),
    ]);
    const [bot, alice] = await temp.store.userActivity(emptyFilter);
    expect(bot).toMatchObject({
      principal: 'deploy-bot',
      type: 'IAMUser',
      events: 3,
      changes: 2,
      errors: 1,
      firstSeen: new Date(T0).toISOString(),
      lastSeen: new Date(T0 + 2000).toISOString(),
      ops: { UpdateChannel: 1, DescribeChannel: 1, DeleteChannel: 1 },
    });
    expect(bot.ips).toEqual([
      { ip: '198.51.100.7', events: 2, lastSeen: new Date(T0 + 2000).toISOString() },
      { ip: '203.0.113.5', events: 1, lastSeen: new Date(T0).toISOString() },
    ]);
    expect(alice.principal).toBe('ops-alice');
    expect([bot.ipCount, alice.ipCount]).toEqual([2, 1]);
  });

  it("lists a principal's newest sources only, and counts them all", async () => {
    // A fleet behind many addresses: the list stays short, the count stays exact.
    const many = Array.from({ length: USER_IPS + 15 }, (_, i) => event({ time: T0 + i * 1000, sourceIp: `10.0.${i}.1` }));
    await temp.store.commitPage(many);
    const [bot] = await temp.store.userActivity(emptyFilter);
    expect(bot.ipCount).toBe(USER_IPS + 15);
    expect(bot.ips).toHaveLength(USER_IPS);
    expect(bot.ips[0]).toEqual({ ip: `10.0.${USER_IPS + 14}.1`, events: 1, lastSeen: new Date(T0 + (USER_IPS + 14) * 1000).toISOString() });
    expect(bot.ips.at(-1)!.ip).toBe('10.0.15.1');
    // A later page from a source seen before and from a new one: each source counts once.
    await temp.store.commitPage([event({ time: T0 + 100_000, sourceIp: '10.0.0.1' }), event({ time: T0 + 101_000, sourceIp: '10.0.99.1' })]);
    const [again] = await temp.store.userActivity(emptyFilter);
    expect(again.ipCount).toBe(USER_IPS + 16);
    expect(again.ips.slice(0, 2).map((s) => s.ip)).toEqual(['10.0.99.1', '10.0.0.1']);
  });

  it('gives a region lock to one owner at a time, and frees the lock of a process that died holding it', async () => {
    const host = os.hostname();
    const alive = `${host}:${process.pid}:a`;
    expect(await temp.store.acquireLock('sync:us-west-2', alive, 60_000)).toBe(true);
    expect(await temp.store.acquireLock('sync:us-west-2', `${host}:${process.pid}:b`, 60_000)).toBe(false);
    expect(await temp.store.lockHolder('sync:us-west-2')).toBe(alive);
    await temp.store.releaseLock('sync:us-west-2', alive);
    expect(await temp.store.lockHolder('sync:us-west-2')).toBeNull();

    const dead = `${host}:2147483646:c`; // no such pid
    expect(await temp.store.acquireLock('sync:eu-west-1', dead, 60_000)).toBe(true);
    expect(await temp.store.acquireLock('sync:eu-west-1', alive, 60_000)).toBe(true);
    const elsewhere = 'other-host:1:d'; // cannot be checked from here, so its lease is honoured
    expect(await temp.store.acquireLock('sync:ap-south-1', elsewhere, 60_000)).toBe(true);
    expect(await temp.store.acquireLock('sync:ap-south-1', alive, 60_000)).toBe(false);
  });

  it('stores nothing more, and gives up the sync, once a newer version migrates the store under it; reads go on', async () => {
    const owner = `${os.hostname()}:${process.pid}:old`;
    await temp.store.commitPage([event({ eventId: 'before-upgrade' })]);
    expect(await temp.store.campaign('sync', owner, 60_000)).toBe(true);
    await migrateAsNewerVersion(backend, temp.store);

    const state = { account: 'default', region: 'us-west-2', eventSource: 'mediapackage.amazonaws.com', accountId: null, coveredFrom: null, watermark: '2026-11-20T12:00:00.000Z', job: null, lastRun: null, lastError: null, throttles: 0 };
    const refused = /a newer Packtrail migrated the schema to version \d+ while this one \(version \d+\) ran; this process stores no more events/;
    await expect(temp.store.commitPage([event({ eventId: 'after-upgrade', time: T0 + 1000 })], state)).rejects.toThrow(refused);
    // Nothing of the refused page: not the event, not the rollups it would have added to, not the checkpoint.
    expect(await ids(emptyFilter)).toEqual(['before-upgrade']);
    expect((await temp.store.userActivity(emptyFilter)).map((u) => u.events)).toEqual([1]);
    expect(await temp.store.getSyncState('default', 'us-west-2', 'mediapackage.amazonaws.com')).toBeNull();

    await expect(temp.store.campaign('sync', owner, 60_000)).rejects.toThrow(refused);
    expect(await temp.store.leaderOf('sync')).toBeNull();
  });

  it('hands over the events stored after a storage number, in storage order, matching the filter, without gaps between reads', async () => {
    await temp.store.commitPage([event({ eventName: 'UpdateChannel' }), event({ eventName: 'DescribeChannel' })]);
    const mark = await temp.store.lastStoredSeq();
    expect(mark).toBeGreaterThan(0);
    // Stored later but older in event time, as a late-arriving event is: it still counts as new.
    const late = [event({ eventName: 'UpdateChannel', time: T0 - 86_400_000 }), event({ eventName: 'DescribeChannel' }), event({ eventName: 'UpdateChannel' })];
    await temp.store.commitPage([late[0]]);
    await temp.store.commitPage([late[1], late[2]]);
    const all = await temp.store.eventsAfter(mark, emptyFilter, 100);
    expect(all.events.map((e) => e.eventId)).toEqual(late.map((e) => e.summary.eventId));
    expect(all.lastSeq).toBe(await temp.store.lastStoredSeq());
    const updates = filter('op=UpdateChannel');
    const seen: string[] = [];
    let at = mark;
    for (let i = 0; i < 5; i++) {
      const part = await temp.store.eventsAfter(at, updates, 1);
      seen.push(...part.events.map((e) => e.eventId));
      at = part.lastSeq;
    }
    expect(seen).toEqual([late[0].summary.eventId, late[2].summary.eventId]);
    expect(await temp.store.eventsAfter(at, updates, 1)).toEqual({ events: [], lastSeq: at });
  });
});
