import { expect, test } from '@playwright/test';
import { column, eventIds, table } from './events-table';
import { waitForFirstSync } from './fixtures';

// The README's first command: no AWS account, demo data, one click to look around.
test('a new user signs in with one click and sees demo data, plainly labelled', async ({ page }) => {
  await page.goto('/');
  await expect(page).toHaveURL(/\/signin\?callbackUrl=/);
  await page.getByRole('button', { name: 'Continue as demo viewer' }).click();
  await expect(page).toHaveURL(/\/events/);
  await waitForFirstSync(page.request);
  await page.reload();
  await expect(page.getByRole('status').filter({ hasText: 'Demo data' })).toBeVisible();
  expect((await column(page, 'Principal')).length).toBeGreaterThan(0);
  // The newest rows can all be the demo's health check polling (CI at 17:55 UTC); its people are on /users.
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Users' }).click();
  await expect(page.getByRole('link', { name: /ops-alice|deploy-bot|carol@example.com/ }).first()).toBeVisible();
  const status = await (await page.request.get('/api/sync')).json();
  expect(status.mode).toBe('demo');
  // Two accounts (each through its role) × two regions × two event sources.
  expect(status.streams.map((s: { account: string }) => s.account)).toEqual([...Array(4).fill('media-prod'), ...Array(4).fill('media-staging')]);
});

test('accounts go by their names: filter by one, open its event, and one name in two accounts is two principals', async ({ page }) => {
  await page.goto('/signin');
  await page.getByRole('button', { name: 'Continue as demo viewer' }).click();
  await expect(page).toHaveURL(/\/events/);
  await waitForFirstSync(page.request);
  await page.goto('/events?range=30d');
  // With several accounts the account picker is in the filter bar itself, not under More.
  await page.getByRole('region', { name: 'Filters' }).getByRole('button', { name: /^Account/ }).click();
  await page.getByRole('checkbox', { name: 'media-staging' }).check();
  await expect.poll(() => new URL(page.url()).searchParams.getAll('account')).toEqual(['444455556666']);
  await expect(page.getByRole('list', { name: 'Active filters' })).toContainText('account=media-staging');
  // The Account column shows names, the id one hover away; every row is staging's.
  await expect.poll(async () => new Set(await column(page, 'Account'))).toEqual(new Set(['media-staging']));
  const [first] = await eventIds(page);
  await table(page).locator(`a[href="/events/${first}"]`).first().click();
  await expect(page).toHaveURL(new RegExp(`/events/${first}$`));
  await expect(page.getByRole('region', { name: 'Result' }).getByTitle('AWS account 444455556666')).toHaveText('media-staging');

  // The same role session in both accounts: two rows on /users, each linked to its own account.
  await page.goto('/users?range=30d');
  const alice = page.getByRole('row').filter({ has: page.getByRole('link', { name: 'MediaOpsAdmin/ops-alice', exact: true }) });
  await expect(alice).toHaveCount(2);
  await expect(alice.filter({ hasText: 'in media-prod' })).toHaveCount(1);
  const staging = alice.filter({ hasText: 'in media-staging' }).getByRole('link').first();
  await expect(staging).toHaveAttribute('href', /account=444455556666/);
  await staging.click();
  await expect(page.getByRole('navigation', { name: 'Breadcrumb' })).toContainText('MediaOpsAdmin/ops-alice in media-staging');
  // Every event on that page is staging's, and its principal link keeps to that account.
  await expect.poll(async () => new Set(await column(page, 'Account'))).toEqual(new Set(['media-staging']));
  await expect(table(page).getByRole('link', { name: 'MediaOpsAdmin/ops-alice' }).first()).toHaveAttribute('href', '/users/MediaOpsAdmin%2Fops-alice?account=444455556666');

  // A channel name both accounts use: the resource page lists each resource by kind, region and account, no two alike.
  await page.goto('/resources/sports-hd');
  const answering = page.locator('main ul li a[href^="#"]');
  await expect(answering.filter({ hasText: 'media-staging' }).first()).toBeVisible();
  const labels = await answering.allTextContents();
  expect(new Set(labels).size, labels.join(' | ')).toBe(labels.length);
});

test('the demo offers no local sign-in when no local account exists, and no credentials ever reach the page', async ({ page }) => {
  await page.goto('/signin');
  await expect(page.getByRole('button', { name: 'Continue as demo viewer' })).toBeVisible();
  await expect(page.getByLabel('Password')).toHaveCount(0);
  const html = await page.content();
  expect(html).not.toMatch(/AKIADEMO|secretAccessKey|NEXTAUTH_SECRET|scrypt\$/);
});
