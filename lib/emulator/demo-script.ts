// The story of the account: stacks deployed at the start, a channel retired and brought back,
// throw-away test channels, regular deploys that make endpoint configuration drift, harvests.
// Everything is placed by days since the start, never by the window's end, and each recurring
// story queues its next run only when it runs: that keeps a longer window an exact extension
// of a shorter one (the demo regenerates with a moving end and must keep its event ids).

import type { Principal } from './demo-world';
import { liveV1Channels, liveV1Endpoints, liveV2Channels, liveV2Endpoints, type Sim, type V1Channel, type V1Kind, type V2Channel } from './demo-state';
import * as r1 from './demo-records';
import * as r2 from './demo-records-v2';

export const XSS_DESCRIPTION = '<img src=x onerror=alert(1)>';
export const XSS_USER_AGENT = "<script>alert('ua')</script>";

/** Runs steps one after another, a few seconds apart, as a tool working through a plan does. */
export function chain(sim: Sim, steps: (() => void)[], gap: [number, number] = [1, 6]): void {
  const run = (i: number): void => {
    if (i >= steps.length) return;
    steps[i]();
    sim.at(sim.t + sim.rng.int(gap[0], gap[1]), () => run(i + 1));
  };
  run(0);
}

export const DAY = 86400;

/** The first weekday working-hours moment at or after `t` (people deploy and retire things by day). */
export function workTime(sim: Sim, t: number): number {
  for (let i = 0; i < 10; i++) {
    const d = new Date(t * 1000);
    const h = d.getUTCHours();
    if (d.getUTCDay() !== 0 && d.getUTCDay() !== 6 && h < 17) {
      return h >= 9 ? t + sim.rng.int(0, 1800) : Math.floor(t / DAY) * DAY + sim.rng.int(9 * 3600, 17 * 3600 - 1);
    }
    t = Math.floor(t / DAY) * DAY + DAY;
  }
  return t;
}

/** Runs `run` at working hours about every `min`–`max` days from `firstDay` on, for as long as the window lasts. */
export function recurring(sim: Sim, firstDay: number, min: number, max: number, run: (n: number) => void): void {
  const next = (n: number, t: number): void => sim.at(workTime(sim, t), () => {
    run(n);
    next(n + 1, t + sim.rng.int(min, max) * DAY);
  });
  next(0, sim.startSec + firstDay * DAY);
}

interface ChannelPlan { name: string; description: string; endpoints: [string, V1Kind | 'CMAF' | 'TS'][] }

function v1Stack(sim: Sim, p: Principal, region: string, plan: ChannelPlan[]): void {
  const steps: (() => void)[] = [];
  const tags = { Environment: 'production', ManagedBy: p.key === 'deploy-bot' ? 'terraform' : 'cloudformation' };
  for (const c of plan) {
    let ch: V1Channel | null = null;
    steps.push(() => { ch = r1.v1CreateChannel(sim, p, region, c.name, c.description, tags); });
    steps.push(() => { if (ch) r1.v1ConfigureLogs(sim, p, ch); });
    for (const [id, kind] of c.endpoints) {
      steps.push(() => {
        const e = ch && r1.v1CreateEndpoint(sim, p, ch, id, kind as V1Kind, tags);
        if (e) sim.at(sim.t + 2, () => r1.v1DescribeEndpoint(sim, p, e));
      });
    }
  }
  chain(sim, steps, [2, 9]);
}

