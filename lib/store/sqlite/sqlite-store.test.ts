import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { normalizeRecord } from '@/lib/events/normalize';
import { parseQuery } from '@/lib/filters/parse-query';
import { emptyFilter, type EventFilter } from '@/lib/filters/schema';
import { makeRecord, type RecordSpec } from '@/lib/testing/records';
import { decodeCursor } from '../cursor';
import { addDescriptions } from './description-migration';
import { addRelatedKeys } from './related-keys-migration';
import { compressRawRecords } from './raw-compress-migration';
import { useTempStore } from '@/lib/testing/temp-store';
import { MIGRATIONS } from './schema';
import { SqliteStore } from './sqlite-store';

const temp = useTempStore();

const T0 = Date.parse('2026-11-20T12:00:00Z');
function event(spec: RecordSpec & { extra?: Record<string, unknown> } = {}) {
  const record = { ...makeRecord({ time: T0, ...spec }), ...spec.extra };
  return normalizeRecord(JSON.stringify(record));
}
function filter(qs: string): EventFilter {
  const r = parseQuery(new URLSearchParams(qs), {}, new Date(T0 + 3_600_000));
  if (!r.ok) throw new Error(r.error);
  return r.value.filter;
}
async function ids(f: EventFilter): Promise<string[]> {
  return (await temp.store.listEvents(f, { limit: 500, after: null })).events.map((e) => e.eventId);
}

