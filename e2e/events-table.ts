import { expect, type Browser, type Page } from '@playwright/test';

// Reading the /events table as a person sees it, shared by the specs that filter it.

export function table(page: Page) {
  return page.getByRole('table', { name: 'Events' });
}

/** The data rows' cells in one column (spacer rows are aria-hidden, so not rows). */
export async function column(page: Page, header: string): Promise<string[]> {
  const headers = await table(page).getByRole('columnheader').allTextContents();
  const index = headers.findIndex((h) => h.startsWith(header));
  expect(index, `column ${header} in ${headers.join('|')}`).toBeGreaterThanOrEqual(0);
  return table(page).locator('tbody').getByRole('row').locator(`td:nth-child(${index + 1})`).allTextContents();
}

/** The event of each row, as its link to /events/{eventId} names it. */
export async function eventIds(page: Page): Promise<string[]> {
  const hrefs = await table(page).locator('tbody').getByRole('row').getByRole('link').evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
  return hrefs.filter((h) => h.startsWith('/events/')).map((h) => decodeURIComponent(h.slice('/events/'.length)));
}

/**
 * Copies the view's link with its button and opens it in a fresh browser context signed in as the
 * same user: the rows must be the same ones, in the same order.
 */
export async function expectCopiedLinkOpensSameRows(page: Page, browser: Browser, storageState: unknown): Promise<void> {
  const ids = await eventIds(page);
  await page.getByRole('button', { name: 'Copy link' }).click();
  await expect(page.getByText('Link copied')).toBeVisible();
  const link = await page.evaluate(() => navigator.clipboard.readText());
  expect(link).toBe(page.url());
  const fresh = await browser.newContext({ storageState: storageState as string });
  const other = await fresh.newPage();
  await other.goto(link);
  await expect.poll(() => eventIds(other)).toEqual(ids);
  await fresh.close();
}
