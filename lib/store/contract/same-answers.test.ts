import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { normalizeRecord } from '@/lib/events/normalize';
import { parseIpFilter } from '@/lib/filters/ip';
import { emptyFilter, type EventFilter } from '@/lib/filters/schema';
import { makeRecord } from '@/lib/testing/records';
import { tempDir } from '@/lib/testing/sync-harness';
import { openTempPostgresStore } from '@/lib/testing/temp-postgres';
import { decodeCursor, type CursorKey } from '../cursor';
import type { PostgresStore } from '../postgres/pg-store';
import { SqliteStore } from '../sqlite/sqlite-store';
import type { EventPage, Store } from '../types';

// One history in both stores, then the same questions of both, for filters drawn at random: every
// answer equal, to the order of rows and the fields of each (the contract's other tests say what
// the answers are; this one says the two backends never differ).

const T0 = Date.parse('2026-11-10T00:00:00Z');
const DAY = 86_400_000;
const OPS = ['UpdateChannel', 'DescribeChannel', 'DeleteOriginEndpoint', 'ListChannels', 'CreateChannel', 'RotateIngestEndpointCredentials'];
const USERS = ['ops-alice', 'deploy-bot', 'ci-runner', 'Zoë'];
const IPS = ['203.0.113.7', '203.0.113.99', '198.51.100.4', '2001:db8::5', '2001:db8:1::9', 'AWS Internal', 'cloudformation.amazonaws.com'];
const CHANNELS = ['sports-hd', 'news-24', 'Kids_HD', 'sports-hd-2'];

let dir: string;
let lite: SqliteStore;
let pg: PostgresStore;
let ids: string[];

