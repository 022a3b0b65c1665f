import { expect, test } from '@playwright/test';
import { E2E_VIEWER } from '../playwright.config';

// PACKTRAIL_ADMINS names the admins (e2e-admin here); a viewer reads everything but starts nothing.

test('a viewer reads sync and watches but gets a 403 saying why when starting a sync or making a watch, and sees no controls for them', async ({ page }) => {
  await page.goto('/signin');
  await page.getByLabel('Username').fill(E2E_VIEWER.name);
  await page.getByLabel('Password').fill(E2E_VIEWER.password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page).toHaveURL(/\/events/);

  expect((await page.request.get('/api/sync')).status()).toBe(200);
  const started = await page.request.post('/api/sync');
  expect(started.status()).toBe(403);
  expect((await started.json()).error).toBe('Only admins may start a sync; e2e-viewer is a viewer. Admins are named in PACKTRAIL_ADMINS.');

  const watch = await page.request.post('/api/watches', { data: { name: 'x', query: 'op=DeleteChannel', destinations: [] } });
  expect(watch.status()).toBe(403);
  expect((await watch.json()).error).toBe('Only admins may manage watches; e2e-viewer is a viewer. Admins are named in PACKTRAIL_ADMINS.');
  expect((await page.request.get('/api/watches')).status()).toBe(200);
  await page.goto('/watches');
  await expect(page.getByText('Watches are managed by admins (PACKTRAIL_ADMINS).')).toBeVisible();
  await expect(page.getByRole('form', { name: 'New watch' })).toHaveCount(0);

  await page.goto('/sync');
  await expect(page.getByRole('status', { name: 'Sync status' })).toBeVisible();
  await expect(page.getByRole('button', { name: /sync now/i })).toHaveCount(0);
  await expect(page.getByText('Syncs are started by admins (PACKTRAIL_ADMINS)')).toBeVisible();
});