function v2Stack(sim: Sim, p: Principal, region: string, plan: ChannelPlan[]): void {
  const steps: (() => void)[] = [];
  if (!sim.world.v2Groups.some((g) => g.region === region && g.name === 'live')) {
    steps.push(() => r2.v2CreateGroup(sim, p, region, 'live', 'Live linear channels'));
  }
  for (const c of plan) {
    let ch: V2Channel | null = null;
    steps.push(() => { ch = r2.v2CreateChannel(sim, p, region, 'live', c.name, c.description, { Environment: 'production' }); });
    steps.push(() => { if (ch) r2.v2PutChannelPolicy(sim, p, ch); });
    for (const [name, type] of c.endpoints) {
      steps.push(() => {
        if (!ch) return;
        const e = r2.v2CreateEndpoint(sim, p, ch, name, type as 'CMAF' | 'TS');
        sim.at(sim.t + 3, () => { if (e.live) r2.v2PutEndpointPolicy(sim, p, e); });
      });
    }
  }
  chain(sim, steps, [2, 9]);
}

const KIDS: ChannelPlan[] = [{ name: 'kids-live', description: 'Kids channel, daytime schedule', endpoints: [['kids-live-hls', 'hls']] }];

export function scheduleSetup(sim: Sim): void {
  const [a, b] = [sim.regions[0], sim.regions[1 % sim.regions.length]];
  const { p } = sim;
  const at = (offset: number, run: () => void): void => sim.at(sim.startSec + offset, run);
  at(1200, () => v1Stack(sim, p.deployBot, a, [
    { name: 'sports-hd', description: 'Sports HD primary feed', endpoints: [['sports-hd-hls', 'hls'], ['sports-hd-dash', 'dash']] },
    { name: 'news-24', description: '24h news', endpoints: [['news-24-hls', 'hls'], ['news-24-cmaf', 'cmaf']] },
  ]));
  at(3900, () => v1Stack(sim, p.cfnRole, b, [{ name: 'weather-live', description: 'Weather live', endpoints: [['weather-live-hls', 'hls'], ['weather-live-dash', 'dash']] }]));
  at(10800, () => v2Stack(sim, p.github, a, [{ name: 'events-4k', description: 'Pop-up events in 4K', endpoints: [['events-4k-cmaf', 'CMAF'], ['events-4k-ts', 'TS']] }]));
  at(14400, () => v2Stack(sim, p.github, b, [
    { name: 'news-24', description: '24h news (EU)', endpoints: [['cmaf-main', 'CMAF'], ['news-24-ts', 'TS']] },
    { name: 'sports-hd', description: 'Sports HD (EU)', endpoints: [['sports-hd-cmaf', 'CMAF']] },
  ]));
  sim.regions.slice(2).forEach((region, i) => {
    at(18000 + i * 1200, () => v2Stack(sim, p.github, region, [{ name: 'news-24', description: `24h news (${region})`, endpoints: [['cmaf-main', 'CMAF']] }]));
    at(18600 + i * 1200, () => v1Stack(sim, p.deployBot, region, [{ name: 'news-24', description: `24h news (${region})`, endpoints: [['news-24-hls', 'hls']] }]));
  });
  sim.at(Math.max(sim.startSec + 21600, workTime(sim, sim.startSec + 2 * DAY)), () => v1Stack(sim, p.cfnRole, a, KIDS));
}

/** kids-live is retired, then re-created under the same name, which gives it a new internal id. */
export function scheduleRetireAndReturn(sim: Sim): void {
  const { p } = sim;
  sim.at(workTime(sim, sim.startSec + 40 * DAY), () => {
    const ch = sim.world.v1Channels.find((c) => c.live && c.id === 'kids-live');
    if (!ch) return;
    const steps: (() => void)[] = [() => r1.v1DescribeChannel(sim, p.alice, ch.region, ch.id), () => r1.v1ListEndpoints(sim, p.alice, ch.region, ch.id)];
    for (const e of liveV1Endpoints(sim.world, ch.region).filter((x) => x.channelId === ch.id)) steps.push(() => r1.v1DeleteEndpoint(sim, p.alice, e));
    steps.push(() => r1.v1DeleteChannel(sim, p.alice, ch));
    // The encoder box still polls the channel it was configured with.
    steps.push(() => sim.at(sim.t + sim.rng.int(120, 600), () => r1.v1DescribeChannel(sim, p.legacyEncoder, ch.region, ch.id)));
    chain(sim, steps, [5, 40]);
  });
  sim.at(workTime(sim, sim.startSec + 50 * DAY), () => {
    if (!sim.world.v1Channels.some((c) => c.live && c.id === 'kids-live')) v1Stack(sim, p.cfnRole, sim.regions[0], KIDS);
  });
}

