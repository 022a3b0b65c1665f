// Deterministic 90-day MediaPackage CloudTrail history for demo mode and tests.
//
// A small discrete-event simulation: scripted stories (setup, retire/re-create, deploys,
// incidents) and background slots are queued by time, and each runs against the account state
// as it is at that moment. Running everything in time order is what keeps the history
// consistent: nothing can describe a channel before the task that created it has run.

import { createRng } from './prng';
import { buildPrincipals } from './demo-world';
import { buildRecord, type Sim, type World } from './demo-state';
import { scheduleDeploys, scheduleEphemerals, scheduleHarvests, scheduleRetireAndReturn, scheduleSetup } from './demo-script';
import { scheduleSeasons } from './demo-incidents';
import { backgroundSlot } from './demo-background';

export interface DemoHistoryOptions {
  /** Default 42. */
  seed?: number;
  start: Date;
  /** Exclusive. */
  end: Date;
  /** Default ['us-west-2', 'eu-west-1']. */
  regions?: string[];
  /** Default '111122223333'. */
  accountId?: string;
  /** Average MediaPackage events per day across all regions, default 120. */
  eventsPerDay?: number;
}

export interface DemoItem {
  record: Record<string, unknown>;
  /** Epoch ms: eventTime plus CloudTrail's 1–12 minute delivery delay, so delivery order differs from event order. */
  deliveredAt: number;
}

/** Relative busyness per UTC hour: people work 08–18 UTC, pollers never stop. */
const HOUR_WEIGHT = [0.45, 0.4, 0.4, 0.4, 0.45, 0.55, 0.7, 0.95, 1.35, 1.6, 1.7, 1.7, 1.6, 1.65, 1.7, 1.65, 1.5, 1.3, 1.0, 0.8, 0.7, 0.6, 0.55, 0.5];
const HOUR_TOTAL = HOUR_WEIGHT.reduce((a, b) => a + b, 0);
/** Weekdays 1.12, weekends 0.7: averages to 1 over a week. */
const dayWeight = (day: number): number => (day === 0 || day === 6 ? 0.7 : 1.12);
/** Share of eventsPerDay left to background slots; scripted stories (setup, deploys, incidents) make up the rest. */
const BACKGROUND_SHARE = 0.97;

interface Task { t: number; seq: number; run: () => void }

/** Min-heap on (t, seq); seq keeps same-second tasks in the order they were queued. */
class Queue {
  private items: Task[] = [];
  get size(): number { return this.items.length; }
  private less(a: Task, b: Task): boolean { return a.t < b.t || (a.t === b.t && a.seq < b.seq); }
  push(task: Task): void {
    const h = this.items;
    h.push(task);
    for (let i = h.length - 1; i > 0;) {
      const parent = (i - 1) >> 1;
      if (!this.less(h[i], h[parent])) break;
      [h[i], h[parent]] = [h[parent], h[i]];
      i = parent;
    }
  }
  pop(): Task | undefined {
    const h = this.items;
    const top = h[0];
    const last = h.pop();
    if (h.length > 0 && last) {
      h[0] = last;
      for (let i = 0; ;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < h.length && this.less(h[l], h[m])) m = l;
        if (r < h.length && this.less(h[r], h[m])) m = r;
        if (m === i) break;
        [h[i], h[m]] = [h[m], h[i]];
        i = m;
      }
    }
    return top;
  }
}

export function generateDemoHistory(o: DemoHistoryOptions): DemoItem[] {
  const seed = o.seed ?? 42;
  const regions = o.regions && o.regions.length > 0 ? [...o.regions] : ['us-west-2', 'eu-west-1'];
  const acct = o.accountId ?? '111122223333';
  const perDay = o.eventsPerDay ?? 120;
  // eventTime has second precision; keep every second t with start <= t*1000 < end.
  const startSec = Math.ceil(o.start.getTime() / 1000);
  const endSec = Math.ceil(o.end.getTime() / 1000);
  if (!(endSec > startSec)) return [];

  const rng = createRng(seed);
  const queue = new Queue();
  const out: DemoItem[] = [];
  let seq = 0;
  const world: World = { v1Channels: [], v1Endpoints: [], v2Groups: [], v2Channels: [], v2Endpoints: [], harvestJobs: [], gone: [], medialive: [] };
  const sim: Sim = {
    rng, seed, acct, regions, world, startSec, endSec,
    p: buildPrincipals(seed, acct),
    t: startSec,
    at: (t, run) => {
      const when = Math.max(Math.floor(t), sim.t);
      // seq advances even for dropped tasks, so ties resolve the same whatever the window's end.
      const order = seq++;
      if (when >= startSec && when < endSec) queue.push({ t: when, seq: order, run });
    },
    emit: (p, spec) => {
      out.push({ record: buildRecord(sim, p, spec), deliveredAt: sim.t * 1000 + rng.int(60_000, 720_000) });
    },
  };

  scheduleSetup(sim);
  scheduleRetireAndReturn(sim);
  scheduleEphemerals(sim);
  scheduleDeploys(sim);
  scheduleHarvests(sim);
  scheduleSeasons(sim);
  scheduleBackground(sim, perDay * BACKGROUND_SHARE);

  for (let task = queue.pop(); task; task = queue.pop()) {
    sim.t = task.t;
    task.run();
  }
  return out;
}

/**
 * Queues background slots one hour at a time, from a tick that queues the next tick: drawing
 * them all up front would make every draw depend on the window's end. Slots past the end are
 * dropped, which also gives a partial last hour its share.
 */
function scheduleBackground(sim: Sim, perDay: number): void {
  let dayNoise = 0.85 + sim.rng.next() * 0.3;
  const tick = (hour: number): void => {
    const from = Math.max(hour * 3600, sim.startSec);
    const to = hour * 3600 + 3600;
    const d = new Date(hour * 3600 * 1000);
    if (d.getUTCHours() === 0) dayNoise = 0.85 + sim.rng.next() * 0.3;
    const expected = perDay * dayWeight(d.getUTCDay()) * dayNoise * (HOUR_WEIGHT[d.getUTCHours()] / HOUR_TOTAL) * ((to - from) / 3600);
    const count = Math.floor(expected + sim.rng.next());
    for (let i = 0; i < count; i++) sim.at(sim.rng.int(from, to - 1), () => backgroundSlot(sim));
    sim.at(to, () => tick(hour + 1));
  };
  sim.at(sim.startSec, () => tick(Math.floor(sim.startSec / 3600)));
}
