import { createHmac } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { normalizeRecord } from '@/lib/events/normalize';
import { SqliteStore } from '@/lib/store/sqlite/sqlite-store';
import type { Watch } from '@/lib/store/types';
import { syncAll, syncTargets } from '@/lib/sync/run-sync';
import { DEFAULT_ACCOUNT } from '@/lib/accounts/accounts-config';
import { makeRecord, makeRecords } from '@/lib/testing/records';
import { startHarness, type Harness } from '@/lib/testing/sync-harness';
import { migrateAsNewerVersion } from '@/lib/testing/temp-store';
import { SECURITY_WATCH_ID } from './builtin';
import { DIGEST_AFTER, WatchRunner } from './watch-runner';

// Watches against a real store and a real HTTP receiver on this machine (so the private-address
// guard is lifted, as PACKTRAIL_WEBHOOK_ALLOW_PRIVATE=true does), with a clock the test moves.

interface Received {
  body: string;
  delivery: string;
  signature: string | undefined;
}

async function receiver(port = 0) {
  const got: Received[] = [];
  let status = 200;
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      got.push({ body, delivery: String(req.headers['x-packtrail-delivery']), signature: req.headers['x-packtrail-signature'] as string | undefined });
      res.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    got,
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    port: (server.address() as AddressInfo).port,
    answer: (s: number) => (status = s),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

let h: Harness | undefined;
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of closers.splice(0).reverse()) await c();
  await h?.close();
  h = undefined;
});

const event = (eventName: string, channelId = 'sports-hd', time = Date.now() - 5_000) => normalizeRecord(JSON.stringify(makeRecord({ time, eventName, channelId })));

async function setup(url: string, secret: string | null = 'whsec-test', query = 'op=DeleteChannel', storedBefore: ReturnType<typeof event>[] = []) {
  const harness = (h = await startHarness());
  if (storedBefore.length) await harness.store.commitPage(storedBefore);
  const clock = { now: Date.now() };
  const watch: Watch = {
    id: 'w-deletes',
    name: 'Channel deletions',
    query,
    builtin: null,
    // Made an hour ago: the events below happen after it.
    createdAt: new Date(Date.now() - 3_600_000).toISOString(),
    afterSeq: await harness.store.lastStoredSeq(),
    destinations: [{ id: 'd-hook', type: 'webhook', url, secret }],
  };
  await harness.store.createWatch(watch);
  const runner = (store = harness.store, allowPrivate = true) => {
    const r = new WatchRunner({ store, owner: 'test-host:1:runner', baseUrl: 'https://packtrail.example.com', allowPrivate, now: () => clock.now, tickMs: 60_000 });
    closers.push(() => r.stop());
    return r;
  };
  return { clock, watch, runner };
}

