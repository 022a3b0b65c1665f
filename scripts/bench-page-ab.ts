// `npm run bench:page -- DATA_DIR DIST_A DIST_B [--rounds 4] [--path /events] [--clients 20] [--seconds 15]`:
// two builds of the app (folders made with `NEXT_DIST_DIR=DIST npx next build`, or two checkouts,
// to compare store code: scripts/bench-server-env.ts, withBuildServing) serving the same
// store in turns, each under the bench's closed-loop load, and the pages per second of A over B
// pair by pair. A change to a page is judged by these ratios: on this shared 2-core machine one
// run's p95 drifts by a quarter between runs of the same build (the 1M demo store: 263 and 404 ms).
// The store is DATA_DIR's SQLite file, or DATABASE_URL; nothing syncs while it is measured.
import { parseArgs } from 'node:util';
import { median, runConcurrent } from './bench-http';
import { benchServerEnv, measuredStoreUrl, withBuildServing } from './bench-server-env';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { rounds: { type: 'string', default: '4' }, path: { type: 'string', default: '/events' }, clients: { type: 'string', default: '20' }, seconds: { type: 'string', default: '15' }, port: { type: 'string', default: '3976' } },
});
const [dataDir, distA, distB] = positionals;
if (!dataDir || !distA || !distB) throw new Error('usage: npm run bench:page -- DATA_DIR DIST_A DIST_B [--rounds 4] [--path /events]');

type Load = Awaited<ReturnType<typeof runConcurrent>>;

// Once: it also adds the bench's user to DATA_DIR.
const env = benchServerEnv(dataDir, measuredStoreUrl(dataDir, false));

async function measure(dist: string): Promise<Load> {
  return withBuildServing(env, dist, values.port, async (base, cookie) => {
    await runConcurrent(`${base}${values.path}`, cookie, 4, 4_000); // warm-up, not counted
    return runConcurrent(`${base}${values.path}`, cookie, Number(values.clients), Number(values.seconds) * 1000);
  });
}

const line = (name: string, l: Load) => `${name}: ${l.requestsPerSecond} pages/s, p50 ${l.p50} ms, p95 ${l.p95} ms${l.errors ? `, ${l.errors} errors` : ''}`;
async function main() {
  const ratios: number[] = [];
  for (let round = 1; round <= Number(values.rounds); round++) {
    // Which build goes first alternates, so neither always meets a machine warmed by the other.
    // The same folder twice is an A/A run: the machine's own noise.
    let a: Load;
    let b: Load;
    if (round % 2) {
      a = await measure(distA);
      b = await measure(distB);
    } else {
      b = await measure(distB);
      a = await measure(distA);
    }
    ratios.push(a.requestsPerSecond / b.requestsPerSecond);
    console.log(`round ${round}\n  ${line(distA, a)}\n  ${line(distB, b)}\n  A/B pages per second: ${ratios.at(-1)!.toFixed(3)}`);
  }
  console.log(`${values.path}, ${values.clients} clients, ${distA} over ${distB}, pages per second pair by pair: ${ratios.map((r) => r.toFixed(3)).join(', ')}; median ${median(ratios).toFixed(3)}`);
}

void main();
