// `npm run test:stress` part: 50 concurrent clients for 60 s against the events page and
// /api/events while a sync writes into the same store. Passes with zero errors, no request over
// 2 s, and the server's memory back near where it started.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { startEmulator } from '@/lib/emulator/lookup-events-server';
import { makeRecords } from '@/lib/testing/records';
import { ROOT, rssMb, startAppServer } from './app-server';

const CLIENTS = Number(process.env.LOAD_CLIENTS ?? 50);
const SECONDS = Number(process.env.LOAD_SECONDS ?? 60);
const PATHS = [
  '/events',
  '/events?range=7d&op=UpdateOriginEndpoint',
  '/api/events?limit=100',
  '/api/events?ip=203.0.113.0%2F24&limit=50',
  '/api/events?error=any&range=30d',
  '/api/events?q=sports&limit=50',
  '/api/events?user=MediaOpsAdmin%2Fops-alice',
];

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

async function main() {
  const server = await startAppServer(Number(process.env.LOAD_PORT ?? 3950));
  // The writer: a backfill of another region into the same SQLite file, through the CLI.
  const source = await startEmulator({ tps: 25 });
  source.add(makeRecords(60_000, { region: 'ap-southeast-2', spanMs: 80 * 86_400_000 }));
  const writer = spawn(process.execPath, ['--conditions=react-server', '--import', 'tsx', 'scripts/sync.ts', '--once'], {
    cwd: ROOT,
    stdio: 'ignore',
    env: {
      ...process.env,
      PACKTRAIL_SOURCE: 'aws',
      PACKTRAIL_REGIONS: 'ap-southeast-2',
      PACKTRAIL_RATE_LIMIT: '25',
      AWS_ENDPOINT_URL_CLOUDTRAIL: source.url,
      AWS_ACCESS_KEY_ID: 'AKIASTRESSSTRESSSTRE',
      AWS_SECRET_ACCESS_KEY: 'stress',
      DATABASE_URL: `file:${path.join(server.dataDir, 'packtrail.db')}`,
    },
  });
  // Warm-up: the first render of each route loads its modules; the run measures the steady state.
  for (const p of PATHS) await (await fetch(`${server.baseUrl}${p}`, { headers: { cookie: server.cookie } })).arrayBuffer();
  const rssStart = rssMb(server.pid);
  const latencies: number[] = [];
  const byPath = new Map<string, number[]>(PATHS.map((p) => [p, []]));
  const errors: string[] = [];
  const deadline = Date.now() + SECONDS * 1000;
  let i = 0;
  async function client() {
    while (Date.now() < deadline) {
      const p = PATHS[i++ % PATHS.length];
      const url = `${server.baseUrl}${p}`;
      const t0 = performance.now();
      try {
        const res = await fetch(url, { headers: { cookie: server.cookie }, signal: AbortSignal.timeout(10_000) });
        await res.arrayBuffer();
        if (res.status !== 200) errors.push(`${res.status} ${url}`);
      } catch (err) {
        errors.push(`${(err as Error).message} ${url}`);
      }
      latencies.push(performance.now() - t0);
      byPath.get(p)!.push(performance.now() - t0);
    }
  }
  const triggers = setInterval(() => void fetch(`${server.baseUrl}/api/sync`, { method: 'POST', headers: { cookie: server.cookie } }).catch(() => {}), 5000);
  const rssPeak = { mb: rssStart };
  const samples: number[] = [];
  const sampler = setInterval(() => {
    const mb = rssMb(server.pid);
    rssPeak.mb = Math.max(rssPeak.mb, mb);
    samples.push(Math.round(mb));
  }, 1000);
  await Promise.all(Array.from({ length: CLIENTS }, client));
  clearInterval(triggers);
  const rssEnd = rssMb(server.pid);
  await new Promise((r) => setTimeout(r, 5000));
  const rssIdle = rssMb(server.pid);
  clearInterval(sampler);
  const written = source.stats().eventsReturned;
  writer.kill('SIGTERM');
  await source.close();
  await server.stop();
  const sorted = [...latencies].sort((a, b) => a - b);
  const figures = {
    clients: CLIENTS,
    seconds: SECONDS,
    requests: latencies.length,
    requestsPerSecond: Math.round(latencies.length / SECONDS),
    errors: errors.length,
    p50ms: Math.round(percentile(sorted, 50)),
    p95ms: Math.round(percentile(sorted, 95)),
    p99ms: Math.round(percentile(sorted, 99)),
    maxMs: Math.round(sorted[sorted.length - 1] ?? 0),
    eventsWrittenMeanwhile: written,
    byPath: Object.fromEntries(
      [...byPath].map(([p, l]) => {
        const s = [...l].sort((a, b) => a - b);
        return [p, { n: s.length, p95ms: Math.round(percentile(s, 95)), maxMs: Math.round(s[s.length - 1] ?? 0) }];
      }),
    ),
    rssMb: { start: Math.round(rssStart), peak: Math.round(rssPeak.mb), end: Math.round(rssEnd), idle5s: Math.round(rssIdle), every10s: samples.filter((_, i) => i % 10 === 9) },
  };
  console.log(JSON.stringify(figures));
  for (const e of errors.slice(0, 10)) console.log(`  ${e}`);
  // Flat: the second half of the run does not keep growing past the first half's high-water mark
  // (V8 keeps the heap it grew to under load; a leak keeps growing).
  const half = samples.slice(0, Math.floor(samples.length / 2));
  const flat = rssIdle <= Math.max(...half, rssStart) * 1.15;
  const ok = errors.length === 0 && figures.maxMs <= 2000 && flat && written > 0;
  console.log(ok ? 'PASS: zero errors, nothing starved over 2 s, memory flat' : 'FAIL');
  process.exit(ok ? 0 : 1);
}

void main();
