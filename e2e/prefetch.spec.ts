import { expect, test } from './fixtures';

// Next prefetches every next/link in view, and each prefetch is a render on the server: the event,
// user and resource pages once asked for 27–39 of them per view. Only the nav bar's sections are
// prefetched now (components/ui/nav-links.tsx); a next/link used directly, not through
// components/ui/link.tsx, shows up here.
const NAV = new Set(['/watches', '/events', '/users', '/sync']);

test('pages prefetch only the nav bar’s sections, however many links they show', async ({ page, request }) => {
  const [event] = (await (await request.get('/api/events?op=UpdateOriginEndpoint&limit=1')).json()).events as { eventId: string; principal: string; resources: { id: string }[] }[];
  const prefetched: string[] = [];
  await page.setViewportSize({ width: 1440, height: 1000 });
  page.on('request', (r) => {
    if (!r.headers()['next-router-prefetch']) return;
    const url = new URL(r.url());
    url.searchParams.delete('_rsc');
    prefetched.push(`${url.pathname}${url.search}`);
  });
  for (const path of ['/events', `/events/${event.eventId}`, `/users/${encodeURIComponent(event.principal)}`, `/resources/${encodeURIComponent(event.resources[0].id)}`, '/users', '/sync']) {
    await page.goto(path);
    await expect(page.getByRole('heading', { level: 1 })).toBeAttached();
    // Viewport prefetches start once the page has hydrated and its links have been seen.
    await expect.poll(() => prefetched.length, { message: `prefetches from ${path}` }).toBeGreaterThan(0);
    await page.waitForTimeout(1500);
    expect(prefetched.filter((p) => !NAV.has(p)), `prefetched from ${path}`).toEqual([]);
    prefetched.length = 0;
  }
});
