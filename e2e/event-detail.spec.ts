import type { APIRequestContext } from '@playwright/test';
import { randomBytes } from 'node:crypto';
import { makeRecord } from '../lib/testing/records';
import { importWithCli } from './cli-import';
import { expect, test } from './fixtures';

// Event permalinks, "what changed", resource lifelines and the compare view, on the demo history.

interface Summary {
  eventId: string;
  eventName: string;
  principal: string;
  sourceIp: string;
  description: string;
  resources: { type: string; id: string; arn: string | null }[];
}

async function events(request: APIRequestContext, query: string): Promise<Summary[]> {
  const res = await request.get(`/api/events?${query}`);
  expect(res.status(), query).toBe(200);
  return (await res.json()).events;
}

test('an event permalink shows who, where, what and the record exactly as stored', async ({ page, context, request }) => {
  const [event] = await events(request, 'op=UpdateOriginEndpoint&limit=1');
  const stored = (await (await request.get(`/api/events/${event.eventId}`)).json()).cloudTrailEvent as string;
  await page.goto(`/events/${event.eventId}`);

  // The headline is the event told in a sentence: who updated which origin endpoint, where from.
  const headline = page.getByRole('heading', { level: 1 });
  await expect(headline).toHaveText(event.description);
  await expect(headline).toContainText(/(updated|tried to update) origin endpoint \S+/);
  if (/^[0-9a-f.:]+$/i.test(event.sourceIp)) await expect(headline).toContainText(`from ${event.sourceIp}`);
  await expect(page.getByRole('article', { name: 'Event' })).toContainText('UpdateOriginEndpoint');
  const who = page.getByRole('region', { name: 'Who' });
  await expect(who.getByRole('link', { name: event.principal })).toHaveAttribute('href', `/users/${encodeURIComponent(event.principal)}`);
  const where = page.getByRole('region', { name: 'Where' });
  await expect(where).toContainText(event.sourceIp);
  await expect(where.getByRole('link', { name: 'all from this IP' })).toHaveAttribute('href', `/events?ip=${encodeURIComponent(event.sourceIp)}`);
  const what = page.getByRole('region', { name: 'What', exact: true });
  for (const r of event.resources) await expect(what.getByRole('link', { name: r.id, exact: true })).toHaveAttribute('href', `/resources/${encodeURIComponent(r.id)}`);
  await expect(page.getByRole('region', { name: 'Result' })).toContainText(event.eventId);

  // The raw record is folded; opened, it shows the record, and Copy gives the stored text byte-for-byte.
  const raw = page.getByLabel('Raw record', { exact: true });
  await expect(raw).toBeHidden();
  await page.getByRole('link', { name: 'Raw record' }).click();
  await expect(raw).toContainText(`"eventID": "${event.eventId}"`);
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.getByRole('button', { name: 'Copy record' }).click();
  await expect(page.getByRole('button', { name: 'Copied' })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(stored);
  await page.getByRole('button', { name: 'Copy link' }).click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(page.url());
});

test('what changed lists the fields an UpdateOriginEndpoint changed, against the previous state', async ({ page, request }) => {
  // The newest update can be the first one seen for its endpoint; one of the few before it is not.
  const candidates = await events(request, 'op=UpdateOriginEndpoint&error=none&limit=8');
  let shown = false;
  for (const e of candidates) {
    await page.goto(`/events/${e.eventId}`);
    const section = page.getByRole('region', { name: 'What changed' });
    await expect(section).toBeVisible();
    const changes = section.getByRole('table', { name: 'Changes' });
    if ((await changes.count()) === 0) continue;
    await expect(section.getByRole('link', { name: 'compare' })).toHaveAttribute('href', new RegExp(`id=${e.eventId}$`));
    await expect(changes.getByRole('row').first()).toContainText(/\S+/);
    expect(await changes.getByRole('row').count()).toBeGreaterThan(0);
    shown = true;
    break;
  }
  expect(shown, 'one of the newest successful UpdateOriginEndpoint calls shows a changed field').toBe(true);
});

test('an unknown event id shows a clear not-found page', async ({ page }) => {
  const response = await page.goto('/events/00000000-0000-4000-8000-000000000000');
  expect(response?.status()).toBe(404);
  await expect(page.getByRole('heading', { name: 'Event not found' })).toBeVisible();
  await expect(page.getByText(/last 90 days/)).toBeVisible();
});

test('a resource page shows its lifeline: created, changed, deleted', async ({ page, request }) => {
  // An ephemeral test channel: created and deleted within the window.
  const [deleted] = await events(request, 'op=DeleteChannel&source=mediapackage.amazonaws.com&error=none&limit=1');
  const channel = deleted.resources.find((r) => r.type === 'AWS::MediaPackage::Channel')!;
  await page.goto(`/resources/${encodeURIComponent(channel.id)}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(channel.id);
  const life = page.getByRole('region', { name: /^(Lifeline|Life \d+ of \d+)$/ }).last();
  await expect(life.getByRole('listitem').filter({ hasText: 'CreateChannel' }).first()).toBeVisible();
  await expect(life.getByRole('listitem').filter({ hasText: 'DeleteChannel' }).first()).toContainText('deletion');
  await expect(life.getByRole('heading')).toContainText('deleted');
  // Each step tells its event in a sentence, the deletion among them.
  await expect(life.getByRole('listitem').filter({ hasText: 'DeleteChannel' }).first()).toContainText(deleted.description);

  // A long-lived endpoint: its updates fold their diffs.
  const [updated] = await events(request, 'op=UpdateOriginEndpoint&error=none&source=mediapackage.amazonaws.com&limit=1');
  const endpoint = updated.resources.find((r) => r.type === 'AWS::MediaPackage::OriginEndpoint')!;
  await page.goto(`/resources/${encodeURIComponent(endpoint.id)}`);
  // A step with a change says it on its own line (`timeDelaySeconds 0 → 30`); opened, it names the
  // earlier call it is compared with and lists the changes.
  const step = page.getByRole('listitem').filter({ has: page.getByRole('link', { name: 'event' }) }).filter({ hasText: 'UpdateOriginEndpoint' }).filter({ hasText: '→' }).last();
  const changes = step.getByRole('table', { name: 'Changes' });
  await expect(changes).toBeHidden();
  await step.locator('summary').first().click();
  await expect(changes.getByRole('row').first()).toBeVisible();
  await expect(step.getByText('vs.').first()).toBeVisible();
});

test('a long lifeline pages back from its newest events, each page diffed against the state before it', async ({ page }) => {
  // 2,103 events on one channel, more than a page holds: created, updated, polled, updated again.
  const id = `paged-${Date.now()}`;
  const arn = `arn:aws:mediapackage:us-west-2:111122223333:channels/${randomBytes(16).toString('hex')}`;
  const t0 = Date.now() - 10 * 86_400_000;
  const call = (eventName: string, minute: number, description?: string) => ({
    ...makeRecord({ eventName, channelId: id, time: t0 + minute * 60_000 }),
    ...(description ? { responseElements: { id, arn, description } } : {}),
  });
  const polls = Array.from({ length: 2_100 }, (_, i) => call('DescribeChannel', 2 + i));
  importWithCli([call('CreateChannel', 0, 'Paged v1'), call('UpdateChannel', 1, 'Paged v2'), ...polls, call('UpdateChannel', 2_200, 'Paged v3')]);

  await page.goto(`/resources/${id}`);
  const life = page.getByRole('region', { name: 'Lifeline' });
  // The newest page starts after the creation, and its update is compared with the one on the page before.
  await expect(life.getByRole('heading')).toContainText('began before this page');
  await expect(life.getByRole('listitem').filter({ hasText: 'UpdateChannel' })).toContainText('Paged v2 → Paged v3');
  await expect(page.getByText(/^2,000 events on this page/)).toBeVisible();

  await page.getByRole('link', { name: 'Older history' }).first().click();
  await expect(page).toHaveURL(/\?before=/);
  await expect(life.getByRole('heading')).toContainText('created');
  await expect(life.getByRole('listitem').filter({ hasText: 'UpdateChannel' })).toContainText('Paged v1 → Paged v2');
  await expect(page.getByText('This is the oldest stored history.').first()).toBeVisible();
  await page.getByRole('link', { name: 'Newest' }).first().click();
  await expect(life.getByRole('listitem').filter({ hasText: 'UpdateChannel' })).toContainText('Paged v2 → Paged v3');

  await page.goto(`/resources/${id}?before=not-a-cursor`);
  await expect(page.getByRole('alert').filter({ hasText: 'not one Packtrail made' })).toContainText('Start from the newest events');
});

test('user-typed HTML in a description is shown as text and never runs', async ({ page, request }) => {
  const dialogs: string[] = [];
  page.on('dialog', async (d) => {
    dialogs.push(d.message());
    await d.dismiss();
  });
  // The demo's `<img src=x onerror=alert(1)>` channel description, or the hostile fixture's.
  let target: { eventId: string; description: string } | null = null;
  for (const e of await events(request, 'q=onerror&limit=20')) {
    const record = JSON.parse((await (await request.get(`/api/events/${e.eventId}`)).json()).cloudTrailEvent);
    const description = record.requestParameters?.description;
    if (typeof description === 'string' && description.includes('onerror')) target = { eventId: e.eventId, description };
    if (target) break;
  }
  expect(target, 'an event whose description holds an <img onerror> payload').not.toBeNull();
  await page.goto(`/events/${target!.eventId}`);
  // As a value in a change list, or inside the request parameters' JSON (quotes escaped there).
  const asText = page.getByText(target!.description).or(page.getByText(JSON.stringify(target!.description).slice(1, -1)));
  await expect(asText.first()).toBeVisible();
  expect(await page.locator('img[src="x"]').count()).toBe(0);
  await page.getByRole('link', { name: 'Raw record' }).click();
  await expect(page.getByLabel('Raw record', { exact: true })).toContainText(JSON.stringify(target!.description));
  expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
  expect(dialogs).toEqual([]);
});

test('the compare page shows two events side by side; a bad link says what it accepts', async ({ page, request }) => {
  const [a, b] = await events(request, 'op=UpdateOriginEndpoint&error=none&limit=2');
  await page.goto(`/events/compare?id=${a.eventId}&id=${b.eventId}`);
  const table = page.getByRole('table', { name: 'Event comparison' });
  await expect(table.getByRole('columnheader', { name: /Event 1/ })).toBeVisible();
  await expect(table.getByRole('columnheader', { name: /Event 2/ })).toBeVisible();
  const op = table.getByRole('row', { name: /^Operation/ });
  await expect(op.getByRole('cell')).toHaveText(['UpdateOriginEndpoint', 'UpdateOriginEndpoint']);
  await expect(table.getByRole('row', { name: /^Principal/ })).toContainText(a.principal);
  await expect(table.getByRole('row', { name: /^What happened/ }).getByRole('cell')).toHaveText([a.description, b.description]);

  // Next's route announcer is an alert too; ours is the one that says what is wrong.
  await page.goto(`/events/compare?id=${a.eventId}`);
  await expect(page.getByRole('alert').filter({ hasText: 'Bad compare link' })).toContainText('id needs 2 to 5 different event ids');
  await page.goto('/events/compare?id=nope&id=also-nope');
  await expect(page.getByRole('alert').filter({ hasText: 'Bad compare link' })).toContainText('must be a CloudTrail event id');
});
