import fs from 'node:fs';
import { expect, hydrated, test } from './fixtures';
import { column, eventIds, expectCopiedLinkOpensSameRows, table } from './events-table';
import type { APIRequestContext, Page } from '@playwright/test';
import { parse as parseCsvText } from 'csv-parse/sync';

// The /events explorer: filters in the URL, timeline zoom, export, keyboard, hostile text.

const CSV_COLUMNS = 'eventTime,eventName,eventSource,region,accountId,principal,principalType,sourceIp,userAgent,readOnly,errorCode,errorMessage,resources,eventId,description';

// csv-parse (the reading side of csv-stringify) checks the export as any spreadsheet tool would read it.
const parseCsv = (csv: string): string[][] => parseCsvText(csv, { relax_column_count: false });

/** Every event id the JSON API lists for a query, paging through its cursors. */
async function apiIds(request: APIRequestContext, query: string): Promise<string[]> {
  const ids: string[] = [];
  for (let cursor: string | null = null, first = true; first || cursor; first = false) {
    const res = await request.get(`/api/events?${query}&limit=500${cursor ? `&cursor=${cursor}` : ''}`);
    const body: { events: { eventId: string }[]; nextCursor: string | null } = await res.json();
    ids.push(...body.events.map((e) => e.eventId));
    cursor = body.nextCursor;
  }
  return ids;
}

function inCidr24(ip: string, prefix: string): boolean {
  return ip.startsWith(`${prefix}.`);
}

test('filtering by operation and by a CIDR shows only matching rows, and back undoes it', async ({ page, request }) => {
  await page.goto('/events');
  await (await hydrated(page.getByRole('button', { name: 'Operation' }))).click();
  await page.getByRole('checkbox', { name: 'DescribeChannel', exact: true }).check();
  await expect(page).toHaveURL(/[?&]op=DescribeChannel/);
  await page.keyboard.press('Escape');
  await expect.poll(async () => [...new Set(await column(page, 'Operation'))]).toEqual(['DescribeChannel']);

  const ip = page.getByRole('searchbox', { name: 'Source IP or CIDR' });
  await ip.fill('203.0.113.0/33');
  await expect(page.getByText('is not a valid CIDR')).toBeVisible();
  await ip.fill('203.0.113.0/24');
  await ip.press('Enter');
  await expect.poll(() => new URL(page.url()).searchParams.get('ip')).toBe('203.0.113.0/24');
  await expect.poll(async () => (await column(page, 'Source IP')).every((v) => inCidr24(v, '203.0.113'))).toBe(true);
  const shown = await column(page, 'Source IP');
  expect(shown.length).toBeGreaterThan(0);

  // The count agrees with the JSON API for the same filters.
  const matching = await apiIds(request, 'op=DescribeChannel&ip=203.0.113.0/24');
  await expect(page.getByRole('figure')).toContainText(`${matching.length.toLocaleString('en')} events`);
  expect((await eventIds(page)).slice(0, 20)).toEqual(matching.slice(0, 20));
  await expect(page.getByRole('listitem').filter({ hasText: 'ip=203.0.113.0/24' })).toBeVisible();

  await page.goBack();
  await expect.poll(() => new URL(page.url()).searchParams.get('ip')).toBeNull();
  await expect(page).toHaveURL(/op=DescribeChannel/);
});

test.describe('sharing', () => {
  test.use({ permissions: ['clipboard-read', 'clipboard-write'] });

  test('a copied link opens the same rows in a fresh browser context', async ({ page, browser }, testInfo) => {
    // A window that ended an hour ago: the background sync keeps delivering newer events (CloudTrail
    // is minutes late), which would rightly change the top rows of an open-ended window between loads.
    const hour = 3_600_000;
    const iso = (ms: number) => new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
    await page.goto(`/events?from=${iso(Date.now() - 30 * 24 * hour)}&to=${iso(Date.now() - hour)}`);
    await (await hydrated(page.getByRole('button', { name: 'Region' }))).click();
    await page.getByRole('checkbox', { name: 'eu-west-1' }).check();
    await page.keyboard.press('Escape');
    await page.getByRole('combobox', { name: 'Result' }).selectOption('none');
    await expect(page).toHaveURL(/error=none/);
    // Both filters in the rows, not only in the URL: the region-only rows (failed calls among them)
    // stay on screen until the second navigation renders.
    await expect(page.getByRole('region', { name: 'Filters' })).toHaveAttribute('aria-busy', 'false');
    await expect.poll(async () => [...new Set(await column(page, 'Region'))]).toEqual(['eu-west-1']);
    await expect.poll(async () => [...new Set(await column(page, 'Result'))]).toEqual(['ok']);
    expect((await eventIds(page)).length).toBeGreaterThan(5);
    await expectCopiedLinkOpensSameRows(page, browser, testInfo.project.use.storageState);
  });
});