/** Short-lived test channels; the first carries a description a user typed with HTML in it. */
export function scheduleEphemerals(sim: Sim): void {
  const { p } = sim;
  const ephemeral = (i: number): void => {
    const region = i % 2 === 0 ? sim.regions[0] : sim.regions[1 % sim.regions.length];
    const life = sim.rng.int(20, 150) * 60;
    if (i % 2 === 0) {
      const id = i === 0 ? 'test-desc-render' : `test-${sim.rng.pick(['ingest', 'failover', 'scte', 'abr'])}-${sim.rng.int(1000, 9999)}`;
      const ch = r1.v1CreateChannel(sim, p.dave, region, id, i === 0 ? XSS_DESCRIPTION : 'scratch channel, delete after test', { Owner: 'dave' }, true);
      if (!ch) return;
      sim.at(sim.t + sim.rng.int(60, 400), () => r1.v1DescribeChannel(sim, p.dave, region, id));
      if (i > 0 && sim.rng.chance(0.6)) sim.at(sim.t + sim.rng.int(500, 900), () => { if (ch.live) r1.v1CreateEndpoint(sim, p.dave, ch, `${id}-hls`, 'hls', {}); });
      sim.at(sim.t + life, () => {
        const steps: (() => void)[] = liveV1Endpoints(sim.world, region).filter((e) => e.channelId === id).map((e) => () => r1.v1DeleteEndpoint(sim, p.dave, e));
        steps.push(() => r1.v1DeleteChannel(sim, p.dave, ch));
        chain(sim, steps, [3, 20]);
      });
    } else {
      const who = sim.rng.chance(0.5) ? p.deployBot : p.github;
      const ch = r2.v2CreateChannel(sim, who, region, 'live', `tmp-loadtest-${sim.rng.int(10, 99)}`, 'load test, ephemeral', { Owner: 'ci' }, true);
      if (!ch) return;
      sim.at(sim.t + sim.rng.int(30, 200), () => r2.v2GetChannel(sim, who, region, 'live', ch.name));
      sim.at(sim.t + life, () => r2.v2DeleteChannel(sim, who, ch));
    }
  };
  sim.at(workTime(sim, sim.startSec + 27 * DAY), () => ephemeral(0));
  recurring(sim, 8, 6, 12, (n) => ephemeral(n + 1));
}

