import { expect, test } from '@playwright/test';
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
  await expect(page.getByText(/ops-alice|deploy-bot|carol@example.com/).first()).toBeVisible();
  const status = await (await page.request.get('/api/sync')).json();
  expect(status.mode).toBe('demo');
  expect(status.streams).toHaveLength(4);
});

test('the demo offers no local sign-in when no local account exists, and no credentials ever reach the page', async ({ page }) => {
  await page.goto('/signin');
  await expect(page.getByRole('button', { name: 'Continue as demo viewer' })).toBeVisible();
  await expect(page.getByLabel('Password')).toHaveCount(0);
  const html = await page.content();
  expect(html).not.toMatch(/AKIADEMO|secretAccessKey|NEXTAUTH_SECRET|scrypt\$/);
});
