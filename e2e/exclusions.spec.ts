import ipaddr from 'ipaddr.js';
import { expect, hydrated, test } from './fixtures';
import { column, expectCopiedLinkOpensSameRows, table } from './events-table';
import type { APIRequestContext, Page } from '@playwright/test';

// Filters that leave things out: "anything from outside our office ranges?", "everything but the
// polling". Built in the UI, carried by the URL, and the same rows in a fresh browser.

const OFFICE = ['203.0.113.0/24', '198.51.100.0/24'];

/** The principal of each row, as its link to /users/{principal} names it (the cell also holds a badge). */
async function principals(page: Page): Promise<string[]> {
  const hrefs = await table(page).locator('tbody a[href^="/users/"]').evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
  return hrefs.map((h) => decodeURIComponent(h.slice('/users/'.length)));
}

function inOffice(source: string): boolean {
  if (!ipaddr.isValid(source)) return false;
  const addr = ipaddr.process(source);
  return OFFICE.some((cidr) => {
    const range = ipaddr.parseCIDR(cidr);
    return addr.kind() === range[0].kind() && addr.match(range);
  });
}

async function apiTotal(request: APIRequestContext, query: string): Promise<{ sources: string[]; count: number }> {
  const sources: string[] = [];
  for (let cursor: string | null = null, first = true; first || cursor; first = false) {
    const res = await request.get(`/api/events?${query}&limit=500${cursor ? `&cursor=${cursor}` : ''}`);
    expect(res.status()).toBe(200);
    const body: { events: { sourceIp: string }[]; nextCursor: string | null } = await res.json();
    sources.push(...body.events.map((e) => e.sourceIp));
    cursor = body.nextCursor;
  }
  return { sources, count: sources.length };
}

test.describe('exclusions', () => {
  test.use({ permissions: ['clipboard-read', 'clipboard-write'] });

  test('"not my office ranges" built in the UI is a link that opens the same rows in a fresh browser', async ({ page, browser, request }, testInfo) => {
    // A window that ended an hour ago, so the background sync cannot change its rows between loads.
    const hour = 3_600_000;
    const iso = (ms: number) => new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
    const window = `from=${iso(Date.now() - 30 * 24 * hour)}&to=${iso(Date.now() - hour)}`;
    await page.goto(`/events?${window}`);

    await (await hydrated(page.getByRole('combobox', { name: 'Source IP match' }))).selectOption('not');
    const box = page.getByRole('searchbox', { name: 'Source IP or CIDR' });
    await box.fill('203.0.113.0/24, 198.51.100.0/33');
    await expect(page.getByText('"198.51.100.0/33" is not a valid CIDR')).toBeVisible();
    await box.fill(OFFICE.join(', '));
    await box.press('Enter');
    await expect.poll(() => new URL(page.url()).searchParams.getAll('notIp')).toEqual(OFFICE);
    await expect(box).toHaveValue('');
    await box.fill('AWS Internal');
    await page.getByRole('button', { name: 'Leave out' }).click();
    await expect.poll(() => new URL(page.url()).searchParams.getAll('notIp')).toEqual([...OFFICE, 'AWS Internal']);

    const chips = page.getByRole('list', { name: 'Active filters' });
    for (const value of [...OFFICE, 'AWS Internal']) await expect(chips.getByRole('listitem').filter({ hasText: `ip not ${value}` })).toBeVisible();
    await expect(page.getByRole('region', { name: 'Filters' })).toHaveAttribute('aria-busy', 'false');
    await expect.poll(async () => (await column(page, 'Source IP')).some((s) => inOffice(s) || s === 'AWS Internal')).toBe(false);
    const shown = await column(page, 'Source IP');
    expect(shown.length).toBeGreaterThan(5);
    // IPv6 callers and AWS services are what is left: excluding IPv4 ranges keeps the other family.
    expect(shown.some((s) => s.includes(':'))).toBe(true);

    // The count agrees with the JSON API, and the API agrees with a plain check of every source.
    const query = `${window}&${[...OFFICE, 'AWS Internal'].map((v) => `notIp=${encodeURIComponent(v)}`).join('&')}`;
    const api = await apiTotal(request, query);
    expect(api.sources.some((s) => inOffice(s) || s === 'AWS Internal')).toBe(false);
    await expect(page.getByRole('figure')).toContainText(`${api.count.toLocaleString('en')} events`);

    await expectCopiedLinkOpensSameRows(page, browser, testInfo.project.use.storageState);

    // Removing one exclusion brings its events back and leaves the others.
    await chips.getByRole('link', { name: 'Remove filter ip not AWS Internal' }).click();
    await expect.poll(() => new URL(page.url()).searchParams.getAll('notIp')).toEqual(OFFICE);
    await expect.poll(async () => (await column(page, 'Source IP')).includes('AWS Internal')).toBe(true);
  });

  test('the operation and principal pickers leave values out, shown as "not" chips', async ({ page }) => {
    await page.goto('/events?range=90d');
    await (await hydrated(page.getByRole('button', { name: 'Operation' }))).click();
    await page.getByRole('button', { name: 'Exclude DescribeChannel', exact: true }).click();
    await expect.poll(() => new URL(page.url()).searchParams.getAll('notOp')).toEqual(['DescribeChannel']);
    await expect(page.getByRole('button', { name: 'Exclude DescribeChannel', exact: true })).toHaveAttribute('aria-pressed', 'true');
    await page.keyboard.press('Escape');
    await expect(page.getByRole('list', { name: 'Active filters' }).getByRole('listitem').filter({ hasText: 'op not DescribeChannel' })).toBeVisible();
    await expect.poll(async () => (await column(page, 'Operation')).length).toBeGreaterThan(0);
    expect(await column(page, 'Operation')).not.toContain('DescribeChannel');

    const busiest = [...(await principals(page)).reduce((m, p) => m.set(p, (m.get(p) ?? 0) + 1), new Map<string, number>())].sort((a, b) => b[1] - a[1])[0][0];
    await page.getByRole('button', { name: 'Principal' }).click();
    await page.getByRole('button', { name: `Exclude ${busiest}`, exact: true }).click();
    await expect.poll(() => new URL(page.url()).searchParams.getAll('notUser')).toEqual([busiest]);
    await page.keyboard.press('Escape');
    await expect(page.getByRole('region', { name: 'Filters' })).toHaveAttribute('aria-busy', 'false');
    await expect.poll(async () => (await principals(page)).includes(busiest)).toBe(false);
    expect((await principals(page)).length).toBeGreaterThan(0);
    expect(await column(page, 'Operation')).not.toContain('DescribeChannel');
  });
});