describe('the SQLite store', () => {
  it('is a WAL-mode file on disk', () => {
    expect(fs.existsSync(path.join(temp.dir, 'packtrail.db'))).toBe(true);
    expect(temp.store.db.pragma('journal_mode', { simple: true })).toBe('wal');
  });

  it('moves the raw records of a store made before they had their own table, byte-for-byte', async () => {
    const file = path.join(temp.dir, 'old.db');
    const old = new Database(file);
    for (const sql of MIGRATIONS.slice(0, 4)) old.exec(sql as string);
    old.pragma('user_version = 4');
    const raw = '{"eventID":"old-1", "eventTime":"2026-11-20T12:00:00Z","eventName":"UpdateChannel" }';
    old.prepare(`INSERT INTO events (event_id, event_time, event_source, event_name, region, account_id, read_only, source_ip,
      user_agent, principal, principal_type, search_text, raw) VALUES ('old-1', ?, 'mediapackage.amazonaws.com', 'UpdateChannel',
      'us-west-2', '1', 0, '', '', 'p', 'IAMUser', '', ?)`).run(T0, raw);
    old.close();
    const store = new SqliteStore(file);
    try {
      expect((await store.getEvent('old-1'))?.cloudTrailEvent).toBe(raw);
      expect(store.db.prepare("SELECT count(*) FROM pragma_table_info('events') WHERE name = 'raw'").pluck().get()).toBe(0);
    } finally {
      await store.close();
    }
  });

  it('fills the source rollups of a store made before them from its events', async () => {
    const file = path.join(temp.dir, 'before-sources.db');
    const before = new SqliteStore(file);
    await before.commitPage([
      event({ sourceIp: '203.0.113.7', time: T0 - 3 * 86_400_000 }),
      event({ sourceIp: '203.0.113.7', time: T0 - 2 * 86_400_000 }),
      event({ sourceIp: '2001:db8::7', time: T0 - 2 * 86_400_000 }),
      event({ sourceIp: 'AWS Internal', time: T0 - 86_400_000 }),
    ]);
    before.db.exec('DROP TABLE rollup_source_hour; DROP TABLE rollup_source_day; ALTER TABLE events DROP COLUMN description');
    before.db.pragma(`user_version = ${MIGRATIONS.findIndex((m) => typeof m === 'string' && m.includes('CREATE TABLE rollup_source_hour'))}`);
    await before.close();
    const store = new SqliteStore(file);
    try {
      const window = { from: new Date(T0 - 4 * 86_400_000), to: new Date(T0) };
      expect(await store.countEvents(filter('notIp=203.0.113.0/24'))).toBe(2);
      expect(await store.countEvents(filter('ip=AWS%20Internal&ip=2001:db8::/32'))).toBe(2);
      const days = await store.timeline(filter('notIp=AWS%20Internal'), 86_400_000, window);
      expect(days.map((d) => Object.values(d.counts).reduce((a, b) => a + b, 0))).toEqual([0, 1, 2, 0, 0]);
    } finally {
      await store.close();
    }
  });

  it('tells the events of a store made before sentences, and q finds their words', async () => {
    const file = path.join(temp.dir, 'before-sentences.db');
    const before = new SqliteStore(file);
    await before.commitPage([event({ eventName: 'UpdateChannel' }), event({ eventName: 'DescribeChannel', time: T0 - 1000 })]);
    before.db.exec('UPDATE events SET search_text = lower(event_name); ALTER TABLE events DROP COLUMN description');
    // As a store of the version before sentences: that migration and every later one still to run.
    before.db.pragma(`user_version = ${MIGRATIONS.indexOf(addDescriptions)}`);
    await before.close();
    const store = new SqliteStore(file);
    try {
      const all = (await store.listEvents(filter(''), { limit: 10, after: null })).events;
      expect(all.map((e) => e.description)).toEqual([
        'deploy-bot updated channel sports-hd in us-west-2 from 203.0.113.17 using the AWS CLI.',
        'deploy-bot looked at channel sports-hd in us-west-2 from 203.0.113.17 using the AWS CLI.',
      ]);
      expect(await store.countEvents(filter('q=using%20the%20AWS%20CLI'))).toBe(2);
    } finally {
      await store.close();
    }
  });

  it('keeps the sync state of a store made before accounts, as the default account\'s, and one per account after', async () => {
    const file = path.join(temp.dir, 'before-accounts.db');
    const before = new SqliteStore(file);
    const saved = { region: 'us-west-2', eventSource: 'mediapackage.amazonaws.com', accountId: '123456789012', coveredFrom: '2026-09-01T00:00:00.000Z', watermark: '2026-11-30T00:00:00.000Z', job: null, lastRun: null, lastError: null, throttles: 3 };
    // The table as it was before several accounts, holding one stream's state.
    before.db.exec(`DROP TABLE sync_state; CREATE TABLE sync_state (region TEXT NOT NULL, event_source TEXT NOT NULL, state TEXT NOT NULL, PRIMARY KEY (region, event_source))`);
    before.db.prepare('INSERT INTO sync_state VALUES (?, ?, ?)').run(saved.region, saved.eventSource, JSON.stringify(saved));
    before.db.pragma(`user_version = ${MIGRATIONS.findIndex((m) => typeof m === 'string' && m.includes('sync_state_accounts'))}`);
    await before.close();
    const store = new SqliteStore(file);
    try {
      expect(await store.getSyncState('default', 'us-west-2', 'mediapackage.amazonaws.com')).toEqual({ ...saved, account: 'default' });
      // Another account's stream in the same region and source is a state of its own.
      const prod = { ...saved, account: 'media-prod', accountId: '111122223333', throttles: 0 };
      await store.saveSyncState(prod);
      expect(await store.getSyncState('media-prod', 'us-west-2', 'mediapackage.amazonaws.com')).toEqual(prod);
      expect((await store.getSyncState('default', 'us-west-2', 'mediapackage.amazonaws.com'))?.throttles).toBe(3);
      expect((await store.getSyncStates()).map((s) => s.account)).toEqual(['default', 'media-prod']);
    } finally {
      await store.close();
    }
  });

  it('stores records compressed, and reads those stored as text by an earlier version exactly', async () => {
    const store = temp.store;
    const older = event({ eventName: 'UpdateChannel' });
    const newer = event({ eventName: 'DeleteChannel', time: T0 - 1000 });
    await store.commitPage([older, newer]);
    const types = store.db.prepare('SELECT typeof(raw) AS t, length(raw) AS n FROM event_raw ORDER BY seq').all() as { t: string; n: number }[];
    expect(types.map((r) => r.t)).toEqual(['blob', 'blob']);
    expect(types[0].n).toBeLessThan((older.raw as string).length / 3);
    // As a store written before compression holds it: the record as text.
    store.db.prepare('UPDATE event_raw SET raw = ? WHERE seq = (SELECT seq FROM events WHERE event_id = ?)').run(older.raw, older.summary.eventId);
    expect((await store.getEvent(older.summary.eventId))?.cloudTrailEvent).toBe(older.raw);
    expect((await store.getEvent(newer.summary.eventId))?.cloudTrailEvent).toBe(newer.raw);
  });

  it('compresses the records a store wrote as text before, each restored exactly, and gives the space back', async () => {
    const file = path.join(temp.dir, 'before-compression.db');
    const before = new SqliteStore(file);
    const events = Array.from({ length: 300 }, (_, i) =>
      event({
        eventName: i % 3 ? 'UpdateChannel' : 'DescribeChannel',
        time: T0 - i * 1000,
        extra: {
          requestParameters: { id: `ch-${i}`, description: i % 7 ? `Café <b>${i}</b> 🎬 \u0000 ${'x'.repeat(i * 10)}` : 'p'.repeat(200_000) },
        },
      }),
    );
    await before.commitPage(events);
    // As the version before compression wrote them: every record as text but the last few, stored
    // by the version that compressed new records and left the old ones as they were.
    const asText = before.db.prepare('UPDATE event_raw SET raw = ? WHERE seq = (SELECT seq FROM events WHERE event_id = ?)');
    for (const e of events.slice(0, 280)) asText.run(e.raw, e.summary.eventId);
    before.db.pragma(`user_version = ${MIGRATIONS.indexOf(compressRawRecords)}`);
    await before.close();
    const textBytes = fs.statSync(file).size;
    const store = new SqliteStore(file);
    try {
      const kinds = store.db.prepare('SELECT typeof(raw) AS t, count(*) AS n FROM event_raw GROUP BY 1').all();
      expect(kinds).toEqual([{ t: 'blob', n: 300 }]);
      for (const e of events) expect((await store.getEvent(e.summary.eventId))?.cloudTrailEvent).toBe(e.raw);
      expect(store.db.pragma('freelist_count', { simple: true })).toBe(0);
      expect(fs.statSync(file).size).toBeLessThan(textBytes / 2);
      expect(store.db.prepare('SELECT count(*) FROM events e JOIN event_raw x ON x.seq = e.seq').pluck().get()).toBe(300);
    } finally {
      await store.close();
    }
  });

  it('notes the request and session of a store\'s events made before, so related events find them', async () => {
    const file = path.join(temp.dir, 'before-related-keys.db');
    const before = new SqliteStore(file);
    const a = event({ eventName: 'UpdateChannel', extra: { requestID: 'req-shared-1' } });
    const b = event({ eventName: 'TagResource', time: T0 - 2000, extra: { requestID: 'req-shared-1' } });
    await before.commitPage([a, b]);
    before.db.exec('UPDATE events SET request_id = NULL, session_created = NULL');
    before.db.pragma(`user_version = ${MIGRATIONS.indexOf(addRelatedKeys)}`);
    await before.close();
    const store = new SqliteStore(file);
    try {
      const related = await store.relatedEvents(a.summary.eventId, a.summary.resources);
      expect(related?.sameRequest).toMatchObject({ requestId: 'req-shared-1', total: 1 });
      expect(related?.sameRequest.events[0].eventId).toBe(b.summary.eventId);
    } finally {
      await store.close();
    }
  });

  it('stores each EventId once and keeps the record byte-for-byte', async () => {
    const raw = '{ "eventID": "0b7c4a57-1111-4a4a-9a9a-000000000001",\t"eventName": "UpdateChannel", "eventTime": "2026-11-20T12:00:00Z", "eventSource": "mediapackage.amazonaws.com", "awsRegion": "us-west-2", "requestParameters": {"description": "Café <img src=x onerror=alert(1)>"} }';
    const e = normalizeRecord(raw);
    expect(await temp.store.commitPage([e, e])).toEqual({ inserted: 1 });
    expect(await temp.store.commitPage([e])).toEqual({ inserted: 0 });
    expect((await temp.store.getEvent('0b7c4a57-1111-4a4a-9a9a-000000000001'))?.cloudTrailEvent).toBe(raw);
    expect(await temp.store.getEvent('missing')).toBeNull();
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

  it('gives a store from before the literal-source index the same answers once migrated', async () => {
    const file = path.join(temp.dir, 'v5.db');
    const old = new Database(file);
    for (const sql of MIGRATIONS.slice(0, 5)) old.exec(sql as string);
    old.pragma('user_version = 5');
    old.close();
    const store = new SqliteStore(file);
    try {
      await store.commitPage([event({ sourceIp: 'cloudformation.amazonaws.com' }), event({ sourceIp: '203.0.113.9' })]);
      expect((await store.listEvents(filter('ip=CloudFormation.amazonaws.com'), { limit: 10, after: null })).events.map((e) => e.sourceIp)).toEqual(['cloudformation.amazonaws.com']);
      const indexes = store.db.prepare("SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'events'").pluck().all();
      expect(indexes).toContain('events_source_literal');
      expect(indexes).not.toContain('events_source_ip');
    } finally {
      await store.close();
    }
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

  it('filters by time window, inclusive', async () => {
    const old = event({ time: T0 - 2 * 86_400_000 });
    const recent = event({ time: T0 });
    await temp.store.commitPage([old, recent]);
    expect(await ids(filter('from=2026-11-20T12:00:00Z'))).toEqual([recent.summary.eventId]);
    expect(await ids(filter('to=2026-11-20T11:59:59Z'))).toEqual([old.summary.eventId]);
    expect(await ids(filter('range=24h'))).toEqual([recent.summary.eventId]);
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
});