test('dragging across the timeline zooms: from/to in the URL, range dropped', async ({ page }) => {
  await page.goto('/events?range=7d');
  const plot = page.getByTestId('timeline-plot');
  await expect(plot.locator('svg .recharts-bar-rectangle').first()).toBeVisible();
  const box = (await plot.boundingBox())!;
  const y = box.y + box.height * 0.5;
  await page.mouse.move(box.x + box.width * 0.3, y);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.45, y, { steps: 8 });
  await page.mouse.move(box.x + box.width * 0.6, y, { steps: 8 });
  await page.mouse.up();
  await expect.poll(() => new URL(page.url()).searchParams.get('from')).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  const url = new URL(page.url());
  expect(url.searchParams.get('range')).toBeNull();
  const from = Date.parse(url.searchParams.get('from')!);
  const to = Date.parse(url.searchParams.get('to')!);
  // 30%..60% of a 7-day chart: about two days of hourly buckets.
  expect(to - from).toBeGreaterThan(24 * 3_600_000);
  expect(to - from).toBeLessThan(4 * 24 * 3_600_000);
  const times = () => table(page).locator('tbody').getByRole('row').locator('time').evaluateAll((els) => els.map((e) => Date.parse(e.getAttribute('datetime')!)));
  await expect.poll(async () => (await times()).every((t) => t >= from && t <= to)).toBe(true);
  expect((await times()).length).toBeGreaterThan(0);

  // A click on the zoomed chart (now hourly bars) narrows to that one bucket.
  await expect(page.getByRole('figure')).toContainText('click a bar for its bucket');
  const zoomed = (await plot.boundingBox())!;
  await page.mouse.click(zoomed.x + zoomed.width * 0.5, y);
  await expect.poll(() => new URL(page.url()).searchParams.get('from')).not.toBe(url.searchParams.get('from'));
  const bucket = new URL(page.url());
  expect(Date.parse(bucket.searchParams.get('to')!) - Date.parse(bucket.searchParams.get('from')!)).toBe(3_600_000 - 1);
});

test('CSV export downloads exactly the filtered rows', async ({ page, request }) => {
  await page.goto('/events?readOnly=false&region=us-west-2');
  await expect(page.getByRole('figure')).toContainText('events');
  const downloadPromise = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Export CSV' }).click();
  const download = await downloadPromise;
  expect(download.suggestedFilename()).toMatch(/^packtrail-events-\d{4}-\d\d-\d\d\.csv$/);
  const rows = parseCsv(fs.readFileSync((await download.path())!, 'utf8'));
  expect(rows[0].join(',')).toBe(CSV_COLUMNS);
  const body = rows.slice(1);
  expect(new Set(body.map((r) => r[3]))).toEqual(new Set(['us-west-2']));
  expect(new Set(body.map((r) => r[9]))).toEqual(new Set(['false']));
  // Every stored change in that region, as the API lists them, newest first.
  const ids = await apiIds(request, 'readOnly=false&region=us-west-2');
  expect(body.map((r) => r[13])).toEqual(ids);
  // Each row tells its event in a sentence, the same the API gives.
  const first = (await (await request.get(`/api/events/${encodeURIComponent(ids[0])}`)).json()).event;
  // (A cell a spreadsheet would run as a formula gets a leading ', as every text cell does.)
  expect(body[0][14]).toBe(/^[=+\-@\t\r]/.test(first.description) ? `'${first.description}` : first.description);
  for (const r of body) expect(r[14]).toMatch(/^\S.{10,}\.$/);
  await expect(page.getByRole('figure')).toContainText(`${ids.length.toLocaleString('en')} events`);
});

test('/ focuses search; arrow keys move the selected row and Enter opens it', async ({ page }) => {
  await page.goto('/events?range=30d');
  const search = page.getByRole('searchbox', { name: 'Search' });
  // The shortcut works once the page has hydrated; a '/' pressed before that does nothing, and a
  // person presses it again (on a loaded CI machine the first press can land before hydration).
  await expect(async () => {
    await page.locator('body').press('/');
    await expect(search).toBeFocused({ timeout: 500 });
  }).toPass({ timeout: 10_000 });
  await expect(search).toHaveValue('');
  await search.press('Escape');
  await expect(search).not.toBeFocused();
  const ids = await eventIds(page);
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowUp');
  await expect(table(page).locator('tbody tr[aria-current="true"]')).toHaveAttribute('aria-rowindex', '3');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`/events/${ids[1]}$`));
});

test('up to five rows can be ticked, and Compare links them', async ({ page }) => {
  await page.goto('/events?range=30d');
  const boxes = table(page).getByRole('checkbox');
  for (let i = 0; i < 5; i++) await boxes.nth(i).check();
  await expect(boxes.nth(5)).toBeDisabled();
  const ids = (await eventIds(page)).slice(0, 5);
  const compare = page.getByRole('link', { name: 'Compare 5 selected' });
  await expect(compare).toHaveAttribute('href', `/events/compare?${ids.map((id) => `id=${id}`).join('&')}`);
});

