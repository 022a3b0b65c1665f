import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';

// /users and /users/{principal}: who did what, sortable, each principal a link to its activity.

const usersTable = (page: Page) => page.getByRole('table').first();

/** The principals in the order the table shows them (each row's first link). */
async function principals(table: Locator): Promise<string[]> {
  return table.locator('tbody tr').evaluateAll((rows) => rows.map((r) => r.querySelector('a')?.textContent ?? ''));
}

async function columnNumbers(table: Locator, index: number): Promise<number[]> {
  const texts = await table.locator(`tbody tr td:nth-child(${index})`).allTextContents();
  return texts.map((t) => Number(t.replace(/[^\d]/g, '')));
}

test('the users page lists every principal with its identity type, root and denied calls marked', async ({ page }) => {
  await page.goto('/users');
  await expect(page.getByRole('heading', { name: 'Users' })).toBeVisible();
  const table = usersTable(page);
  expect(await table.locator('tbody tr').count()).toBeGreaterThanOrEqual(12);
  for (const type of ['IAM user', 'role session', 'SSO person', 'root', 'service', 'federated']) {
    await expect(table.getByText(type, { exact: true }).first()).toBeVisible();
  }
  await expect(table.getByRole('link', { name: 'MediaOpsAdmin/ops-alice', exact: true })).toBeVisible();
  await expect(table.getByRole('link', { name: 'carol@example.com', exact: true })).toBeVisible();
  await expect(table.getByText(/AccessDenied \d+/).first()).toBeVisible();
});

test('sorting by a column reorders the rows and is kept in the URL', async ({ page }) => {
  await page.goto('/users');
  const table = usersTable(page);
  const byEvents = await columnNumbers(table, 3);
  expect(byEvents).toEqual([...byEvents].sort((a, b) => b - a));
  const before = await principals(table);

  await table.getByRole('button', { name: 'Events' }).click();
  await expect(page).toHaveURL(/sort=events&dir=asc/);
  const ascending = await columnNumbers(table, 3);
  expect(ascending).toEqual([...ascending].sort((a, b) => a - b));
  await expect(table.getByRole('columnheader', { name: /Events/ })).toHaveAttribute('aria-sort', 'ascending');

  await table.getByRole('button', { name: 'Principal' }).click();
  await expect(page).toHaveURL(/sort=principal/);
  const byName = await principals(table);
  expect(byName).not.toEqual(before);
  expect(byName.slice().sort()).toEqual(before.slice().sort());

  // The sorted view is a link: opening it again shows the same order.
  await page.reload();
  expect(await principals(usersTable(page))).toEqual(byName);
});

test('filters in the URL narrow the list, and a bad parameter says what is accepted', async ({ page }) => {
  await page.goto('/users');
  const all = await columnNumbers(usersTable(page), 3);
  await page.goto('/users?range=7d&region=eu-west-1');
  await expect(page.getByRole('link', { name: 'Last 7d' })).toHaveAttribute('aria-current', 'page');
  await expect(page.getByText('region=eu-west-1')).toBeVisible();
  const narrowed = await columnNumbers(usersTable(page), 3);
  expect(narrowed.reduce((a, b) => a + b, 0)).toBeLessThan(all.reduce((a, b) => a + b, 0));

  await page.goto('/users?sort=age');
  await expect(page.getByRole('alert').filter({ hasText: 'Invalid filter' })).toContainText('sort must be one of principal');
});

for (const principal of ['MediaOpsAdmin/ops-alice', 'dave@example.com']) {
  test(`clicking ${principal} opens its page with its events, all by it`, async ({ page }) => {
    await page.goto('/users?range=90d');
    await usersTable(page).getByRole('link', { name: principal, exact: true }).click();
    await expect(page).toHaveURL(`/users/${encodeURIComponent(principal)}?range=90d`);
    await expect(page.getByRole('heading', { level: 1 })).toContainText(principal);
    await expect(page.getByRole('region', { name: 'Identity' })).toContainText('First seen');

    const events = page.getByRole('table', { name: 'Events' });
    await expect(events.locator('tbody tr[data-index]').first()).toBeVisible();
    const owners = await events.locator('tbody a[href^="/users/"]').evaluateAll((links) => links.map((a) => a.getAttribute('href')));
    expect(owners.length).toBeGreaterThan(5);
    expect(new Set(owners)).toEqual(new Set([`/users/${encodeURIComponent(principal)}`]));

    const all = page.getByRole('link', { name: 'All events of this principal' });
    expect(new URL(String(await all.getAttribute('href')), 'http://x').searchParams.get('user')).toBe(principal);
  });
}

test('an unknown principal is a 404 that says so', async ({ page }) => {
  const response = await page.goto(`/users/${encodeURIComponent('nobody/at-all')}`);
  expect(response?.status()).toBe(404);
  await expect(page.getByRole('heading', { name: 'Principal not found' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Users' }).last()).toHaveAttribute('href', '/users');
});
