import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from './fixtures';
import { DATA_DIR } from '../playwright.config';

// The session secret, password hashes and the AWS secret key live on the server only: not in any
// page, API answer or JavaScript bundle the browser can fetch.
test('no secret reaches a page, an API answer or a client bundle', async ({ page, request }) => {
  const secrets = [
    fs.readFileSync(path.join(DATA_DIR, 'session-secret'), 'utf8').trim(),
    ...(JSON.parse(fs.readFileSync(path.join(DATA_DIR, 'users.json'), 'utf8')).users as { hash: string }[]).map((u) => u.hash.split('$').pop()!),
    'e2e-not-a-secret', // AWS_SECRET_ACCESS_KEY of the e2e server
  ];
  const bodies: string[] = [];
  for (const url of ['/events', '/users', '/sync', '/signin', '/api/sync', '/api/events?limit=500', '/api/users', '/api/auth/session', '/api/auth/providers']) {
    bodies.push(await (await request.get(url)).text());
  }
  await page.goto('/events');
  const scripts = await page.evaluate(() => [...document.querySelectorAll('script[src]')].map((s) => (s as HTMLScriptElement).src));
  expect(scripts.length).toBeGreaterThan(0);
  for (const src of scripts) bodies.push(await (await request.get(src)).text());
  for (const body of bodies) for (const secret of secrets) expect(body.includes(secret)).toBe(false);
});
