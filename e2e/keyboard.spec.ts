import type { Page } from '@playwright/test';
import { eventIds, table } from './events-table';
import { expect, hydrated, test } from './fixtures';

// The main task with the keyboard alone: no click, no mouse, no locator.focus() — only Tab and keys.

/**
 * Presses Tab until the focused element `el` makes `test` (a JavaScript expression) true; fails
 * after `max` presses. The page's own focus order decides the way there.
 */
async function tabTo(page: Page, test: string, max = 80): Promise<void> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((src) => Boolean(new Function('el', `return ${src}`)(document.activeElement)), test)) return;
  }
  throw new Error(`Tab never reached the element where ${test}`);
}

const byLabel = (label: string) => `el.getAttribute('aria-label') === ${JSON.stringify(label)}`;
const byText = (text: string) => `el.textContent.trim() === ${JSON.stringify(text)}`;
const REGION_BOX = `el.closest('label')?.textContent.trim() === 'Region'`;

test.use({ permissions: ['clipboard-read', 'clipboard-write'] });

test('filter by a CIDR, open an event and copy its link, with the keyboard alone', async ({ page }) => {
  await page.goto('/events?range=30d');
  await hydrated(page.getByRole('searchbox', { name: 'Source IP or CIDR' }));

  // The first Tab reaches the skip link, which jumps past the header to the page.
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Skip to content' })).toBeFocused();

  await tabTo(page, byLabel('Source IP or CIDR'));
  await page.keyboard.type('203.0.113.0/24');
  await page.keyboard.press('Enter');
  await expect.poll(() => new URL(page.url()).searchParams.getAll('ip')).toEqual(['203.0.113.0/24']);
  await expect(page.getByRole('region', { name: 'Filters' })).toHaveAttribute('aria-busy', 'false');
  const ids = await eventIds(page);
  expect(ids.length).toBeGreaterThan(0);

  // The table's scroll area takes focus; arrows pick a row, Enter opens it.
  await tabTo(page, byLabel('Events table, scrollable'));
  await page.keyboard.press('ArrowDown');
  await expect(table(page).locator('tbody tr[aria-current="true"]')).toHaveAttribute('aria-rowindex', '2');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`/events/${ids[0]}$`));

  // Focus lands on the new page's heading, so reading and tabbing continue from the event.
  const heading = page.getByRole('heading', { level: 1 });
  await expect(heading).toBeFocused();
  await tabTo(page, byText('Copy link'));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('button', { name: 'Link copied' })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(page.url());
});

test('the timeline zooms from the keyboard and says what it covers; its counts are also a table', async ({ page }) => {
  await page.goto('/events?range=7d');
  const plot = await hydrated(page.getByRole('application', { name: /^Timeline/ }));
  await tabTo(page, `el.getAttribute('role') === 'application'`);
  await expect(plot).toBeFocused();

  // The cursor starts on the newest bucket; Shift+← widens the span by one bucket each.
  await page.keyboard.press('ArrowLeft');
  const status = page.locator('#timeline-cursor');
  await expect(status).toContainText(/events/);
  for (let i = 0; i < 3; i++) await page.keyboard.press('Shift+ArrowLeft');
  await expect(status).toContainText(/ to .*events; Enter zooms/);
  await page.keyboard.press('Enter');
  await expect.poll(() => new URL(page.url()).searchParams.get('from')).not.toBeNull();
  const url = new URL(page.url());
  expect(url.searchParams.get('range')).toBeNull();
  // Four hourly buckets of a 7-day view.
  expect(Date.parse(url.searchParams.get('to')!) + 1 - Date.parse(url.searchParams.get('from')!)).toBe(4 * 3_600_000);

  // The text alternative: the chart's counts as a table, opened from the keyboard.
  await tabTo(page, byText('Counts as a table'));
  await page.keyboard.press('Enter');
  const counts = page.getByRole('table', { name: /Events per .* bucket/ });
  await expect(counts).toBeVisible();
  const total = Number((await page.getByRole('figure').locator('.timeline-total strong').textContent())!.replace(/,/g, ''));
  const cells = await counts.locator('tbody tr td:nth-child(2)').allTextContents();
  expect(cells.reduce((n, c) => n + Number(c.replace(/,/g, '')), 0)).toBe(total);
});

test('the column menu opens, toggles and closes from the keyboard, and gives focus back', async ({ page }) => {
  await page.goto('/events?range=30d');
  await hydrated(page.getByRole('button', { name: /^Columns/ }));
  await tabTo(page, `el.textContent.trim().startsWith('Columns')`);
  await page.keyboard.press('Enter');
  const regionBox = page.getByRole('checkbox', { name: 'Region' });
  await expect(regionBox).toBeVisible();
  const before = await regionBox.isChecked();
  await tabTo(page, REGION_BOX);
  await page.keyboard.press('Space');
  await expect(regionBox).toBeChecked({ checked: !before });
  await page.keyboard.press('Escape');
  await expect(regionBox).toBeHidden();
  await expect(page.getByRole('button', { name: /^Columns/ })).toBeFocused();
  // Put it back as it was, for the specs after this one (the choice is kept in localStorage).
  await page.keyboard.press('Enter');
  await tabTo(page, REGION_BOX);
  await page.keyboard.press('Space');
  await expect(regionBox).toBeChecked({ checked: before });
});
