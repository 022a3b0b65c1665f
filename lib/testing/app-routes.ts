import fs from 'node:fs';
import path from 'node:path';

// Every route of the app, found from the app/ tree (not a hand list), with sample values for
// dynamic segments, so a new page or handler is checked for sign-in without anyone remembering to.

export interface AppRoute {
  kind: 'page' | 'api';
  file: string;
  url: string;
  methods: string[];
}

const SAMPLES: Record<string, string> = {
  eventId: '3f0c1e0a-7b1d-4c3e-9a55-6a8f1b2c3d4e',
  principal: 'MediaOpsAdmin%2Fops-alice',
  resource: 'sports-hd',
  nextauth: 'session',
};

function segmentValue(segment: string): string | null {
  if (/^\(.*\)$/.test(segment)) return null; // route groups add nothing to the URL
  const dynamic = /^\[{1,2}(?:\.\.\.)?([^\]]+)\]{1,2}$/.exec(segment);
  if (dynamic) return SAMPLES[dynamic[1]] ?? 'sample';
  return segment;
}

export function appRoutes(root = path.join(__dirname, '..', '..', 'app')): AppRoute[] {
  const routes: AppRoute[] = [];
  const walk = (dir: string, segments: string[]) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) {
        if (entry.name.startsWith('_')) continue; // private folders are not routes
        const value = segmentValue(entry.name);
        walk(path.join(dir, entry.name), value === null ? segments : [...segments, value]);
      } else if (/^(page|route)\.tsx?$/.test(entry.name)) {
        const file = path.join(dir, entry.name);
        const url = `/${segments.join('/')}`;
        if (entry.name.startsWith('page')) routes.push({ kind: 'page', file, url, methods: ['GET'] });
        else {
          const source = fs.readFileSync(file, 'utf8');
          const methods = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'].filter((m) => new RegExp(`export (async function|const|\\{[^}]*\\bas) ?${m}\\b|handler as ${m}`).test(source));
          routes.push({ kind: 'api', file, url, methods });
        }
      }
    }
  };
  walk(root, []);
  return routes;
}