test('a link in the table opens its page in-app, without reloading the page', async ({ page }) => {
  await page.goto('/events?range=7d');
  const link = table(page).locator('tbody tr').first().locator('a[href^="/users/"]');
  const href = (await link.getAttribute('href'))!;
  await hydrated(link);
  await page.evaluate(() => ((window as unknown as { __samePage?: boolean }).__samePage = true));
  await link.click();
  await expect(page).toHaveURL((url) => url.pathname === href);
  await expect(page.getByRole('heading', { level: 1 })).toContainText(decodeURIComponent(href.slice('/users/'.length)));
  expect(await page.evaluate(() => (window as unknown as { __samePage?: boolean }).__samePage)).toBe(true);
});

test.describe('in a browser west of UTC', () => {
  test.use({ timezoneId: 'America/New_York' });

  test('the UTC/local choice sticks across reloads', async ({ page }) => {
    await page.goto('/events?range=7d');
    await (await hydrated(page.getByRole('button', { name: 'UTC', exact: true }))).click();
    await expect(table(page).getByRole('columnheader', { name: /Time \(UTC\)/ })).toBeVisible();
    await page.reload();
    await expect(page.getByRole('button', { name: 'UTC', exact: true })).toHaveAttribute('aria-pressed', 'true');
    // The header names the zone; the rows show the time in it.
    await expect(table(page).getByRole('columnheader', { name: /Time \(UTC\)/ })).toBeVisible();
    // The row's own instant, not the API's newest asked beforehand: the sync may store a newer event in between.
    const time = table(page).locator('tbody tr').first().locator('time');
    const instant = (await time.getAttribute('datetime'))!;
    await expect(time).toContainText(instant.slice(11, 19));
  });
});

test('text typed by AWS users is shown as text: no markup runs, no dialog opens', async ({ page, request }) => {
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  const found: { eventName: string; principal: string; eventId: string }[] = (await (await request.get('/api/events?q=onerror')).json()).events;
  expect(
    found.filter((e) => /^(Create|Update)Channel$/.test(e.eventName)).length,
    'the history holds a CreateChannel/UpdateChannel whose description is an <img onerror> payload',
  ).toBeGreaterThanOrEqual(1);

  await page.goto('/events?q=onerror');
  const body = table(page).locator('tbody');
  await expect(body.getByRole('row')).toHaveCount(found.length);
  // Free text from the record (principal, session names) is on the page verbatim, as text.
  for (const e of found) await expect(body).toContainText(e.principal);
  expect(await eventIds(page)).toEqual(found.map((e) => e.eventId));

  // The same payload typed into the search box comes back as a chip, as text.
  const payload = '<img src=x onerror=alert(1)>';
  await page.getByRole('searchbox', { name: 'Search' }).fill(payload);
  await page.getByRole('searchbox', { name: 'Search' }).press('Enter');
  await expect(page.getByRole('listitem').filter({ hasText: `search=${payload}` })).toBeVisible();
  await expect(page.locator('img')).toHaveCount(0);
  await page.waitForTimeout(500);
  expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
  expect(dialogs).toEqual([]);
});

test('scrolling to the end of the table loads the next page, without repeats', async ({ page }) => {
  await page.goto('/events');
  const footer = page.locator('.table-footer');
  await expect(footer).toContainText('Showing 30 of');
  const total = Number((await footer.textContent())!.match(/of ([\d,]+)/)![1].replace(/,/g, ''));
  expect(total, 'the e2e history holds more than one page').toBeGreaterThan(30);
  // Not before the reader nears the end: one page view is one query, not two.
  await page.waitForTimeout(500);
  await expect(footer).toContainText('Showing 30 of');
  await page.locator('[data-table-scroll]').evaluate((box) => box.scrollTo(0, box.scrollHeight));
  await expect(footer).toContainText(`Showing ${Math.min(230, total).toLocaleString('en')} of`);
  // Every row the table now holds is a distinct event (the virtual table renders some of them).
  await page.locator('[data-table-scroll]').evaluate((box) => box.scrollTo(0, 0));
  const ids = await eventIds(page);
  expect(new Set(ids).size).toBe(ids.length);
});

test('each row can show its event as a sentence, the one its page heads with', async ({ page, request }) => {
  await page.goto('/events?range=90d&op=UpdateOriginEndpoint');
  await (await hydrated(page.getByRole('button', { name: /^Columns/ }))).click();
  await page.getByRole('checkbox', { name: 'What happened' }).check();
  await page.keyboard.press('Escape');
  const sentences = await column(page, 'What happened');
  const [first] = await apiIds(request, 'range=90d&op=UpdateOriginEndpoint');
  const event = (await (await request.get(`/api/events/${encodeURIComponent(first)}`)).json()).event as { description: string };
  expect(sentences[0]).toBe(event.description);
  expect(sentences.every((s) => / (updated|tried to update) origin endpoint /.test(s))).toBe(true);
  // The operation's tooltip carries the same sentence when the column is hidden.
  await expect(table(page).locator('tbody a.row-link').first()).toHaveAttribute('title', event.description);
});
