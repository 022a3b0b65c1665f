import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { appRoutes } from '@/lib/testing/app-routes';

// The proxy is one wall; this checks the second: every page and handler that reads data asks for
// a session itself, so nothing is exposed if the proxy is misconfigured or skipped.
const OPEN = new Set(['/', '/signin', '/api/health']);

describe('every route checks the session where it reads data', () => {
  const routes = appRoutes().filter((r) => !OPEN.has(r.url) && !r.url.startsWith('/api/auth/'));

  it('finds the app’s routes', () => {
    expect(routes.length).toBeGreaterThanOrEqual(10);
  });

  it.each(routes.map((r) => [r.url, r]))('%s', (_url, route) => {
    const source = fs.readFileSync(route.file, 'utf8');
    // requireApiAdmin asks for the session first, then for an admin.
    const guard = route.kind === 'page' ? /await requirePageSession\(\)/ : /await requireApi(Session\(\)|Admin\()/;
    const handlers = route.kind === 'page' ? 1 : route.methods.length;
    expect((source.match(new RegExp(guard.source, 'g')) ?? []).length).toBeGreaterThanOrEqual(handlers);
  });
});

describe('server actions check the session too', () => {
  const files = (dir: string): string[] =>
    fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(`${dir}/${e.name}`) : /\.tsx?$/.test(e.name) ? [`${dir}/${e.name}`] : []));
  const actions = ['app', 'components', 'lib'].flatMap((d) => files(d)).filter((f) => /^['"]use server['"]/m.test(fs.readFileSync(f, 'utf8')));
  it.each(actions.map((f) => [f]))('%s', (file) => {
    const source = fs.readFileSync(file, 'utf8');
    const exported = (source.match(/export async function/g) ?? []).length;
    expect((source.match(/await getSession\(\)|await requireApiSession\(\)/g) ?? []).length).toBeGreaterThanOrEqual(exported);
  });
});