beforeAll(async () => {
  dir = tempDir();
  lite = new SqliteStore(path.join(dir, 'same.db'));
  pg = await openTempPostgresStore();
  // Ties in time on purpose (every third event shares its second with the next).
  const events = Array.from({ length: 1500 }, (_, i) =>
    normalizeRecord(
      JSON.stringify(
        makeRecord({
          time: T0 + Math.floor(((i * 7_919_117) % (12 * DAY)) / 3000) * 3000,
          eventName: OPS[i % OPS.length],
          region: i % 4 === 0 ? 'eu-west-1' : 'us-west-2',
          account: i % 5 === 0 ? '444455556666' : '111122223333',
          errorCode: i % 9 === 0 ? 'AccessDenied' : i % 13 === 0 ? 'ConflictException' : undefined,
          sourceIp: IPS[(i * 31) % IPS.length],
          user: USERS[(i * 17) % USERS.length],
          channelId: CHANNELS[(i * 7) % CHANNELS.length],
        }),
      ),
    ),
  );
  ids = events.map((e) => e.summary.eventId);
  for (let i = 0; i < events.length; i += 250) {
    const page = events.slice(Math.max(0, i - 40), i + 250);
    expect(await pg.commitPage(page)).toEqual(await lite.commitPage(page));
  }
}, 60_000);
afterAll(async () => {
  await lite.close();
  await pg.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const filters = fc.record({
  ops: fc.subarray(OPS, { maxLength: 2 }),
  notOps: fc.subarray(OPS, { maxLength: 2 }),
  regions: fc.subarray(['us-west-2', 'eu-west-1'], { maxLength: 1 }),
  accounts: fc.subarray(['111122223333', '444455556666'], { maxLength: 1 }),
  user: fc.constantFrom(null, ...USERS),
  notUsers: fc.subarray(USERS, { maxLength: 1 }),
  ips: fc.subarray(['203.0.113.0/24', '2001:db8::/32', 'aws internal', '198.51.100.4', '::/0'], { maxLength: 2 }),
  notIps: fc.subarray(['203.0.113.0/25', 'AWS Internal', '2001:db8:1::/48'], { maxLength: 2 }),
  readOnly: fc.constantFrom(null, true, false),
  error: fc.constantFrom(null, { kind: 'any' as const }, { kind: 'none' as const }, { kind: 'code' as const, code: 'AccessDenied' }),
  resource: fc.constantFrom(null, ...CHANNELS),
  q: fc.constantFrom(null, 'sports', 'zoë', 'rotate'),
  from: fc.option(fc.integer({ min: T0 - DAY, max: T0 + 12 * DAY }), { nil: null }),
  span: fc.integer({ min: 0, max: 13 * DAY }),
});

type Drawn = typeof filters extends fc.Arbitrary<infer T> ? T : never;

function toFilter(f: Drawn): EventFilter {
  const ip = (values: string[]) =>
    values.flatMap((v) => {
      const parsed = parseIpFilter(v);
      if ('error' in parsed) throw new Error(parsed.error);
      return parsed;
    });
  return {
    ...emptyFilter,
    ops: f.ops,
    notOps: f.notOps,
    regions: f.regions,
    accounts: f.accounts,
    user: f.user,
    notUsers: f.notUsers,
    ips: ip(f.ips),
    notIps: ip(f.notIps),
    readOnly: f.readOnly,
    error: f.error,
    resource: f.resource,
    q: f.q,
    from: f.from === null ? null : new Date(f.from),
    to: f.from === null ? null : new Date(f.from + f.span),
  };
}

async function everyPage(store: Store, filter: EventFilter, oldestFirst: boolean): Promise<string[]> {
  const out: string[] = [];
  let cursor: string | null = null;
  do {
    const after: CursorKey | null = cursor ? decodeCursor(cursor) : null;
    const page: EventPage = oldestFirst ? await store.listEventsOldestFirst(filter, { limit: 97, after }) : await store.listEvents(filter, { limit: 97, after });
    out.push(...page.events.map((e) => e.eventId));
    cursor = page.nextCursor;
  } while (cursor);
  return out;
}

async function answers(store: Store, filter: EventFilter) {
  const window = { from: new Date(T0 - DAY), to: new Date(T0 + 13 * DAY) };
  return {
    first: await store.listEvents(filter, { limit: 50, after: null }),
    newestFirst: await everyPage(store, filter, false),
    oldestFirst: await everyPage(store, filter, true),
    count: await store.countEvents(filter),
    hours: await store.timeline(filter, 3_600_000, window),
    days: await store.timeline(filter, DAY, window),
    span: await store.timeSpan(filter),
    countAndSpan: await store.countAndSpan(filter),
    users: await store.userActivity(filter),
    errors: await store.userErrorCodes(filter),
    detail: await store.userDetail(filter.user ?? 'ops-alice', filter),
  };
}

describe('SQLite and PostgreSQL', () => {
  it('give the same answers to the same questions, for any filter', async () => {
    await fc.assert(
      fc.asyncProperty(filters, async (f) => {
        const filter = toFilter(f);
        expect(await answers(pg, filter)).toEqual(await answers(lite, filter));
      }),
      { numRuns: 40, seed: 20261204 },
    );
  }, 120_000);

  it('give the same event, history, neighbours and filter options', async () => {
    expect(await pg.filterOptions()).toEqual(await lite.filterOptions());
    for (const id of ids.filter((_, i) => i % 101 === 0)) {
      const event = await lite.getEvent(id);
      expect(await pg.getEvent(id)).toEqual(event);
      expect(await pg.relatedEvents(id, event!.event.resources)).toEqual(await lite.relatedEvents(id, event!.event.resources));
    }
    for (const channel of CHANNELS) expect(await pg.resourceHistory(channel)).toEqual(await lite.resourceHistory(channel));
    const all: string[][] = [];
    for (const store of [lite, pg]) {
      const seen: string[] = [];
      for await (const e of store.streamEvents(emptyFilter)) seen.push(e.eventId);
      all.push(seen);
    }
    expect(all[1]).toEqual(all[0]);
    expect(new Set(all[0]).size).toBe(ids.length);
  }, 60_000);
});
