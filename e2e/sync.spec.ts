import { expect, test } from './fixtures';

// /sync: where each region and event source stands, and a button that runs a sync now.

test('the sync page shows each region and event source with its watermark and stored events', async ({ page }) => {
  await page.goto('/sync');
  await expect(page.getByRole('heading', { name: 'Sync' })).toBeVisible();
  const rows = page.getByRole('table').locator('tbody tr');
  await expect(rows).toHaveCount(4); // two regions × two event sources
  const seen = new Set<string>();
  for (const row of await rows.all()) {
    const cells = row.getByRole('cell');
    const region = (await cells.nth(0).textContent()) ?? '';
    const source = (await cells.nth(1).textContent()) ?? '';
    seen.add(`${region.match(/^[a-z]+-[a-z]+-\d/)?.[0]} ${source}`);
    expect(Number((await cells.nth(2).textContent())?.replace(/[^\d]/g, ''))).toBeGreaterThan(0);
    await expect(cells.nth(3).locator('time')).toHaveAttribute('datetime', /^\d{4}-\d{2}-\d{2}T/);
    await expect(cells.nth(3)).toContainText(/ago|just now/);
    await expect(cells.nth(5)).toContainText('up to date');
  }
  expect([...seen].sort()).toEqual([
    'eu-west-1 mediapackage.amazonaws.com',
    'eu-west-1 mediapackagev2.amazonaws.com',
    'us-west-2 mediapackage.amazonaws.com',
    'us-west-2 mediapackagev2.amazonaws.com',
  ]);
});

test('"Sync now" runs an incremental sync and the page shows it finishing', async ({ page }) => {
  await page.goto('/sync');
  const status = page.getByRole('status', { name: 'Sync status' });
  const finished = status.locator('time');
  const before = await finished.getAttribute('datetime');
  const lastRun = page.getByRole('table').locator('tbody tr').first().getByRole('cell').nth(6).locator('time');
  const runBefore = await lastRun.getAttribute('datetime');

  await page.getByRole('button', { name: 'Sync now' }).click();
  // The page refreshes itself; no reload here.
  await expect.poll(() => finished.getAttribute('datetime'), { timeout: 20_000 }).not.toBe(before);
  await expect.poll(() => lastRun.getAttribute('datetime'), { timeout: 20_000 }).not.toBe(runBefore);
  await expect(status).toContainText('Idle');
});
