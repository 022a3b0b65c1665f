import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { emptyFilter, type EventFilter } from '@/lib/filters/schema';
import { T0, event, filter } from '@/lib/testing/store-fixtures';
import { decodeCursor } from '../cursor';
import { addDescriptions } from './description-migration';
import { addRelatedKeys } from './related-keys-migration';
import { compressRawRecords } from './raw-compress-migration';
import { addResourceDictionary } from './resource-dictionary-migration';
import { addTextDictionary } from './text-dictionary-migration';
import { useTempStore } from '@/lib/testing/temp-store';
import { MIGRATIONS } from './schema';
import { SqliteStore } from './sqlite-store';

const temp = useTempStore();

async function ids(f: EventFilter): Promise<string[]> {
  return (await temp.store.listEvents(f, { limit: 500, after: null })).events.map((e) => e.eventId);
}

describe('the SQLite store', () => {
  it('is a WAL-mode file on disk', () => {
    expect(fs.existsSync(path.join(temp.dir, 'packtrail.db'))).toBe(true);
    expect(temp.store.db.pragma('journal_mode', { simple: true })).toBe('wal');
  });

  it('will not open a file a newer Packtrail migrated, and says so', async () => {
    await temp.store.commitPage([event({ eventId: 'kept' })]);
    const file = temp.store.db.name;
    await temp.store.close();
    const newer = new Database(file);
    newer.pragma(`user_version = ${MIGRATIONS.length + 3}`);
    newer.close();
    expect(() => new SqliteStore(file)).toThrow(`SQLite store ${file}: the schema is version ${MIGRATIONS.length + 3}, newer than this Packtrail's ${MIGRATIONS.length}; run the newer Packtrail`);
    const after = new Database(file, { readonly: true });
    expect(after.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length + 3);
    expect(after.prepare('SELECT event_id FROM events').pluck().all()).toEqual(['kept']);
    after.close();
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

  it("fills the all-time principal totals of a store made before them from its daily rollup, on upgrade", async () => {
    const file = path.join(temp.dir, 'before-totals.db');
    const before = new SqliteStore(file);
    const day = 86_400_000;
    await before.commitPage([
      event({ eventName: 'UpdateChannel', errorCode: 'AccessDenied', time: T0 - 3 * day }),
      event({ eventName: 'UpdateChannel', time: T0 - 2 * day }),
      event({ eventName: 'DescribeChannel', time: T0 - day }),
    ]);
    before.db.exec('DROP TABLE rollup_principal_op; DROP TABLE rollup_principal_ip; DROP TABLE rollup_principal_sources');
    before.db.pragma(`user_version = ${MIGRATIONS.findIndex((m) => typeof m === 'string' && m.includes('CREATE TABLE IF NOT EXISTS rollup_principal_op'))}`);
    await before.close();
    const store = new SqliteStore(file);
    try {
      expect(store.db.prepare('SELECT count(*) AS cells, sum(n) AS n FROM rollup_principal_op').get()).toEqual({ cells: 3, n: 3 });
      expect(store.db.prepare('SELECT count(*) AS cells, sum(n) AS n, max(last_time) AS last FROM rollup_principal_ip').get()).toEqual({ cells: 1, n: 3, last: T0 - day });
      expect(store.db.prepare('SELECT principal, sources FROM rollup_principal_sources').all()).toEqual([{ principal: 'deploy-bot', sources: 1 }]);
      const [user] = await store.userActivity({ ...emptyFilter, from: new Date(T0 - 2 * day - 1) });
      expect(user).toMatchObject({ events: 2, changes: 1, errors: 0, firstSeen: new Date(T0 - 2 * day).toISOString(), ops: { UpdateChannel: 1, DescribeChannel: 1 }, ipCount: 1 });
    } finally {
      await store.close();
    }
  });

  it('adds up the operations per day of a store made before them, and counts a source over a window that starts mid-history, on upgrade', async () => {
    const file = path.join(temp.dir, 'before-op-days.db');
    const before = new SqliteStore(file);
    const day = 86_400_000;
    await before.commitPage([
      event({ eventName: 'UpdateChannel', sourceIp: '203.0.113.9', errorCode: 'AccessDenied', time: T0 - 3 * day }),
      event({ eventName: 'UpdateChannel', sourceIp: '203.0.113.9', time: T0 - 2 * day }),
      event({ eventName: 'DescribeChannel', sourceIp: '203.0.113.9', time: T0 - day }),
      event({ eventName: 'DescribeChannel', sourceIp: '198.51.100.4', time: T0 - day + 1000 }),
    ]);
    before.db.exec(`DROP TABLE rollup_principal_op_day; DROP INDEX rollup_principal_day_cells;
      CREATE INDEX rollup_principal_day_cells ON rollup_principal_day (principal, account_id, event_name, source_ip, read_only, failed, day, n, first_time, last_time)`);
    before.db.pragma(`user_version = ${MIGRATIONS.findIndex((m) => typeof m === 'string' && m.includes('CREATE TABLE IF NOT EXISTS rollup_principal_op_day'))}`);
    await before.close();
    const store = new SqliteStore(file);
    try {
      expect(store.db.prepare('SELECT count(*) AS cells, sum(n) AS n FROM rollup_principal_op_day').get()).toEqual({ cells: 3, n: 4 });
      const cells = store.db.prepare("SELECT name FROM pragma_index_info('rollup_principal_day_cells') ORDER BY seqno").pluck().all();
      expect(cells.slice(0, 4)).toEqual(['principal', 'account_id', 'source_ip', 'event_name']);
      // From the middle of the history: the first day's calls from 203.0.113.9 are before the window.
      const [user] = await store.userActivity({ ...emptyFilter, from: new Date(T0 - 2 * day - 1) });
      expect(user).toMatchObject({ events: 3, changes: 1, errors: 0, ops: { DescribeChannel: 2, UpdateChannel: 1 }, ipCount: 2 });
      expect(user.ips).toEqual([
        { ip: '198.51.100.4', events: 1, lastSeen: new Date(T0 - day + 1000).toISOString() },
        { ip: '203.0.113.9', events: 2, lastSeen: new Date(T0 - day).toISOString() },
      ]);
    } finally {
      await store.close();
    }
  });

  it('lists the sources of a store made before source_addresses, so /users keeps its CIDR filters on upgrade', async () => {
    const file = path.join(temp.dir, 'before-addresses.db');
    const before = new SqliteStore(file);
    const day = 86_400_000;
    await before.commitPage([
      event({ sourceIp: '203.0.113.9', time: T0 - 3 * day }),
      event({ sourceIp: '2001:db8::7', time: T0 - 2 * day }),
      event({ sourceIp: 'AWS Internal', time: T0 - 2 * day }),
    ]);
    before.db.exec('DROP TRIGGER rollup_source_day_addresses; DROP TABLE source_addresses');
    before.db.pragma(`user_version = ${MIGRATIONS.findIndex((m) => typeof m === 'string' && m.includes('CREATE TABLE IF NOT EXISTS source_addresses'))}`);
    await before.close();
    const store = new SqliteStore(file);
    try {
      expect(store.db.prepare('SELECT source_ip, ip_key IS NULL AS literal FROM source_addresses ORDER BY source_ip').all()).toEqual([
        { source_ip: '2001:db8::7', literal: 0 },
        { source_ip: '203.0.113.9', literal: 0 },
        { source_ip: 'AWS Internal', literal: 1 },
      ]);
      // Whole days, so the answer comes from the daily rollup alone.
      const window = { ...emptyFilter, from: new Date(T0 - 10 * day), to: new Date(T0 + day - 1) };
      const [user] = await store.userActivity({ ...window, notIps: filter('notIp=0.0.0.0/0').notIps });
      expect(user).toMatchObject({ events: 2, ipCount: 2 });
      expect(user.ips.map((i) => i.ip).sort()).toEqual(['2001:db8::7', 'AWS Internal']);
      // A Packtrail of the version before, on the same file, writes the daily source rollup and not source_addresses.
      store.db
        .prepare(`INSERT INTO rollup_source_day (day, event_name, event_source, region, account_id, read_only, failed, source_ip, ip_key, n)
          VALUES (?, 'DescribeChannel', 'mediapackage.amazonaws.com', 'us-west-2', '111122223333', 1, 0, '198.51.100.4', '00000000000000000000ffffc6336404', 1)`)
        .run(T0 - day);
      expect(store.db.prepare('SELECT ip_key FROM source_addresses WHERE source_ip = ?').pluck().get('198.51.100.4')).toBe('00000000000000000000ffffc6336404');
    } finally {
      await store.close();
    }
  });

  it("fills the hourly principal rollup and the error rollup of a store made before them from its events, on upgrade", async () => {
    const file = path.join(temp.dir, 'before-error-rollup.db');
    const before = new SqliteStore(file);
    const day = 86_400_000;
    await before.commitPage([
      event({ eventName: 'UpdateChannel', errorCode: 'AccessDenied', time: T0 - 3 * day }),
      event({ eventName: 'UpdateChannel', errorCode: 'AccessDenied', time: T0 - 2 * day }),
      event({ eventName: 'DeleteChannel', errorCode: 'ConflictException', time: T0 - 2 * day }),
      event({ eventName: 'DescribeChannel', time: T0 - 2 * day }),
    ]);
    // As the version before it left the file: neither rollup.
    before.db.exec('DROP TABLE rollup_principal_error_day; DROP TABLE rollup_principal_hour');
    before.db.pragma(`user_version = ${MIGRATIONS.findIndex((m) => typeof m === 'string' && m.includes('rollup_principal_error_day'))}`);
    await before.close();
    const store = new SqliteStore(file);
    try {
      expect((store.db.prepare('SELECT sum(n) AS n FROM rollup_principal_error_day').get() as { n: number }).n).toBe(3);
      expect(store.db.prepare('SELECT count(*) AS cells, sum(n) AS n FROM rollup_principal_hour').get()).toEqual({ cells: 4, n: 4 });
      // Whole days in the window, so the answer comes from the rollup alone.
      const window = { ...emptyFilter, from: new Date(T0 - 10 * day), to: new Date(T0 + day - 1) };
      expect(await store.userErrorCodes(window)).toEqual({ '111122223333': { 'deploy-bot': { AccessDenied: 2, ConflictException: 1 } } });
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

  it('moves the resources of a store made before into one row per resource, each event keeping its own', async () => {
    const file = path.join(temp.dir, 'before-resource-dictionary.db');
    const before = new SqliteStore(file);
    const events = Array.from({ length: 40 }, (_, i) => event({ time: T0 - i * 1000, channelId: `ch-${i % 4}`, eventName: i % 3 ? 'DescribeChannel' : 'UpdateChannel' }));
    const bare = event({ time: T0 - 99_000 });
    bare.summary.resources = [{ type: 'AWS::MediaPackage::Channel', id: 'ch-1', arn: null }, { type: 'AWS::MediaPackage::Channel', id: 'no-arn', arn: null }];
    await before.commitPage([...events, bare]);
    const resourcesOf = async (store: SqliteStore) => Promise.all([...events, bare].map(async (e) => (await store.getEvent(e.summary.eventId))!.event.resources));
    const expected = await resourcesOf(before);
    const history = await before.resourceHistory('ch-1');
    expect(expected.at(-1)).toEqual(bare.summary.resources);
    // The layout before: a row per reference, type, id and ARN in each.
    before.db.exec(`
      CREATE TABLE event_resources (event_seq INTEGER NOT NULL REFERENCES events (seq), type TEXT NOT NULL, id TEXT NOT NULL, arn TEXT,
        PRIMARY KEY (event_seq, type, id)) WITHOUT ROWID;
      INSERT INTO event_resources SELECT f.event_seq, r.type, r.id, nullif(r.arn, '') FROM event_resource_refs f JOIN resources r ON r.rid = f.rid;
      DROP TABLE event_resource_refs; DROP TABLE resources;`);
    before.db.pragma(`user_version = ${MIGRATIONS.indexOf(addResourceDictionary)}`);
    await before.close();
    const store = new SqliteStore(file);
    try {
      expect(await resourcesOf(store)).toEqual(expected);
      expect(await store.resourceHistory('ch-1')).toEqual(history);
      expect(await store.listEvents(filter('resource=no-arn'), { limit: 10, after: null })).toMatchObject({ events: [{ eventId: bare.summary.eventId }] });
      const distinct = new Set(expected.flat().map((r) => `${r.type} ${r.id} ${r.arn}`)).size;
      expect(store.db.prepare('SELECT count(*) FROM resources').pluck().get()).toBe(distinct);
      expect(store.db.prepare("SELECT count(*) FROM sqlite_schema WHERE name = 'event_resources'").pluck().get()).toBe(0);
    } finally {
      await store.close();
    }
  });

  it('stores each user agent and principal ARN of a store made before once, every event keeping its own', async () => {
    const file = path.join(temp.dir, 'before-text-dictionary.db');
    const before = new SqliteStore(file);
    const events = Array.from({ length: 30 }, (_, i) =>
      event({ time: T0 - i * 1000, user: `user-${i % 3}`, extra: { userAgent: `Boto3/1.${i % 4}.0 os/linux` } }),
    );
    const service = event({ time: T0 - 99_000, extra: { userIdentity: { type: 'AWSService', invokedBy: 'cloudformation.amazonaws.com' }, userAgent: 'cloudformation.amazonaws.com' } });
    await before.commitPage([...events, service]);
    const summaries = (store: SqliteStore) => Promise.all([...events, service].map(async (e) => (await store.getEvent(e.summary.eventId))!.event));
    const expected = await summaries(before);
    expect(expected.at(-1)!.principalArn).toBeNull();
    // The layout before: the texts in every row.
    before.db.exec(`
      ALTER TABLE events ADD COLUMN user_agent TEXT NOT NULL DEFAULT '';
      ALTER TABLE events ADD COLUMN principal_arn TEXT;
      UPDATE events SET user_agent = (SELECT text FROM texts WHERE tid = user_agent_tid), principal_arn = (SELECT text FROM texts WHERE tid = principal_arn_tid);
      ALTER TABLE events DROP COLUMN user_agent_tid;
      ALTER TABLE events DROP COLUMN principal_arn_tid;
      DROP TABLE texts;`);
    before.db.pragma(`user_version = ${MIGRATIONS.indexOf(addTextDictionary)}`);
    await before.close();
    const store = new SqliteStore(file);
    try {
      expect(await summaries(store)).toEqual(expected);
      expect(store.db.prepare('SELECT count(*) FROM texts').pluck().get()).toBe(4 + 3 + 1);
      expect((await store.listEvents(filter('q=BOTO3%2F1.2'), { limit: 50, after: null })).events).toHaveLength(7);
      expect((await store.userDetail('user-1', emptyFilter))!.userAgents.map((a) => a.value).sort()).toEqual(['Boto3/1.0.0 os/linux', 'Boto3/1.1.0 os/linux', 'Boto3/1.2.0 os/linux', 'Boto3/1.3.0 os/linux']);
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

});
