import pg from 'pg';
import { gzipSync } from 'node:zlib';
import { parseLogFile } from '@/lib/import/parse-log-file';
import { afterEach, describe, expect, it } from 'vitest';
import { normalizeRecord } from '@/lib/events/normalize';
import { parseIpFilter, type IpMatch } from '@/lib/filters/ip';
import { emptyFilter } from '@/lib/filters/schema';
import { makeRecord, makeRecords } from '@/lib/testing/records';
import { TEST_PG_SERVER, TEST_PG_URL, freshDatabase, freshSchema } from '@/lib/testing/temp-postgres';
import type { NewEventsNote } from '../types';
import { COMMIT_LOCK, PostgresStore, RETELL } from './pg-store';
import { PG_MIGRATIONS } from './schema';

// What only the PostgreSQL store has to show: several processes on one database (modelled by
// several stores, each with its own pool and sessions), and the sentences it gives when it cannot
// open. The answers themselves are the contract suite's (lib/store/contract).

const opened: PostgresStore[] = [];
const drops: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const s of opened.splice(0)) await s.close().catch(() => {});
  for (const d of drops.splice(0)) await d();
});

async function twoStores(): Promise<[PostgresStore, PostgresStore]> {
  const { schema, drop } = await freshSchema();
  drops.push(drop);
  const a = new PostgresStore(TEST_PG_URL, { schema, poolSize: 3 });
  const b = new PostgresStore(TEST_PG_URL, { schema, poolSize: 3 });
  opened.push(a, b);
  await Promise.all([a.ready, b.ready]);
  return [a, b];
}

const events = (n: number, seed = 0) =>
  makeRecords(n, { spanMs: 3 * 86_400_000, newest: Date.now() - 60_000 - seed }).map((r) => normalizeRecord(JSON.stringify({ ...r, eventID: `${seed}-${r.eventID}` })));

function nextNote(store: PostgresStore): { note: Promise<NewEventsNote>; stop: () => void } {
  let stop = () => {};
  const note = new Promise<NewEventsNote>((resolve) => (stop = store.onNewEvents((n) => n.count > 0 && resolve(n))));
  return { note, stop };
}

describe('the PostgreSQL store shared by several processes', () => {
  it('tells another process of the events one stores, once they are committed, with the newest storage number', async () => {
    const [a, b] = await twoStores();
    const heard = nextNote(b);
    // The listener connects in the background; its first read of the newest number is its baseline.
    await new Promise((r) => setTimeout(r, 300));
    await a.commitPage(events(40));
    const note = await heard.note;
    heard.stop();
    expect(note.count).toBe(40);
    expect(note.lastSeq).toBe(await b.lastStoredSeq());
    expect(await b.countEvents(emptyFilter)).toBe(40);
  });

  it('migrates once when several start together, and stores each event once when they write the same pages at once', async () => {
    const [a, b] = await twoStores();
    const batch = events(300, 1);
    const [x, y] = await Promise.all([a.commitPage(batch), b.commitPage([...batch].reverse())]);
    expect(x.inserted + y.inserted).toBe(300);
    expect(await a.countEvents(emptyFilter)).toBe(300);
    const users = await b.userActivity(emptyFilter);
    expect(users.reduce((n, u) => n + u.events, 0)).toBe(300);
  });

  it('gives the sync role to one process at a time, and to another as soon as the holder\'s session ends', async () => {
    const [a, b] = await twoStores();
    expect(await a.campaign('sync', 'host-a:1:aa', 15_000)).toBe(true);
    expect(await b.campaign('sync', 'host-b:2:bb', 15_000)).toBe(false);
    expect(await a.campaign('sync', 'host-a:1:aa', 15_000)).toBe(true);
    expect(await b.leaderOf('sync')).toBe('host-a:1:aa');
    await a.close(); // as a killed process's sessions end
    opened.splice(opened.indexOf(a), 1);
    expect(await b.leaderOf('sync')).toBe(null);
    expect(await b.campaign('sync', 'host-b:2:bb', 15_000)).toBe(true);
    expect(await b.leaderOf('sync')).toBe('host-b:2:bb');
  });
});

