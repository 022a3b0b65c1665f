import { expect, test } from '@playwright/test';
import { E2E_VIEWER } from '../playwright.config';

// PACKTRAIL_ADMINS names the admins (e2e-admin here); a viewer reads everything but starts nothing.

test('a viewer reads the sync status but gets a 403 saying why when starting a sync, and sees no button for it', async ({ page }) => {
  await page.goto('/signin');
  await page.getByLabel('Username').fill(E2E_VIEWER.name);
  await page.getByLabel('Password').fill(E2E_VIEWER.password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page).toHaveURL(/\/events/);

  expect((await page.request.get('/api/sync')).status()).toBe(200);
  const started = await page.request.post('/api/sync');
  expect(started.status()).toBe(403);
  expect((await started.json()).error).toBe('Only admins may start a sync; e2e-viewer is a viewer. Admins are named in PACKTRAIL_ADMINS.');

  await page.goto('/sync');
  await expect(page.getByRole('status', { name: 'Sync status' })).toBeVisible();
  await expect(page.getByRole('button', { name: /sync now/i })).toHaveCount(0);
  await expect(page.getByText('Syncs are started by admins (PACKTRAIL_ADMINS)')).toBeVisible();
});
