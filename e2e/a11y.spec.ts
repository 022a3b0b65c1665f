import AxeBuilder from '@axe-core/playwright';
import type { APIRequestContext, Page } from '@playwright/test';
import { expect, test } from './fixtures';

// axe-core over every page, on the emulator's real-shaped history plus the hostile fixtures: any
// serious or critical violation of a WCAG 2.0/2.1/2.2 A or AA rule fails the page. Folded parts
// (raw record, lifeline folds) are opened first, so what a reader can reveal is audited too.

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'];

async function audit(page: Page, what: string): Promise<void> {
  const { violations } = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  const grave = violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}, ×${v.nodes.length}): ${v.help}\n    ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join('\n    ')}`);
  expect(grave, `${what}: axe violations`).toEqual([]);
}

async function openFolds(page: Page): Promise<void> {
  await page.locator('details:not([open])').evaluateAll((els) => els.forEach((el) => el.setAttribute('open', '')));
}

async function ids(request: APIRequestContext, query: string): Promise<{ eventId: string; principal: string; resources: { id: string }[] }[]> {
  const res = await request.get(`/api/events?${query}`);
  expect(res.status(), query).toBe(200);
  return (await res.json()).events;
}

test('the events page, plain and filtered, has no serious accessibility violation', async ({ page }) => {
  await page.goto('/events');
  await expect(page.locator('tbody tr').first()).toBeVisible();
  await audit(page, '/events');
  await page.goto('/events?range=30d&notIp=203.0.113.0/24&notIp=AWS%20Internal&op=UpdateOriginEndpoint&op=DeleteChannel&error=any');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await audit(page, '/events filtered');
});

test('the events page while its timeline is still loading has no serious accessibility violation', async ({ page }) => {
  // The chart (recharts) loads after the page: hold its chunk back, so axe meets the placeholder
  // every time, not only when it happens to look early.
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  let heldChart = false;
  await page.route('**/_next/static/chunks/**/*.js', async (route) => {
    const response = await route.fetch();
    const body = await response.text();
    if (body.includes('recharts-surface')) {
      heldChart = true;
      await held;
    }
    await route.fulfill({ response, body });
  });
  await page.goto('/events');
  await expect(page.locator('tbody tr').first()).toBeVisible();
  await expect.poll(() => heldChart).toBe(true);
  await expect(page.locator('.timeline[aria-busy="true"]')).toBeAttached();
  await audit(page, '/events, timeline loading');
  release();
  await expect(page.getByRole('figure', { name: 'Events over time, stacked by operation' })).toBeVisible();
});

test('event pages (an update with its diff, a failed call, the largest record) have no serious accessibility violation', async ({ page, request }) => {
  // Every id asked for first: asked after the audits, a request on the API context's idle keep-alive
  // connection met the server closing it (ECONNRESET, once in CI), which a browser would retry.
  const [update] = await ids(request, 'op=UpdateOriginEndpoint&error=none&limit=1');
  const [failed] = await ids(request, 'error=AccessDenied&limit=1');
  const [a, b] = await ids(request, 'op=UpdateOriginEndpoint&error=none&limit=2');
  // The largest of the newest changes' records, by the stored text's length.
  let largest = { id: '', size: 0 };
  for (const e of await ids(request, 'readOnly=false&limit=40')) {
    const size = ((await (await request.get(`/api/events/${e.eventId}`)).json()).cloudTrailEvent as string).length;
    if (size > largest.size) largest = { id: e.eventId, size };
  }
  for (const [what, id] of [['update', update.eventId], ['failed call', failed.eventId], [`largest record (${largest.size} B)`, largest.id]]) {
    await page.goto(`/events/${id}#raw`);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await openFolds(page);
    await audit(page, `event page, ${what}`);
  }
  await page.goto(`/events/compare?id=${a.eventId}&id=${b.eventId}`);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await audit(page, 'compare');
});

test('users, a user, a resource with a long lifeline, sync and watches have no serious accessibility violation', async ({ page, request }) => {
  await page.goto('/users');
  await expect(page.getByRole('table').first()).toBeVisible();
  await audit(page, '/users');
  await page.goto(`/users/${encodeURIComponent('MediaOpsAdmin/ops-alice')}`);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await audit(page, 'a user');

  // The endpoint the newest update touched has been created, updated, rotated and polled for weeks.
  const [update] = await ids(request, 'op=UpdateOriginEndpoint&error=none&limit=1');
  await page.goto(`/resources/${encodeURIComponent(update.resources[0].id)}`);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  expect(await page.locator('li').count()).toBeGreaterThan(20);
  await openFolds(page);
  await audit(page, 'a resource lifeline');

  await page.goto('/sync');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await audit(page, '/sync');

  // Watches with the form to make one and, opened, a form to add a destination.
  await page.goto('/watches?query=op%3DDeleteChannel');
  await expect(page.getByRole('form', { name: 'New watch' })).toBeVisible();
  await page.getByRole('button', { name: 'Add a destination' }).first().click();
  await audit(page, '/watches');
});

test('not-found pages and sign-in have no serious accessibility violation', async ({ page, browser }) => {
  await page.goto('/events/00000000-0000-4000-8000-000000000000');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await audit(page, 'event not found');
  await page.goto('/resources/no-such-resource');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await audit(page, 'resource not found');

  const signedOut = await browser.newContext();
  const fresh = await signedOut.newPage();
  await fresh.goto('/signin');
  await expect(fresh.getByRole('button').first()).toBeVisible();
  await audit(fresh, '/signin');
  await signedOut.close();
});