describe('watches', () => {
  it('tell a webhook once, signed, of an event the sync stores from the emulator, and of nothing older or unmatched', async () => {
    const hook = await receiver();
    closers.push(hook.close);
    const { runner } = await setup(hook.url, 'whsec-test', 'op=DeleteChannel', [event('DeleteChannel')]);
    const r = runner();
    await r.kick();
    expect(hook.got).toHaveLength(0); // stored before the watch was made
    // Stored after it but older than it, as a backfill or an import stores: not sent either.
    await h!.store.commitPage([normalizeRecord(JSON.stringify(makeRecord({ time: Date.now() - 2 * 3_600_000, eventName: 'DeleteChannel' })))]);
    await r.kick();
    expect(hook.got).toHaveLength(0);

    const deleted = { ...makeRecord({ time: Date.now() - 60_000, eventName: 'DeleteChannel', channelId: 'news-24' }) };
    h!.emulator.add([deleted, makeRecord({ time: Date.now() - 60_000, eventName: 'DescribeChannel' })]);
    await syncAll(h!.context(), syncTargets([DEFAULT_ACCOUNT], ['us-west-2']), ['mediapackage.amazonaws.com'], { kind: 'incremental' });
    await r.kick();
    await r.kick();
    expect(hook.got).toHaveLength(1);
    const [got] = hook.got;
    const body = JSON.parse(got.body);
    expect(body.event.eventId).toBe(deleted.eventID);
    expect(body).toMatchObject({ watch: { id: 'w-deletes', name: 'Channel deletions' }, link: `https://packtrail.example.com/events/${deleted.eventID}` });
    expect(body.description).toBe(body.event.description);
    expect(got.signature).toBe(`sha256=${createHmac('sha256', 'whsec-test').update(got.body).digest('hex')}`);
    expect(got.delivery).toMatch(/^[0-9a-f-]{36}$/);
    const [delivery] = await h!.store.recentDeliveries('w-deletes', 1);
    expect(delivery).toMatchObject({ id: got.delivery, status: 'delivered', attempts: 1 });
  });

  it('keep a delivery while the receiver is down and hand it over once when it is back, with the same delivery id', async () => {
    const hook = await receiver();
    const { clock, runner } = await setup(hook.url);
    const port = hook.port;
    await hook.close();
    const r = runner();
    await h!.store.commitPage([event('DeleteChannel')]);
    await r.kick();
    const [pending] = await h!.store.recentDeliveries('w-deletes', 5);
    expect(pending).toMatchObject({ status: 'pending', attempts: 1, lastError: 'ECONNREFUSED' });
    // Ten minutes down: every retry meanwhile fails.
    for (let minute = 1; minute <= 10; minute++) {
      clock.now += 60_000;
      await r.kick();
    }
    const back = await receiver(port);
    closers.push(back.close);
    clock.now += 15 * 60_000;
    await r.kick();
    await r.kick();
    expect(back.got.map((g) => g.delivery)).toEqual([pending.id]);
    expect((await h!.store.recentDeliveries('w-deletes', 5))[0]).toMatchObject({ status: 'delivered', lastError: null });
  });

  it('send what a stopped server left pending once another starts on the same store', async () => {
    const hook = await receiver();
    closers.push(hook.close);
    hook.answer(503);
    const { clock, runner } = await setup(hook.url);
    const first = runner();
    await h!.store.commitPage([event('DeleteChannel'), event('DeleteChannel', 'news-24')]);
    await first.kick();
    await first.stop();
    expect(hook.got).toHaveLength(2);
    hook.got.length = 0;
    hook.answer(204);
    const again = new SqliteStore(path.join(h!.dir, 'store.db'));
    closers.push(() => again.close());
    clock.now += 60_000;
    await runner(again).kick();
    expect(hook.got).toHaveLength(2);
    expect((await again.recentDeliveries('w-deletes', 5)).every((d) => d.status === 'delivered' && d.attempts === 2)).toBe(true);
  });

  it('turn a burst into one digest that links to the filtered view', async () => {
    const hook = await receiver();
    closers.push(hook.close);
    const { runner } = await setup(hook.url, null);
    await h!.store.commitPage(makeRecords(DIGEST_AFTER + 30, { spanMs: 30 * 60_000 }).map((r) => normalizeRecord(JSON.stringify({ ...r, eventName: 'DeleteChannel' }))));
    await runner().kick();
    expect(hook.got).toHaveLength(1);
    const body = JSON.parse(hook.got[0].body);
    expect(body.digest.count).toBe(DIGEST_AFTER + 30);
    expect(body.digest.events).toHaveLength(5);
    expect(body.link).toMatch(/^https:\/\/packtrail\.example\.com\/events\?op=DeleteChannel&from=.*&to=/);
    expect(hook.got[0].signature).toBeUndefined(); // no secret, no signature
  });

  it('refuse a destination on a private, loopback or metadata address, and never connect to it', async () => {
    const hook = await receiver();
    closers.push(hook.close);
    const { runner } = await setup(hook.url);
    await h!.store.commitPage([event('DeleteChannel')]);
    await runner(h!.store, false).kick();
    expect(hook.got).toHaveLength(0);
    const [refused] = await h!.store.recentDeliveries('w-deletes', 1);
    expect(refused).toMatchObject({ status: 'failed', attempts: 1 });
    expect(refused.lastError).toMatch(/127\.0\.0\.1 is refused: 127\.0\.0\.1 is a loopback address/);
  });

  it('do not follow a redirect: a 3xx is a failed attempt, and its Location is never visited', async () => {
    const elsewhere = await receiver();
    closers.push(elsewhere.close);
    const bouncer = http.createServer((_req, res) => res.writeHead(302, { Location: elsewhere.url }).end());
    await new Promise<void>((resolve) => bouncer.listen(0, '127.0.0.1', resolve));
    closers.push(() => new Promise<void>((resolve) => bouncer.close(() => resolve())));
    const { runner } = await setup(`http://127.0.0.1:${(bouncer.address() as AddressInfo).port}/hook`);
    await h!.store.commitPage([event('DeleteChannel')]);
    await runner().kick();
    expect(elsewhere.got).toHaveLength(0);
    expect((await h!.store.recentDeliveries('w-deletes', 1))[0]).toMatchObject({ status: 'pending', lastError: 'HTTP 302 (redirects are not followed)' });
  });

  it('leave sending to a replica of the newer version once one migrates the store, and say why once, not every round', async () => {
    const hook = await receiver();
    closers.push(hook.close);
    await setup(hook.url);
    await h!.store.commitPage([event('DeleteChannel')]);
    await migrateAsNewerVersion('sqlite', h!.store);
    const lines: string[] = [];
    const r = new WatchRunner({ store: h!.store, owner: 'test-host:1:old', baseUrl: 'https://packtrail.example.com', allowPrivate: true, log: (l) => lines.push(l), tickMs: 60_000 });
    closers.push(() => r.stop());
    for (let i = 0; i < 3; i++) await r.kick();
    expect(hook.got).toEqual([]);
    expect(lines).toEqual([expect.stringMatching(/^watches: SQLite store .*: a newer Packtrail migrated the schema to version \d+ while this one/)]);
  });

  it('start with the built-in "Security-relevant changes", which tells nobody until an admin points it somewhere', async () => {
    const hook = await receiver();
    closers.push(hook.close);
    const { runner } = await setup(hook.url);
    const r = runner();
    await r.kick();
    const builtin = await h!.store.getWatch(SECURITY_WATCH_ID);
    expect(builtin).toMatchObject({ name: 'Security-relevant changes', builtin: 'security', destinations: [] });
    expect(new URLSearchParams(builtin!.query).getAll('op')).toEqual(expect.arrayContaining(['DeleteChannel', 'RotateIngestEndpointCredentials', 'UpdateOriginEndpoint']));
    await h!.store.addWatchDestination(SECURITY_WATCH_ID, { id: 'd-sec', type: 'slack', url: hook.url, secret: null });
    // The built-in watch was made at the first round: what it tells of happens after that.
    await h!.store.commitPage([event('RotateIngestEndpointCredentials', 'sports-hd', Date.now() + 1_000)]);
    await r.kick();
    const slack = hook.got.map((g) => JSON.parse(g.body)).find((b) => b.blocks);
    expect(slack.text).toMatch(/^Security-relevant changes: .* https:\/\/packtrail\.example\.com\/events\//);
    expect(slack.blocks[0].text.type).toBe('mrkdwn');
  });
});
