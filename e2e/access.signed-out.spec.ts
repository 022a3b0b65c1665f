import { expect, test } from '@playwright/test';
import { E2E_USER } from '../playwright.config';
import { appRoutes } from '../lib/testing/app-routes';

const OPEN = new Set(['/api/health', '/signin']);
const AUTH = /^\/api\/auth\//;

test('every page and API route, found from app/, refuses a signed-out visitor', async ({ request }) => {
  const routes = appRoutes();
  expect(routes.length).toBeGreaterThanOrEqual(10);
  for (const route of routes) {
    if (OPEN.has(route.url) || AUTH.test(route.url)) continue;
    for (const method of route.methods) {
      const res = await request.fetch(`${route.url}?op=UpdateChannel`, { method, maxRedirects: 0 });
      const where = `${method} ${route.url} (${route.file})`;
      if (route.kind === 'api') {
        expect(res.status(), where).toBe(401);
        expect((await res.json()).error, where).toMatch(/Sign in/);
      } else {
        expect(res.status(), where).toBe(307);
        const location = new URL(res.headers().location, 'http://x');
        expect(location.pathname, where).toBe('/signin');
        expect(location.searchParams.get('callbackUrl'), where).toBe(`${route.url}?op=UpdateChannel`);
      }
    }
  }
  expect((await request.get('/api/health')).status()).toBe(200);
});

async function signInWithLocalAccount(page: import('@playwright/test').Page) {
  await expect(page).toHaveURL(/\/signin\?callbackUrl=/);
  await page.getByLabel('Username').fill(E2E_USER.name);
  await page.getByLabel('Password').fill(E2E_USER.password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
}

test('a shared link opened signed out lands on that exact link after sign-in', async ({ page }) => {
  const link = '/events?op=UpdateOriginEndpoint&ip=203.0.113.0%2F24&range=90d';
  await page.goto(link);
  await signInWithLocalAccount(page);
  await expect(page).toHaveURL(link);

  // The permalink of one event survives sign-in the same way.
  const [event] = (await (await page.request.get('/api/events?limit=1')).json()).events;
  await page.context().clearCookies();
  await page.goto(`/events/${event.eventId}`);
  await signInWithLocalAccount(page);
  await expect(page).toHaveURL(`/events/${event.eventId}`);
});

test('a wrong password is refused with a message, and the session cookie is HttpOnly and SameSite=Lax', async ({ page }) => {
  await page.goto('/signin');
  await page.getByLabel('Username').fill(E2E_USER.name);
  await page.getByLabel('Password').fill('not the password');
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'do not match' })).toBeVisible();
  await page.getByLabel('Password').fill(E2E_USER.password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page).toHaveURL(/\/events/);
  const session = (await page.context().cookies()).find((c) => c.name.includes('next-auth.session-token'));
  expect(session).toMatchObject({ httpOnly: true, sameSite: 'Lax' });
});

for (const target of ['https://evil.example/steal', '//evil.example', '/\\evil.example', 'javascript:alert(1)']) {
  test(`callbackUrl=${target} stays on the site`, async ({ page, baseURL }) => {
    await page.goto(`/signin?callbackUrl=${encodeURIComponent(target)}`);
    await page.getByLabel('Username').fill(E2E_USER.name);
    await page.getByLabel('Password').fill(E2E_USER.password);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect(page).toHaveURL(/\/events/);
    expect(new URL(page.url()).origin).toBe(new URL(baseURL!).origin);
  });
}

test('next-auth’s own callback cannot be turned into an open redirect', async ({ request }) => {
  const csrf = (await (await request.get('/api/auth/csrf')).json()).csrfToken;
  const res = await request.post('/api/auth/callback/local', {
    form: { csrfToken: csrf, username: E2E_USER.name, password: E2E_USER.password, callbackUrl: 'https://evil.example/' },
    maxRedirects: 0,
  });
  const location = res.headers().location ?? (await res.text());
  expect(location).not.toContain('evil.example');
});

test('pages carry a nonce-based CSP without inline scripts, and the other protective headers', async ({ request }) => {
  const res = await request.get('/signin');
  const headers = res.headers();
  const csp = headers['content-security-policy'];
  expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
  expect(csp.split(';').find((d) => d.trim().startsWith('script-src'))).not.toContain('unsafe-inline');
  expect(csp).toContain("frame-ancestors 'none'");
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['referrer-policy']).toBe('same-origin');
  const nonce = /'nonce-([^']+)'/.exec(csp)![1];
  const html = await res.text();
  for (const tag of html.match(/<script\b[^>]*>/g) ?? []) expect(tag).toContain(`nonce="${nonce}"`);
});

test('the favicon loads without a session, and robots.txt keeps the whole site out of search indexes', async ({ request }) => {
  const icon = await request.get('/favicon.ico', { maxRedirects: 0 });
  expect(icon.status()).toBe(200);
  expect((await icon.body()).subarray(0, 4)).toEqual(Buffer.from([0, 0, 1, 0])); // an ICO header, not a sign-in page
  const robots = await request.get('/robots.txt', { maxRedirects: 0 });
  expect(robots.status()).toBe(200);
  expect(await robots.text()).toMatch(/^User-agent: \*\nDisallow: \/$/m);
});

test('signing out ends the session: the header link signs out and pages ask for sign-in again', async ({ page }) => {
  await page.goto('/sync');
  await signInWithLocalAccount(page);
  await expect(page).toHaveURL('/sync');
  await expect(page.getByText(E2E_USER.name, { exact: true })).toBeVisible();
  await page.getByRole('link', { name: 'Sign out' }).click();
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.goto('/events');
  await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Fevents/);
  expect((await page.request.get('/api/events')).status()).toBe(401);
});

test('behind HTTPS (x-forwarded-proto: https) the session cookie is Secure and the proxy reads it', async ({ request }) => {
  const https = { 'x-forwarded-proto': 'https' };
  const csrf = await request.get('/api/auth/csrf', { headers: https });
  const { csrfToken } = await csrf.json();
  const res = await request.post('/api/auth/callback/local', {
    headers: https,
    form: { csrfToken, username: E2E_USER.name, password: E2E_USER.password, callbackUrl: '/events' },
    maxRedirects: 0,
  });
  const session = res.headersArray().find((h) => h.name.toLowerCase() === 'set-cookie' && h.value.includes('session-token'))?.value ?? '';
  expect(session).toMatch(/^__Secure-next-auth\.session-token=/);
  expect(session).toMatch(/; Secure/i);
  expect(session).toMatch(/HttpOnly/i);
  expect(session).toMatch(/SameSite=Lax/i);
  const token = session.split(';')[0];
  expect((await request.get('/api/events?limit=1', { headers: { ...https, cookie: token } })).status()).toBe(200);
  expect((await request.get('/api/events?limit=1', { headers: { cookie: token } })).status()).toBe(401);
});
