// `npm run bench:search -- DATA_DIR DIST_A [DIST_B] [--rounds 3]`: how long the events page takes
// to answer a free-text search, all time, asked afresh: for a word no event holds, the name of the
// principal with the fewest events, and of the one with the most. A search the rollups cannot count
// reads the events, and the rarer the word the more of them the page reads. Each build (a folder
// made with `NEXT_DIST_DIR=DIST npx next build`, or a checkout: store code differs only between
// checkouts, see withBuildServing) is started afresh for each round, in alternating
// order, and each page is asked twice, the first ask being what is summed up: the second can reuse
// values the first left in the server's read cache. With DIST_B, B over A per page and round.
// The store is DATA_DIR's SQLite file, or DATABASE_URL; nothing syncs while it is measured.
import { parseArgs } from 'node:util';
import { median, timedGet } from './bench-http';
import { benchServerEnv, measuredStoreUrl, withBuildServing } from './bench-server-env';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { rounds: { type: 'string', default: '3' }, port: { type: 'string', default: '3977' } } });
const [dataDir, ...dists] = positionals;
if (!dataDir || !dists.length || dists.length > 2) throw new Error('usage: npm run bench:search -- DATA_DIR DIST_A [DIST_B] [--rounds 3]');

const env = benchServerEnv(dataDir, measuredStoreUrl(dataDir, false));
const SEARCHES = ['nothing matches', 'the fewest events', 'the most events'] as const;
type Search = (typeof SEARCHES)[number];

function measure(dist: string, tag: string): Promise<Record<Search, number[]>> {
  return withBuildServing(env, dist, values.port, async (base, cookie) => {
    const { users } = (await (await fetch(`${base}/api/users`, { headers: { cookie } })).json()) as { users: { principal: string; events: number }[] };
    const byEvents = [...users].sort((a, b) => a.events - b.events);
    const words: Record<Search, string> = { 'nothing matches': `no-such-word-${tag}`, 'the fewest events': byEvents[0].principal, 'the most events': byEvents.at(-1)!.principal };
    await timedGet(`${base}/events`, cookie); // warm-up, not counted
    const times = {} as Record<Search, number[]>;
    for (const s of SEARCHES) {
      times[s] = [];
      for (let i = 0; i < 2; i++) {
        const { status, ms } = await timedGet(`${base}/events?q=${encodeURIComponent(words[s])}`, cookie);
        if (status !== 200) throw new Error(`/events?q=${words[s]} answered ${status}`);
        times[s].push(ms);
      }
    }
    return times;
  });
}

async function main() {
  const all = dists.map(() => Object.fromEntries(SEARCHES.map((s) => [s, [] as number[]])) as Record<Search, number[]>);
  const ratios = Object.fromEntries(SEARCHES.map((s) => [s, [] as number[]])) as Record<Search, number[]>;
  for (let round = 1; round <= Number(values.rounds); round++) {
    // Which build goes first alternates, so neither always meets a machine warmed by the other.
    const order = round % 2 ? dists.map((_, i) => i) : dists.map((_, i) => i).reverse();
    const got: Record<Search, number[]>[] = [];
    for (const i of order) got[i] = await measure(dists[i], `${round}-${i}`);
    console.log(`round ${round}`);
    for (const s of SEARCHES) {
      got.forEach((t, i) => all[i][s].push(t[s][0]));
      if (got.length === 2) ratios[s].push(got[1][s][0] / got[0][s][0]);
      console.log(`  ${s}: ${got.map((t, i) => `${dists[i]} ${t[s].map((ms) => ms.toFixed(0)).join(' then ')} ms`).join(' · ')}`);
    }
  }
  console.log(`\nevents page, all time, a free-text search asked afresh (first ask, median of the rounds, ms${dists.length === 2 ? `; ${dists[1]} over ${dists[0]}, round by round` : ''}):`);
  for (const s of SEARCHES) {
    const both = all.map((t, i) => `${dists[i]} ${median(t[s]).toFixed(0)}`).join(', ');
    console.log(`  ${s}: ${both}${dists.length === 2 ? `; ×${ratios[s].map((r) => r.toFixed(2)).join(', ×')}` : ''}`);
  }
}

void main();
