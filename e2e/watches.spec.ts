import { createHmac, randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { makeRecord } from '../lib/testing/records';
import { importWithCli } from './cli-import';
import { expect, hydrated, test } from './fixtures';

// A watch made from an /events view with "Watch this view" tells a webhook (here, a receiver in
// the test; the e2e server allows private destinations) of a matching event once, signed.

test('"Watch this view" makes a watch whose webhook is told of a new matching event once, signed', async ({ page }) => {
  const got: { body: string; signature: string; delivery: string }[] = [];
  const receiver = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      got.push({ body, signature: String(req.headers['x-packtrail-signature']), delivery: String(req.headers['x-packtrail-delivery']) });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
  try {
    const channel = `watch-e2e-${randomUUID().slice(0, 8)}`;
    await page.goto(`/events?op=DeleteChannel&q=${channel}`);
    await hydrated(page.getByRole('link', { name: 'Watch this view' }));
    await page.getByRole('link', { name: 'Watch this view' }).click();
    await expect(page).toHaveURL(/\/watches\?query=/);
    const form = page.getByRole('form', { name: 'New watch' });
    await hydrated(form);
    await expect(form.getByLabel('Filter (the query of an /events view)')).toHaveValue(`op=DeleteChannel&q=${channel}`);
    await form.getByLabel('Name').fill(`Deletions of ${channel}`);
    await form.getByLabel('URL').fill(url);
    await form.getByLabel(/Secret/).fill('e2e-webhook-secret-0123');
    await form.getByRole('button', { name: 'Create watch' }).click();
    const card = page.getByRole('listitem', { name: `Deletions of ${channel}` });
    await expect(card).toBeVisible();
    // The filter reads as /events' chips do, and opens those events.
    const chips = card.getByRole('list', { name: `Filter of Deletions of ${channel}` });
    await expect(chips.getByRole('listitem')).toHaveText(['op=DeleteChannel', `search=${channel}`]);
    await expect(card.getByRole('link', { name: 'Open these events' })).toHaveAttribute('href', `/events?op=DeleteChannel&q=${channel}`);
    await expect(card).toContainText('Webhook http://127.0.0.1');
    await expect(card).not.toContainText('/hook'); // the URL is shown masked
    expect(JSON.stringify(await (await page.request.get('/api/watches')).json())).not.toContain('e2e-webhook-secret');

    // A matching event and one that does not match, stored by the CLI; both happen after the watch
    // was made (older events are not sent).
    const records = [makeRecord({ time: Date.now(), eventName: 'DeleteChannel', channelId: channel }), makeRecord({ time: Date.now(), eventName: 'UpdateChannel', channelId: channel })];
    importWithCli(records);
    await expect.poll(() => got.length, { timeout: 10_000 }).toBe(1);
    await new Promise((r) => setTimeout(r, 2000));
    expect(got).toHaveLength(1); // once
    const body = JSON.parse(got[0].body);
    expect(body.event.eventId).toBe(records[0].eventID);
    expect(body.link).toMatch(new RegExp(`/events/${records[0].eventID}$`));
    expect(got[0].signature).toBe(`sha256=${createHmac('sha256', 'e2e-webhook-secret-0123').update(got[0].body).digest('hex')}`);
    await page.reload();
    await expect(page.getByRole('listitem', { name: `Deletions of ${channel}` })).toContainText('delivered');
  } finally {
    await new Promise<void>((resolve) => receiver.close(() => resolve()));
  }
});
