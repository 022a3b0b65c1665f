import { expect, type Page } from '@playwright/test';

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
