import { expect, test } from './fixtures';

test.describe('JSON API over the emulator’s history', () => {
  test('health answers without anything else', async ({ request }) => {
    const res = await request.get('/api/health');
    expect(res.status()).toBe(200);
    expect(await res.json()).toMatchObject({ ok: true });
  });

  test('events page newest first through a cursor, without repeats', async ({ request }) => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let previous = '9999';
    for (let i = 0; i < 4; i++) {
      const res = await request.get(`/api/events?limit=100${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.status()).toBe(200);
      const body: { events: { eventId: string; eventTime: string }[]; nextCursor: string | null } = await res.json();
      for (const e of body.events) {
        expect(e.eventTime <= previous).toBe(true);
        previous = e.eventTime;
        seen.push(e.eventId);
      }
      cursor = body.nextCursor;
    }
    expect(seen).toHaveLength(400);
    expect(new Set(seen).size).toBe(400);
  });

  test('the demo history holds what the demo promises, and nothing from MediaLive or IVS', async ({ request }) => {
    const users = (await (await request.get('/api/users')).json()).users as { principal: string; type: string }[];
    expect(users.length).toBeGreaterThanOrEqual(12);
    expect([...new Set(users.map((u) => u.type))]).toEqual(expect.arrayContaining(['IAMUser', 'AssumedRole', 'SSOUser', 'Root', 'AWSService']));
    for (const source of ['medialive.amazonaws.com', 'ivs.amazonaws.com']) {
      const body = await (await request.get(`/api/events?source=${source}`)).json();
      expect(body.events).toEqual([]);
    }
    for (const [filter, min] of [['region=us-west-2', 1], ['region=eu-west-1', 1], ['source=mediapackagev2.amazonaws.com', 1], ['ip=AWS%20Internal', 1], ['ip=2001:db8::/32', 1], ['error=any', 1]] as const) {
      const body = await (await request.get(`/api/events?${filter}&limit=5`)).json();
      expect(body.events.length, filter).toBeGreaterThanOrEqual(min);
    }
  });

  test('one event comes with its record byte-for-byte; an unknown id is a JSON 404', async ({ request }) => {
    const [first] = (await (await request.get('/api/events?limit=1&readOnly=false')).json()).events;
    const res = await request.get(`/api/events/${first.eventId}`);
    expect(res.status()).toBe(200);
    const body = await res.json();
    expect(body.event).toEqual(first);
    expect(JSON.parse(body.cloudTrailEvent).eventID).toBe(first.eventId);
    const missing = await request.get('/api/events/00000000-0000-4000-8000-000000000000');
    expect(missing.status()).toBe(404);
    expect((await missing.json()).error).toMatch(/No MediaPackage event 00000000-0000-4000-8000-000000000000/);
  });

  test('timeline buckets 90 days by day, stacked by operation', async ({ request }) => {
    const body = await (await request.get('/api/timeline?range=90d')).json();
    expect(body.bucket).toBe('1d');
    expect(body.series.length).toBeGreaterThanOrEqual(90);
    const total = body.series.reduce((n: number, p: { counts: Record<string, number> }) => n + Object.values(p.counts).reduce((a, b) => a + b, 0), 0);
    const listed = (await (await request.get('/api/events?range=90d&limit=500')).json()).events.length;
    expect(total).toBeGreaterThanOrEqual(listed);
  });

  test('bad input is a 400 that says what is accepted', async ({ request }) => {
    for (const [path, message] of [
      ['/api/events?limit=0', /limit must be a whole number from 1 to 500/],
      ['/api/events?ip=203.0.113.0/33', /not a valid CIDR/],
      ['/api/events?from=yesterday', /ISO 8601/],
      ['/api/events?cursor=bogus', /cursor is not one this server issued/],
      ['/api/events?colour=red', /unknown parameter colour/],
      ['/api/timeline?bucket=1m&range=90d', /more than 5000 buckets/],
      ['/api/users?readOnly=maybe', /readOnly must be true/],
      ["/api/events?op=UpdateChannel'%20OR%20'1'='1", /op must be an operation name/],
      ['/api/events/%C3%28', /broken %-escape/],
      // The client may rewrite an invalid escape before sending; either way it is a 400 that says why.
      ['/api/users?from=%ED%A0%80', /broken %-escape|ISO 8601/],
    ] as const) {
      const res = await request.get(path);
      expect(res.status(), path).toBe(400);
      expect((await res.json()).error, path).toMatch(message);
    }
  });

  test('sync status lists every region and source; POST starts a sync', async ({ request }) => {
    const status = await (await request.get('/api/sync')).json();
    expect(status.mode).toBe('aws');
    expect(status.streams.map((s: { region: string; eventSource: string }) => `${s.region} ${s.eventSource}`).sort()).toEqual([
      'eu-west-1 mediapackage.amazonaws.com',
      'eu-west-1 mediapackagev2.amazonaws.com',
      'us-west-2 mediapackage.amazonaws.com',
      'us-west-2 mediapackagev2.amazonaws.com',
    ]);
    for (const s of status.streams) expect(s.storedEvents).toBeGreaterThan(0);
    const post = await request.post('/api/sync');
    expect(post.status()).toBe(202);
  });
});

test('pages answer GET only: another method is a 405, never a 500', async ({ request }) => {
  for (const path of ['/events', '/signin', '/users?account=NaN', '/events/compare']) {
    const res = await request.fetch(path, { method: 'POST', data: '{', headers: { 'content-type': 'multipart/form-data; boundary=' }, maxRedirects: 0 });
    expect(res.status(), path).toBe(405);
    expect(res.headers().allow).toBe('GET, HEAD');
  }
});