describe('account-region leases on a shared PostgreSQL store', () => {
  it('are freed as soon as the holder\'s process is gone, on whatever host it ran', async () => {
    const [a, b] = await twoStores();
    expect(await a.acquireLock('sync:prod:us-west-2', 'replica-a.internal:4242:aa', 60_000)).toBe(true);
    expect(await b.acquireLock('sync:prod:us-west-2', 'replica-b.internal:77:bb', 60_000)).toBe(false);
    expect(await b.lockHolder('sync:prod:us-west-2')).toBe('replica-a.internal:4242:aa');
    await a.close(); // its sessions end, as a killed replica's do
    opened.splice(opened.indexOf(a), 1);
    expect(await b.lockHolder('sync:prod:us-west-2')).toBe(null);
    expect(await b.acquireLock('sync:prod:us-west-2', 'replica-b.internal:77:bb', 60_000)).toBe(true);
  });
});

describe('opening the PostgreSQL store', () => {
  const failure = async (url: string, options = {}) => {
    const store = new PostgresStore(url, options);
    const err = await store.ready.then(() => null, (e: Error) => e);
    await store.close().catch(() => {});
    return err?.message ?? '';
  };

  it('says the server is not answering, naming host and port and never the password', async () => {
    const message = await failure('postgres://packtrail:s3cret-pw@127.0.0.1:1/packtrail');
    expect(message).toMatch(/nothing answers at database "packtrail" on 127\.0\.0\.1:1 as user "packtrail"/);
    expect(message).not.toContain('s3cret-pw');
  });

  it('says the database does not exist', async () => {
    expect(await failure(`${TEST_PG_SERVER}/packtrail_no_such_db`)).toMatch(/database "packtrail_no_such_db" .* does not exist/);
  });

  it('says a user the server does not know is refused', async () => {
    expect(await failure('postgres://packtrail_no_such_role:pw@127.0.0.1:5432/packtrail_test')).toMatch(/PostgreSQL store: .*packtrail_no_such_role/);
  });

  it('migrates only once the commit in flight has ended, so what it stores is in the rollups a step fills', async () => {
    const { store: before, schema } = await storeInFreshSchema();
    await before.close();
    const writer = new pg.Client({ connectionString: TEST_PG_URL });
    await writer.connect();
    try {
      await writer.query(`SET search_path TO ${schema}; UPDATE packtrail_schema SET version = version - 1`);
      // A replica of the version before, in the middle of a commit: it holds the writers' lock.
      await writer.query('BEGIN');
      await writer.query(COMMIT_LOCK);
      const newer = new PostgresStore(TEST_PG_URL, { schema });
      opened.push(newer);
      const first = await Promise.race([newer.ready.then(() => 'migrated'), new Promise((resolve) => setTimeout(resolve, 700, 'waiting'))]);
      expect(first).toBe('waiting');
      await writer.query('COMMIT');
      await newer.ready;
      expect((await writer.query('SELECT version FROM packtrail_schema')).rows).toEqual([{ version: PG_MIGRATIONS.length }]);
    } finally {
      await writer.end();
    }
  });

  it('refuses a schema newer than the code, saying so', async () => {
    const { schema, drop } = await freshSchema();
    drops.push(drop);
    const first = new PostgresStore(TEST_PG_URL, { schema });
    await first.ready;
    await first.close();
    await asAdmin((admin) => admin.query(`UPDATE ${schema}.packtrail_schema SET version = 999`));
    expect(await failure(TEST_PG_URL, { schema })).toMatch(/schema is version 999, newer than this Packtrail's \d+/);
  });
});

/** Work on a session of its own, as another process (or the operator) would do it. */
async function asAdmin<T>(work: (admin: pg.Client) => Promise<T>): Promise<T> {
  const admin = new pg.Client({ connectionString: TEST_PG_URL });
  await admin.connect();
  try {
    return await work(admin);
  } finally {
    await admin.end();
  }
}

/** A store opened on the schema, as a replica starting would; closed after the file's tests. */
async function openedAgain(schema: string, poolSize?: number): Promise<PostgresStore> {
  const store = new PostgresStore(TEST_PG_URL, { schema, poolSize });
  opened.push(store);
  await store.ready;
  return store;
}

/** A store in a schema of its own, closed and dropped after the file's tests. */
async function storeInFreshSchema(poolSize?: number): Promise<{ store: PostgresStore; schema: string }> {
  const { schema, drop } = await freshSchema();
  drops.push(drop);
  return { store: await openedAgain(schema, poolSize), schema };
}

/**
 * A store `fill` wrote to, taken back to an older layout (`olderLayout`, SQL, and the schema
 * version it had) and opened again: the newer migrations' work. Hands back what `fill` read before.
 */
async function reopenedFromOlderLayout<T>(fill: (store: PostgresStore) => Promise<T>, olderLayout: string, version: number): Promise<{ store: PostgresStore; before: T }> {
  const { store: older, schema } = await storeInFreshSchema();
  const before = await fill(older);
  await older.close();
  await asAdmin((admin) => admin.query(`SET search_path TO ${schema}; ${olderLayout} UPDATE packtrail_schema SET version = ${version};`));
  return { store: await openedAgain(schema), before };
}

// The layout before user agents and principals' ARNs were stored once (schema.ts), rebuilt from a current store.
// Each older layout is the one before a migration: its version is that migration's place in the list.
const versionBefore = (created: string) => PG_MIGRATIONS.findIndex((m) => m.includes(created));
const BEFORE_RECORDS = `DROP VIEW event_raw; ALTER TABLE event_records RENAME TO event_raw;
  INSERT INTO event_raw (seq, raw, block) SELECT seq, raw_at, block FROM events WHERE raw_at IS NOT NULL;
  ALTER TABLE events DROP COLUMN raw_at, DROP COLUMN block;`;
const BEFORE_ADDRESSES = `${BEFORE_RECORDS} DROP TRIGGER rollup_source_day_addresses ON rollup_source_day; DROP FUNCTION note_source_addresses(); DROP TABLE source_addresses;`;
const BEFORE_BLOCKS = `${BEFORE_ADDRESSES} DROP TABLE raw_blocks; ALTER TABLE event_raw DROP COLUMN block;`;
const BEFORE_TEXTS = `${BEFORE_BLOCKS}
  ALTER TABLE events ADD COLUMN user_agent text COLLATE "C", ADD COLUMN principal_arn text COLLATE "C";
  UPDATE events SET user_agent = (SELECT text FROM texts WHERE tid = user_agent_tid), principal_arn = (SELECT text FROM texts WHERE tid = principal_arn_tid);
  ALTER TABLE events DROP COLUMN user_agent_tid, DROP COLUMN principal_arn_tid;
  DROP TABLE texts;`;

describe('a PostgreSQL store made before imported records were placed in their events\' rows', () => {
  it('reads every record back byte for byte, and stores the next import\'s places in the events\' rows', async () => {
    const records = Array.from({ length: 40 }, (_, i) => JSON.stringify({ ...makeRecord({ eventId: `old-imp-${i}`, time: Date.now() - 60_000 - i * 1000 }), note: i % 7 ? 'x'.repeat(i) : 'café – 東京' }));
    const file = (ids: string[]) => parseLogFile(gzipSync(`{"Records":[${ids.join(',')}]}`), true, ['mediapackage.amazonaws.com']).events;
    const synced = normalizeRecord(JSON.stringify(makeRecord({ eventId: 'old-synced' })));
    const { store } = await reopenedFromOlderLayout(
      async (older) => {
        await older.commitPage(file(records.slice(0, 20)));
        await older.commitPage([synced]);
      },
      BEFORE_RECORDS,
      versionBefore('RENAME TO event_records'),
    );
    await store.commitPage(file(records.slice(20)));
    for (let i = 0; i < 40; i++) expect((await store.getEvent(`old-imp-${i}`))?.cloudTrailEvent).toBe(records[i]);
    expect((await store.getEvent('old-synced'))?.cloudTrailEvent).toBe(synced.raw);
    // The older import's rows stay where they were; the new one's places are in the events' rows.
    const { rows } = await store.pool.query("SELECT count(*)::int AS own, (SELECT count(*)::int FROM events WHERE raw_at IS NOT NULL) AS placed FROM event_records");
    expect(rows).toEqual([{ own: 21, placed: 20 }]);
  });
});

describe('a PostgreSQL store made before source_addresses', () => {
  it('lists its sources on upgrade, so /users keeps its CIDR filters', async () => {
    const day = 86_400_000;
    const today = Math.floor(Date.now() / day) * day;
    const batch = ['203.0.113.9', '2001:db8::7', 'AWS Internal'].map((sourceIPAddress, i) =>
      normalizeRecord(JSON.stringify({ ...makeRecords(1, { newest: today - (3 - i) * day })[0], eventID: `addr-${i}`, sourceIPAddress })),
    );
    const { store } = await reopenedFromOlderLayout((older) => older.commitPage(batch), BEFORE_ADDRESSES, versionBefore('CREATE TABLE source_addresses'));
    // Whole days, so the answer comes from the daily rollup alone.
    const window = { ...emptyFilter, from: new Date(today - 10 * day), to: new Date(today - 1) };
    const [user] = await store.userActivity({ ...window, notIps: parseIpFilter('0.0.0.0/0') as IpMatch[] });
    expect(user).toMatchObject({ events: 2, ipCount: 2 });
    expect(user.ips.map((i) => i.ip).sort()).toEqual(['2001:db8::7', 'AWS Internal']);
    // A replica of the version before, still serving, writes the daily source rollup and not source_addresses.
    await store.pool.query(`INSERT INTO rollup_source_day (day, event_name, event_source, region, account_id, read_only, failed, source_ip, ip_key, n)
      VALUES ($1, 'DescribeChannel', 'mediapackage.amazonaws.com', 'us-west-2', '111122223333', 1, 0, '198.51.100.4', '00000000000000000000ffffc6336404', 1)`, [today - day]);
    const { rows } = await store.pool.query('SELECT ip_key FROM source_addresses WHERE source_ip = $1', ['198.51.100.4']);
    expect(rows).toEqual([{ ip_key: '00000000000000000000ffffc6336404' }]);
  });
});

describe('a PostgreSQL store made before the operations per day', () => {
  it('adds them up on upgrade, and counts a source over a window that starts mid-history', async () => {
    const day = 86_400_000;
    const today = Date.now() - (Date.now() % day);
    const at = (time: number, sourceIp: string, eventName: string) => normalizeRecord(JSON.stringify(makeRecord({ time, sourceIp, eventName })));
    const batch = [at(today - 3 * day, '203.0.113.9', 'UpdateChannel'), at(today - 2 * day, '203.0.113.9', 'UpdateChannel'), at(today - day, '203.0.113.9', 'DescribeChannel'), at(today - day + 1000, '198.51.100.4', 'DescribeChannel')];
    const { store } = await reopenedFromOlderLayout(
      (older) => older.commitPage(batch),
      `${BEFORE_RECORDS} DROP TABLE rollup_principal_op_day; DROP INDEX rollup_principal_day_source;`,
      versionBefore('CREATE TABLE IF NOT EXISTS rollup_principal_op_day'),
    );
    const { rows } = await store.pool.query('SELECT count(*)::int AS cells, sum(n)::int AS n FROM rollup_principal_op_day');
    expect(rows).toEqual([{ cells: 3, n: 4 }]);
    const [user] = await store.userActivity({ ...emptyFilter, from: new Date(today - 2 * day - 1) });
    expect(user).toMatchObject({ events: 3, ops: { DescribeChannel: 2, UpdateChannel: 1 }, ipCount: 2 });
    expect(user.ips.map(({ ip, events }) => [ip, events])).toEqual([['198.51.100.4', 1], ['203.0.113.9', 2]]);
  });
});

describe('a PostgreSQL store made before user agents and ARNs were stored once', () => {
  it('gives every event its own agent and ARN back, finds them by free text, and stores a longer agent than a B-tree entry holds', async () => {
    const batch = makeRecords(80, { spanMs: 86_400_000, newest: Date.now() - 60_000 }).map((r, i) =>
      normalizeRecord(JSON.stringify({ ...r, userAgent: `Boto3/1.${i % 5}.0 os/linux`, ...(i % 4 === 0 ? { userIdentity: { type: 'AWSService', invokedBy: 'cloudformation.amazonaws.com' } } : {}) })),
    );
    const summaries = (store: PostgresStore) => Promise.all(batch.map(async (e) => (await store.getEvent(e.summary.eventId))!.event));
    const { store, before: expected } = await reopenedFromOlderLayout(
      async (older) => {
        await older.commitPage(batch);
        return summaries(older);
      },
      BEFORE_TEXTS,
      versionBefore('CREATE TABLE texts'),
    );
    expect(new Set(expected.map((e) => e.userAgent)).size).toBeGreaterThan(1);
    expect(expected.some((e) => e.principalArn === null) && expected.some((e) => e.principalArn !== null)).toBe(true);
    expect(await summaries(store)).toEqual(expected);
    const agent = expected[0].userAgent;
    const found = await store.listEvents({ ...emptyFilter, q: agent.slice(2, 12).toUpperCase() }, { limit: 200, after: null });
    expect(found.events.map((e) => e.eventId).sort()).toEqual(expected.filter((e) => e.userAgent.toLowerCase().includes(agent.slice(2, 12).toLowerCase())).map((e) => e.eventId).sort());
    const long = normalizeRecord(JSON.stringify({ ...makeRecords(1, { newest: Date.now() - 1000 })[0], eventID: 'long-agent', userAgent: `aws-cli/2.15.0 ${'md/plugin#x '.repeat(600)}` }));
    await store.commitPage([long]);
    expect((await store.getEvent('long-agent'))!.event.userAgent).toBe(long.summary.userAgent);
  });
});

describe('a PostgreSQL store made before resources were stored once', () => {
  it('moves each reference to one row per resource, every event keeping its own', async () => {
    const batch = events(60, 7);
    const resourcesOf = (store: PostgresStore) => Promise.all(batch.map(async (e) => (await store.getEvent(e.summary.eventId))!.event.resources));
    const {
      store,
      before: { expected, someId, history },
    } = await reopenedFromOlderLayout(
      async (older) => {
        await older.commitPage(batch);
        const expected = await resourcesOf(older);
        const someId = expected.flat()[0].id;
        return { expected, someId, history: await older.resourceHistory(someId) };
      },
      // The layout before: a row per reference, type, id and ARN in each.
      `CREATE TABLE event_resources (event_seq bigint NOT NULL, type text COLLATE "C" NOT NULL, id text COLLATE "C" NOT NULL, arn text COLLATE "C",
        PRIMARY KEY (event_seq, type, id));
      INSERT INTO event_resources SELECT f.event_seq, r.type, r.id, nullif(r.arn, '') FROM event_resource_refs f JOIN resources r ON r.rid = f.rid;
      DROP TABLE event_resource_refs; DROP TABLE resources;
      ${BEFORE_TEXTS}`,
      versionBefore('CREATE TABLE resources'),
    );
    expect(expected.flat().length).toBeGreaterThanOrEqual(60);
    expect(await resourcesOf(store)).toEqual(expected);
    expect(await store.resourceHistory(someId)).toEqual(history);
  });
});

describe('the sync role campaigned for every second', () => {
  it('is restated without a write while its row names the holder, and written again when it does not', async () => {
    const [a, b] = await twoStores();
    // A row's xmin is the transaction that last wrote it: no write, no new snapshot, and the page
    // queries' cache (read-cache.ts) keeps its answers.
    const written = async () => (await b.pool.query<{ x: string }>("SELECT xmin::text AS x FROM leaders WHERE role = 'sync'")).rows[0]?.x;
    expect(await a.campaign('sync', 'host-a:1:aa', 15_000)).toBe(true);
    const first = await written();
    for (let i = 0; i < 3; i++) expect(await a.campaign('sync', 'host-a:1:aa', 15_000)).toBe(true);
    expect(await written()).toBe(first);
    await b.pool.query("DELETE FROM leaders WHERE role = 'sync'"); // as a replica's restart removes it
    expect(await b.leaderOf('sync')).toBe(null);
    expect(await a.campaign('sync', 'host-a:1:aa', 15_000)).toBe(true);
    expect(await b.leaderOf('sync')).toBe('host-a:1:aa');
  });
});

describe('the sync role asked for twice at once by one process', () => {
  it('is held by one session, which another process then cannot take', async () => {
    const [a, b] = await twoStores();
    const both = await Promise.all([a.campaign('sync', 'host-a:1:aa', 15_000), a.campaign('sync', 'host-a:1:aa', 15_000)]);
    expect(both).toEqual([true, true]);
    expect(await a.campaign('sync', 'host-a:1:aa', 15_000)).toBe(true);
    expect(await b.leaderOf('sync')).toBe('host-a:1:aa');
    expect(await b.campaign('sync', 'host-b:2:bb', 15_000)).toBe(false);
    await a.close();
    opened.splice(opened.indexOf(a), 1);
    expect(await b.campaign('sync', 'host-b:2:bb', 15_000)).toBe(true);
  });
});

describe('a bulk load into the PostgreSQL store', () => {
  it('leaves the tables vacuumed and analysed, so the time index answers alone even where autovacuum is off', async () => {
    // A database of its own: another test file's open transaction in a shared one keeps VACUUM
    // from marking any page all-visible.
    const { url, drop } = await freshDatabase();
    drops.push(drop);
    const store = new PostgresStore(url, { poolSize: 2 });
    opened.push(store);
    await store.bulkLoad(() => store.commitPage(events(500)));
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    try {
      const { rows } = await admin.query<{ relname: string; visible: number; live: number; analysed: boolean }>(
        `SELECT c.relname, c.relallvisible AS visible, s.n_live_tup::int AS live, s.last_analyze IS NOT NULL AS analysed
         FROM pg_class c JOIN pg_stat_user_tables s ON s.relid = c.oid
         WHERE c.relname IN ('events', 'rollup_principal_ip') ORDER BY c.relname`,
      );
      expect(rows.map((r) => r.relname)).toEqual(['events', 'rollup_principal_ip']);
      for (const r of rows) expect(r, r.relname).toMatchObject({ analysed: true });
      expect(rows[0].visible).toBeGreaterThan(0);
      expect(rows[0].live).toBe(500);
    } finally {
      await admin.end();
    }
  });
});

describe('the indexes an import into an empty PostgreSQL store builds when it ends', () => {
  const indexes = (schema: string): Promise<Record<string, string>> =>
    asAdmin(async (admin) => {
      const { rows } = await admin.query<{ indexname: string; indexdef: string }>('SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = $1', [schema]);
      return Object.fromEntries(rows.map((r) => [r.indexname, r.indexdef]));
    });
  it('are left out while it loads, save the time index and the unique ones, and come back as they were', async () => {
    const { store, schema } = await storeInFreshSchema(3);
    const before = await indexes(schema);
    const batch = events(300, 7);
    const op = batch[0].summary.eventName;
    const withOp = batch.filter((e) => e.summary.eventName === op).length;
    const byOperation = { ...emptyFilter, ops: [op] };
    let during: Record<string, string> = {};
    await store.bulkLoad(async () => {
      await store.commitPage(batch);
      during = await indexes(schema);
      // Filters are answered while the indexes are out, by scans.
      expect((await store.listEvents(byOperation, { limit: 500, after: null })).events).toHaveLength(withOp);
    });
    expect(Object.keys(during)).not.toContain('events_name_time');
    expect(Object.keys(during)).toEqual(expect.arrayContaining(['events_time', 'events_event_id_key', 'events_pkey', 'event_resource_refs_rid']));
    expect(await indexes(schema)).toEqual(before);
    expect((await store.listEvents(byOperation, { limit: 500, after: null })).events).toHaveLength(withOp);
  });

  it('leave the planner statistics of what a batch reads back, taken as the load grows, not only once it ends', async () => {
    const { store, schema } = await storeInFreshSchema(3);
    // analyze_count counts ANALYZE run by hand, not autovacuum's.
    const analysed = () =>
      asAdmin(async (admin) => Number((await admin.query<{ n: string }>('SELECT analyze_count AS n FROM pg_stat_user_tables WHERE schemaname = $1 AND relname = $2', [schema, 'event_resource_refs'])).rows[0].n));
    let first = -1;
    let grown = -1;
    await store.bulkLoad(async () => {
      await store.commitPage(events(2000, 1));
      first = await analysed();
      await store.commitPage(events(9000, 2));
      await store.commitPage(events(9000, 3));
      grown = await analysed();
    });
    expect(first).toBe(0);
    expect(grown).toBe(1);
  });

  it('leave the time index and the event id\'s packed, as tight as built once from the loaded table', async () => {
    const { store, schema } = await storeInFreshSchema(3);
    // Batches over the same three days, as a trail's regions come one after the other: most times
    // land inside the time index, and event ids anywhere in theirs.
    await store.bulkLoad(async () => {
      for (let seed = 1; seed <= 6; seed++) await store.commitPage(events(3000, seed));
    });
    await asAdmin(async (admin) => {
      const size = async (name: string) => Number((await admin.query<{ n: string }>('SELECT pg_relation_size($1::regclass) AS n', [`${schema}.${name}`])).rows[0].n);
      const defs = await indexes(schema);
      for (const name of ['events_time', 'events_event_id_key']) {
        await admin.query(defs[name].replace(/^CREATE (UNIQUE )?INDEX \S+ ON/, `CREATE INDEX probe_${name} ON`));
        expect(await size(name)).toBeLessThanOrEqual(await size(`probe_${name}`));
      }
    });
  });

  it('are not left half repacked: the next store to open drops the invalid copy a dead REINDEX CONCURRENTLY leaves', async () => {
    const { store: a, schema } = await storeInFreshSchema(3);
    await a.commitPage(events(20, 11));
    const before = await indexes(schema);
    await a.close();
    // What a repack killed midway leaves: an invalid index named after the one it was rebuilding.
    await asAdmin((admin) => admin.query(`CREATE UNIQUE INDEX CONCURRENTLY events_time_ccnew ON ${schema}.events (event_source)`).catch(() => {}));
    expect(Object.keys(await indexes(schema))).toContain('events_time_ccnew');
    await openedAgain(schema, 2);
    expect(await indexes(schema)).toEqual(before);
  });

  it('stay in place when the store holds events already', async () => {
    const { store, schema } = await storeInFreshSchema(3);
    await store.commitPage(events(20, 8));
    const before = await indexes(schema);
    let during: Record<string, string> = {};
    await store.bulkLoad(async () => {
      await store.commitPage(events(50, 9));
      during = await indexes(schema);
    });
    expect(during).toEqual(before);
  });

  it('are built by the next store to open when the import died, and not while an import is under way', async () => {
    const { store: a, schema } = await storeInFreshSchema(3);
    const before = await indexes(schema);
    // An import under way: a store opening meanwhile leaves its indexes alone.
    await a.bulkLoad(async () => {
      await a.commitPage(events(30, 10));
      await openedAgain(schema, 2);
      expect(Object.keys(await indexes(schema))).not.toContain('events_name_time');
    });
    expect(await indexes(schema)).toEqual(before);
    // What an import that died leaves: an index listed and dropped, and its session gone.
    await asAdmin(async (admin) => {
      await admin.query(`INSERT INTO ${schema}.deferred_indexes (name, definition) VALUES ('events_name_time', $1)`, [before.events_name_time]);
      await admin.query(`DROP INDEX ${schema}.events_name_time`);
    });
    await openedAgain(schema, 2);
    expect(await indexes(schema)).toEqual(before);
  });
});

describe('an event looked up by id on PostgreSQL', () => {
  it('is read by statements each connection parses and plans once, and comes back the same each time', async () => {
    // One connection, so the statements it has prepared are the ones the next query sees.
    const { store } = await storeInFreshSchema(1);
    const stored = events(3);
    await store.commitPage(stored);
    const [, second, third] = stored.map((e) => e.summary.eventId);
    const first = await store.getEvent(second);
    expect(first?.event.eventId).toBe(second);
    expect(first?.cloudTrailEvent).toBe(stored[1].raw);
    expect(await store.getEvent(second)).toEqual(first);
    expect((await store.getEvent(third))?.event.eventId).toBe(third);
    const { rows } = await store.pool.query<{ statement: string }>("SELECT statement FROM pg_prepared_statements WHERE name LIKE 'packtrail_%'");
    expect(rows.some((r) => r.statement.includes('WHERE e.event_id = $1'))).toBe(true);
    expect(rows.some((r) => r.statement.includes('WHERE f.event_seq = (SELECT seq FROM events WHERE event_id = $1)'))).toBe(true);
  });
});

describe("the store's PostgreSQL sessions", () => {
  it('never compile a statement with JIT, in the schema the store was opened on', async () => {
    const { store, schema } = await storeInFreshSchema(2);
    const { rows } = await store.pool.query<{ jit: string; path: string }>('SELECT current_setting($1) AS jit, current_setting($2) AS path', ['jit', 'search_path']);
    expect(rows[0]).toEqual({ jit: 'off', path: schema });
  });
});

describe('sentences and search texts that events of a batch share, on PostgreSQL', () => {
  it('are stored once, shown with each event, found by free text, and an event told again keeps its own', async () => {
    const { schema, drop } = await freshSchema();
    drops.push(drop);
    const store = new PostgresStore(TEST_PG_URL, { schema, poolSize: 2 });
    opened.push(store);
    const t0 = Date.now() - 3_600_000;
    // Twelve calls alike but for their time and ids, and one of a kind (in another account: the
    // records' channel ARN is the same in one account, and would tie news-2 to live-7).
    const alike = Array.from({ length: 12 }, (_, i) => normalizeRecord(JSON.stringify(makeRecord({ time: t0 + i * 1000, user: 'ops-alice', channelId: 'live-7' }))));
    const lone = normalizeRecord(JSON.stringify(makeRecord({ time: t0 + 20_000, user: 'ops-bob', channelId: 'news-2', eventName: 'DeleteChannel', account: '444455556666' })));
    await store.commitPage([...alike, lone]);

    const admin = new pg.Client({ connectionString: TEST_PG_URL });
    await admin.connect();
    try {
      const stored = async () =>
        (await admin.query(`SELECT (SELECT count(*) FROM ${schema}.event_texts)::int AS pairs, count(*) FILTER (WHERE texts_xid IS NOT NULL AND description IS NULL AND search_text IS NULL)::int AS sharing FROM ${schema}.events`)).rows[0];
      expect(await stored()).toEqual({ pairs: 1, sharing: 12 });

      const page = await store.listEvents({ ...emptyFilter }, { limit: 50, after: null });
      const told = new Map(page.events.map((e) => [e.eventId, e.description]));
      for (const e of [...alike, lone]) expect(told.get(e.summary.eventId)).toBe(e.summary.description);
      expect(alike[0].summary.description).toContain('live-7');

      const found = async (q: string) => (await store.listEvents({ ...emptyFilter, q }, { limit: 50, after: null })).events.map((e) => e.eventId).sort();
      // A word only the sentence holds: not the operation, principal, source or search text.
      const word = 'updated';
      expect(alike[0].summary.description).toContain(` ${word} `);
      expect(await found(word.toUpperCase())).toEqual(alike.map((e) => e.summary.eventId).sort());
      expect(await found('live-7')).toEqual(alike.map((e) => e.summary.eventId).sort());
      expect(await found('news-2')).toEqual([lone.summary.eventId]);

      // As a sentence told again when an ARN is tied to a chosen id (PostgresStore.tieAliases).
      const seq = (await admin.query(`SELECT seq FROM ${schema}.events WHERE event_id = $1`, [alike[3].summary.eventId])).rows[0].seq;
      await store.pool.query(RETELL, ['ops-alice retold', seq]);
      expect(await found('retold')).toEqual([alike[3].summary.eventId]);
      expect(await found(word)).toHaveLength(11);
      expect(await found('live-7')).toHaveLength(12);
    } finally {
      await admin.end();
    }
  });
});
