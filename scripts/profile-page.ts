// `npm run profile -- DATA_DIR [PATH] [--empty] [--clients 20] [--seconds 15]` (or `-- FILE.cpuprofile` to summarise one again): serves the store in DATA_DIR
// (one a bench left with BENCH_DIR) under `node --cpu-prof`, loads PATH (default /events) from
// `clients` concurrent loops, stops the server cleanly so V8 writes its profiles, and prints the
// main thread's self time by function and by package, heaviest first. The .cpuprofile files stay
// in the printed folder, for Chrome DevTools' Performance panel.
// A build made with PACKTRAIL_PROFILE_BUILD=1 (and NEXT_DIST_DIR=.next-prof, to keep the usual one)
// keeps its server code unminified, so the profile names our functions and React's.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ROOT, signIn, waitFor } from './stress/app-server';
import { runConcurrent } from './bench-http';
import { benchServerEnv, measuredStoreUrl } from './bench-server-env';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { empty: { type: 'boolean', default: false }, clients: { type: 'string', default: '20' }, seconds: { type: 'string', default: '15' }, port: { type: 'string', default: '3975' } } });
const [dataDir, page = '/events'] = positionals;
if (!dataDir) throw new Error('usage: npm run profile -- DATA_DIR [PATH]');

interface Node { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }
interface Profile { nodes: Node[]; samples: number[]; timeDeltas: number[] }

function where(url: string): string {
  const m = url.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/);
  if (m) return m[1];
  if (/\.next[^/]*\/server/.test(url)) return 'app (.next/server)';
  if (url.startsWith('node:') || !url) return url || '(native)';
  return path.relative(ROOT, url.replace(/^file:\/\//, ''));
}

function summarise(file: string) {
  const p = JSON.parse(fs.readFileSync(file, 'utf8')) as Profile;
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  p.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (p.timeDeltas[i] ?? 0)));
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  const byFn = new Map<string, number>();
  const byPkg = new Map<string, number>();
  for (const [id, us] of self) {
    const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
    const fn = `${functionName || '(anonymous)'} ${where(url)}:${lineNumber + 1}`;
    byFn.set(fn, (byFn.get(fn) ?? 0) + us);
    byPkg.set(where(url), (byPkg.get(where(url)) ?? 0) + us);
  }
  // Inclusive time: a function's own samples and its callees', counted once per stack.
  const parent = new Map<number, number>();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const inclusive = new Map<string, number>();
  for (const [id, us] of self) {
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const { functionName, url, lineNumber } = byId.get(at)!.callFrame;
      if (!functionName || functionName === '(root)') continue;
      const fn = `${functionName} ${where(url)}:${lineNumber + 1}`;
      if (seen.has(fn)) continue;
      seen.add(fn);
      inclusive.set(fn, (inclusive.get(fn) ?? 0) + us);
    }
  }
  const top = (m: Map<string, number>, n: number) => [...m].sort((a, b) => b[1] - a[1]).slice(0, n).map(([k, us]) => `  ${((100 * us) / total).toFixed(1).padStart(5)} %  ${k}`).join('\n');
  console.log(`\n${path.basename(file)}: ${(total / 1e6).toFixed(1)} s sampled\nby package:\n${top(byPkg, 15)}\nby function:\n${top(byFn, 30)}\nincluding callees:\n${top(inclusive, 60)}`);
}

async function main() {
  if (dataDir.endsWith('.cpuprofile')) return summarise(dataDir);
  const port = Number(values.port);
  const profDir = fs.mkdtempSync('/tmp/packtrail-prof-');
  const env = benchServerEnv(dataDir, measuredStoreUrl(dataDir, values.empty));
  // next start itself, not through npm: the profile is written when this process exits on SIGINT.
  const server = spawn(process.execPath, ['--cpu-prof', `--cpu-prof-dir=${profDir}`, ...(process.env.PROFILE_NODE_FLAGS ?? '--max-semi-space-size=32 --max-old-space-size=384').split(' '), 'node_modules/next/dist/bin/next', 'start', '--hostname', '127.0.0.1', '--port', String(port)], { cwd: ROOT, env: { ...env, NODE_OPTIONS: '' }, stdio: 'ignore' });
  const base = `http://127.0.0.1:${port}`;
  await waitFor(`${base}/api/health`, 120_000);
  const cookie = await signIn(base);
  await runConcurrent(`${base}${page}`, cookie, 4, 5_000);
  const load = await runConcurrent(`${base}${page}`, cookie, Number(values.clients), Number(values.seconds) * 1000);
  console.log(`${page}, ${values.clients} clients: ${JSON.stringify(load)}`);
  await new Promise<void>((resolve) => {
    server.once('exit', () => resolve());
    server.kill('SIGINT');
  });
  const files = fs.readdirSync(profDir).map((f) => path.join(profDir, f));
  // The biggest profile is the server's main thread; the store's threads come after.
  files.sort((a, b) => fs.statSync(b).size - fs.statSync(a).size);
  for (const f of files.slice(0, 3)) summarise(f);
  console.log(`\nprofiles: ${profDir}`);
}

void main();
