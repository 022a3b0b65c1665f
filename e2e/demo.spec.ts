import { expect, test } from './fixtures';

test('a new user opens the dashboard and sees demo data, plainly labelled', async ({ page }) => {
  await page.goto('/');
  await expect(page).toHaveURL(/\/events$/);
  await expect(page.getByRole('status')).toContainText('Demo data');
  await expect(page.getByRole('heading', { name: 'Events' })).toBeVisible();
  await expect(page.getByRole('row')).toHaveCount(101); // header + newest 100
});

test('a filter in the URL narrows the page; a bad one says why', async ({ page }) => {
  await page.goto('/events?error=any');
  for (const cell of await page.getByRole('row').locator('td:last-child').allTextContents()) expect(cell).not.toBe('ok');
  await page.goto('/events?ip=300.1.1.1');
  await expect(page.getByText('Invalid filter')).toContainText('ip "300.1.1.1" is not a valid address');
});

test('the sync page shows each region and event source', async ({ page }) => {
  await page.goto('/sync');
  await expect(page.getByRole('row')).toHaveCount(5);
  await expect(page.getByRole('cell', { name: 'eu-west-1' }).first()).toBeVisible();
});