/** Regular releases: read everything the stack owns, then change one or two things. */
export function scheduleDeploys(sim: Sim): void {
  const { p } = sim;
  recurring(sim, 3, 2, 5, () => {
    const kind = sim.rng.weighted([['terraform', 4], ['cfn', 2], ['github', 4]] as const);
    const steps: (() => void)[] = [];
    if (kind === 'github') {
      for (const c of liveV2Channels(sim.world).filter((x) => !x.ephemeral)) steps.push(() => r2.v2GetChannel(sim, p.github, c.region, c.group, c.name));
      const eps = liveV2Endpoints(sim.world);
      for (const e of eps) steps.push(() => { if (e.live) r2.v2GetEndpoint(sim, p.github, e); });
      for (let i = sim.rng.int(1, 2); i > 0 && eps.length > 0; i--) {
        const e = sim.rng.pick(eps);
        if (sim.rng.chance(0.08)) {
          steps.push(() => r2.v2UpdateEndpoint(sim, p.github, e, (x) => { x.startover = 1_500_000; },
            { code: 'ValidationException', message: "1 validation error detected: Value '1500000' at 'startoverWindowSeconds' failed to satisfy constraint: Member must have value less than or equal to 1209600" }));
        }
        steps.push(() => { if (e.live) r2.v2UpdateEndpoint(sim, p.github, e, (x) => r2.v2Tweak(sim, x)); });
        if (sim.rng.chance(0.15)) steps.push(() => { if (e.live) r2.v2PutEndpointPolicy(sim, p.github, e); });
      }
    } else {
      const who = kind === 'terraform' ? p.deployBot : p.cfnRole;
      const region = kind === 'terraform' ? sim.regions[0] : sim.regions[1 % sim.regions.length];
      const chans = liveV1Channels(sim.world, region).filter((c) => !c.ephemeral);
      const eps = liveV1Endpoints(sim.world, region).filter((e) => chans.some((c) => c.id === e.channelId));
      for (const c of chans) steps.push(() => r1.v1DescribeChannel(sim, who, region, c.id));
      for (const e of eps) steps.push(() => { if (e.live) r1.v1DescribeEndpoint(sim, who, e); });
      for (let i = sim.rng.int(1, 2); i > 0 && eps.length > 0; i--) {
        const e = sim.rng.pick(eps);
        if (sim.rng.chance(0.08)) {
          steps.push(() => r1.v1UpdateEndpoint(sim, who, e, () => ({ startoverWindowSeconds: 1_500_000 }),
            { code: 'UnprocessableEntityException', message: 'startoverWindowSeconds must be less than or equal to 1209600.' }));
        }
        steps.push(() => { if (e.live) r1.v1UpdateEndpoint(sim, who, e, (x) => r1.v1Tweak(sim, x)); });
      }
      if (chans.length > 0 && sim.rng.chance(0.25)) {
        const c = sim.rng.pick(chans);
        steps.push(() => { if (c.live) r1.v1Tag(sim, who, r1.v1Resource.channel(sim, c), region, c, { CostCenter: sim.rng.pick(['media-ops', 'sports', 'news']) }); });
      }
    }
    chain(sim, steps, [1, 4]);
  });
}

/** Root signs in now and then: to look, or to tag something it should have left to a role. */
export function rootVisit(sim: Sim, tag: boolean): void {
  const { p } = sim;
  const region = sim.regions[0];
  const chans = liveV1Channels(sim.world, region).filter((c) => !c.ephemeral);
  const steps: (() => void)[] = [() => r1.v1ListChannels(sim, p.root, region, false)];
  if (chans.length > 0) {
    const c = sim.rng.pick(chans);
    steps.push(() => { if (c.live) r1.v1DescribeChannel(sim, p.root, region, c.id); });
    if (tag) steps.push(() => { if (c.live) r1.v1Tag(sim, p.root, r1.v1Resource.channel(sim, c), region, c, { Reviewed: 'root' }); });
  }
  chain(sim, steps, [8, 60]);
}

/** bob clips highlights; harvesting needs a startover buffer, which he turns on first when missing. */
export function scheduleHarvests(sim: Sim): void {
  const { p } = sim;
  recurring(sim, 5, 5, 9, () => {
    const eps = liveV1Endpoints(sim.world, sim.regions[0]).filter((e) => e.kind !== 'dash' && !e.channelId.startsWith('test-'));
    const e = eps.find((x) => x.id === 'sports-hd-hls') ?? eps[0];
    if (!e) return;
    r1.v1DescribeEndpoint(sim, p.bob, e);
    if (e.startover >= 3600) {
      sim.at(sim.t + sim.rng.int(30, 300), () => { if (e.live) r1.v1Harvest(sim, p.bob, e); });
      return;
    }
    sim.at(sim.t + sim.rng.int(20, 90), () => { if (e.live) r1.v1UpdateEndpoint(sim, p.bob, e, (x) => ({ startoverWindowSeconds: (x.startover = 3600) })); });
    sim.at(sim.t + sim.rng.int(3600, 7200), () => { if (e.live) r1.v1Harvest(sim, p.bob, e); });
  });
}
