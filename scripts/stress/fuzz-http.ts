// `npm run test:stress` part: 10,000+ random and hostile requests over every page and API route
// (found from app/), signed in and out: random and huge parameters, invalid UTF-8, wrong methods,
// odd headers. Passes when no answer is a 5xx and every API 400 carries { error }.
import { appRoutes } from '@/lib/testing/app-routes';
import { startAppServer } from './app-server';

const TOTAL = Number(process.env.FUZZ_REQUESTS ?? 10_000);
const CONCURRENCY = 8;
const KEYS = ['op', 'ip', 'user', 'source', 'region', 'account', 'resource', 'from', 'to', 'range', 'readOnly', 'error', 'q', 'limit', 'cursor', 'bucket', 'format', 'id', 'sort', 'dir', 'callbackUrl'];
const VALUES = [
  '', ' ', 'UpdateChannel', '203.0.113.0/24', '2001:db8::/32', 'AWS Internal', '999.1.1.1', '1.2.3.4/99', 'eu-west-1', '111122223333', '2026-11-01T00:00:00Z',
  '2026-13-45T99:99:99Z', 'true', 'maybe', 'any', 'none', '24h', '-1', '0', '501', '1e9', 'NaN', "' OR 1=1 --", '<script>alert(1)</script>', '../../etc/passwd',
  '%00', '\u0000', '💥', 'x'.repeat(5000), 'y'.repeat(100_000), 'csv', 'ndjson', 'xml', 'auto', '1m', 'asc', 'events', '//evil.example',
];
const RAW_VALUES = ['%C3%28', '%FF%FE', '%E0%80%AF', '%', '%%', '%zz', '%ED%A0%80']; // invalid UTF-8 and broken escapes
const METHODS = ['GET', 'GET', 'GET', 'GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD'];
const SEGMENTS = ['3f0c1e0a-7b1d-4c3e-9a55-6a8f1b2c3d4e', 'a55a0001-0000-4000-8000-00000000e001', 'not-an-id', '%2F..%2F..', 'x'.repeat(3000), '%C3%28', 'MediaOpsAdmin%2Fops-alice', '%3Cscript%3E', 'sports-hd', 'compare'];

const pick = <T>(xs: T[]): T => xs[Math.floor(Math.random() * xs.length)];

function randomQuery(): string {
  const parts: string[] = [];
  for (let i = Math.floor(Math.random() * 6); i > 0; i--) {
    const key = Math.random() < 0.85 ? pick(KEYS) : Math.random().toString(36).slice(2, 8);
    const value = Math.random() < 0.15 ? pick(RAW_VALUES) : encodeURIComponent(pick(VALUES));
    parts.push(`${key}=${value}`);
  }
  return parts.length ? `?${parts.join('&')}` : '';
}

function randomPath(template: string): string {
  return template.replace(/(3f0c1e0a-7b1d-4c3e-9a55-6a8f1b2c3d4e|MediaOpsAdmin%2Fops-alice|sports-hd)/, () => (Math.random() < 0.6 ? pick(SEGMENTS) : '$1'));
}

function randomHeaders(cookie: string): Record<string, string> {
  const headers: Record<string, string> = {};
  if (Math.random() < 0.8) headers.cookie = cookie;
  if (Math.random() < 0.1) headers.cookie = `${cookie}; junk=${'z'.repeat(4000)}`;
  if (Math.random() < 0.1) headers.accept = pick(['text/csv', '*/*;q=bogus', 'application/json', '']);
  if (Math.random() < 0.1) headers['content-type'] = pick(['application/json', 'text/plain', 'multipart/form-data; boundary=', 'application/x-www-form-urlencoded']);
  if (Math.random() < 0.05) headers.range = 'bytes=0-10';
  if (Math.random() < 0.05) headers['x-forwarded-host'] = 'evil.example';
  if (Math.random() < 0.05) headers['x-packtrail-path'] = '//evil.example';
  return headers;
}

async function main() {
  const server = await startAppServer(Number(process.env.FUZZ_PORT ?? 3900));
  const routes = appRoutes().filter((r) => !r.url.startsWith('/api/auth'));
  const statuses = new Map<number, number>();
  const failures: string[] = [];
  let sent = 0;
  const started = Date.now();
  async function worker() {
    while (sent < TOTAL) {
      sent++;
      const route = pick(routes);
      const method = pick(METHODS);
      const url = `${server.baseUrl}${randomPath(route.url)}${randomQuery()}`;
      const body = ['POST', 'PUT', 'PATCH'].includes(method) && Math.random() < 0.5 ? pick(['{', '{"a":1}', 'x'.repeat(10_000), '\u0000']) : undefined;
      try {
        const res = await fetch(url, { method, headers: randomHeaders(server.cookie), body, redirect: 'manual', signal: AbortSignal.timeout(30_000) });
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        const text = method === 'HEAD' ? '' : await res.text();
        if (res.status >= 500) failures.push(`${res.status} ${method} ${url.slice(0, 300)} → ${text.slice(0, 200)}`);
        else if (res.status === 400 && route.kind === 'api' && method !== 'HEAD' && !/"error":"/.test(text)) failures.push(`400 without {error}: ${method} ${url.slice(0, 200)}`);
      } catch (err) {
        failures.push(`network error ${(err as Error).message}: ${method} ${url.slice(0, 200)}`);
      }
    }
  }
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const seconds = (Date.now() - started) / 1000;
  await server.stop();
  console.log(JSON.stringify({ requests: sent, seconds: Math.round(seconds), routes: routes.length, statuses: Object.fromEntries([...statuses].sort((a, b) => a[0] - b[0])), failures: failures.length }));
  for (const f of failures.slice(0, 20)) console.log(`  ${f}`);
  console.log(failures.length === 0 ? `PASS: ${sent} requests, no 5xx` : `FAIL: ${failures.length} bad answers`);
  process.exit(failures.length === 0 ? 0 : 1);
}

void main();
