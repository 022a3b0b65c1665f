// Incidents, the moments an audit history is actually opened for: a leaked access key probing
// the account, a v2 channel that needed a reset, a latency fire-fight on v1. They recur every
// 90-day season at the same offsets; only the first probe carries the hostile user agent.

import type { Client } from './demo-world';
import { V1, V2, denied, liveV1Channels, liveV1Endpoints, liveV2Channels, liveV2Endpoints, throttled, type Sim } from './demo-state';
import * as r1 from './demo-records';
import * as r2 from './demo-records-v2';
import { DAY, XSS_USER_AGENT, chain, rootVisit, workTime } from './demo-script';

const SEASON = 90 * DAY;

export function scheduleSeasons(sim: Sim): void {
  const season = (n: number): void => sim.at(sim.startSec + n * SEASON, () => {
    const base = sim.startSec + n * SEASON;
    sim.at(workTime(sim, base + 11 * DAY), () => rootVisit(sim, false));
    sim.at(workTime(sim, base + 20 * DAY), () => leakedKey(sim, n === 0));
    sim.at(workTime(sim, base + 52 * DAY), () => v2Reset(sim));
    sim.at(workTime(sim, base + 63 * DAY), () => rootVisit(sim, true));
    sim.at(workTime(sim, base + 75 * DAY), () => latencySpike(sim));
    season(n + 1);
  });
  season(0);
}

/** legacy-encoder's key is used from outside; an IP-conditioned explicit deny stops it, ops rotate ingest credentials. */
function leakedKey(sim: Sim, first: boolean): void {
  const { p, acct } = sim;
  const region = sim.regions[0];
  const outsider = (ua: string): Client => ({ ip: '192.0.2.66', ua, console: false, tls: 'v12' });
  const probeUa = 'aws-cli/1.18.69 Python/3.8.10 Linux/5.4.0-42-generic botocore/1.17.53';
  const chans = liveV1Channels(sim.world, region).filter((c) => !c.ephemeral);
  const probe = (name: string, req: Record<string, unknown> | null, resource: string, ua = probeUa) => () =>
    sim.emit(p.legacyEncoder, { region, source: V1, name, readOnly: true, req, res: null, client: outsider(ua), fail: denied(p.legacyEncoder, V1, name, resource, true) });
  const steps = [probe('ListChannels', null, `arn:aws:mediapackage:${region}:${acct}:channels/*`, first ? XSS_USER_AGENT : probeUa)];
  for (let i = sim.rng.int(5, 9); i > 0; i--) {
    const c = chans.length > 0 ? sim.rng.pick(chans) : null;
    steps.push(c && sim.rng.chance(0.6)
      ? probe('DescribeChannel', { id: c.id }, r1.v1Resource.channel(sim, c).ARN)
      : probe(sim.rng.pick(['ListChannels', 'ListOriginEndpoints']), null, `arn:aws:mediapackage:${region}:${acct}:${sim.rng.pick(['channels', 'origin_endpoints'])}/*`));
  }
  chain(sim, steps, [2, 25]);

  sim.at(sim.t + sim.rng.int(480, 900), () => {
    const { alice, bob } = p;
    const response: (() => void)[] = [];
    for (const c of chans.filter((x) => x.live)) {
      response.push(() => r1.v1DescribeChannel(sim, alice, region, c.id));
      c.ingest.forEach((_, i) => response.push(() => { if (c.live) r1.v1Rotate(sim, alice, c, i); }));
    }
    for (const e of liveV1Endpoints(sim.world, region).filter((x) => x.kind === 'hls' && chans.some((c) => c.id === x.channelId))) {
      response.push(() => {
        if (e.live) r1.v1UpdateEndpoint(sim, alice, e, (x) => ({ whitelist: (x.whitelist = ['203.0.113.0/24', '198.51.100.0/24', '2001:db8:4a2f::/48']) }));
      });
    }
    response.push(() => r1.v1ListChannels(sim, bob, region, false));
    for (const c of chans) response.push(() => r1.v1DescribeChannel(sim, bob, region, c.id));
    chain(sim, response, [20, 120]);
  });
}

/** A v2 channel stalls: pollers get throttled, carol resets it, dave's concurrent edit loses the ETag race. */
function v2Reset(sim: Sim): void {
  const { p } = sim;
  const region = sim.regions[1 % sim.regions.length];
  const chans = liveV2Channels(sim.world, region).filter((c) => !c.ephemeral);
  const ch = chans.find((c) => c.name === 'news-24') ?? chans[0];
  if (!ch) return;
  const ep = liveV2Endpoints(sim.world, region).find((e) => e.channel === ch.name && e.group === ch.group);
  const steps: (() => void)[] = [];
  for (let i = sim.rng.int(8, 14); i > 0; i--) {
    steps.push(() => r2.v2GetChannel(sim, p.monitor, region, ch.group, ch.name, sim.rng.chance(0.45) ? throttled(V2) : undefined));
  }
  steps.push(() => r2.v2GetChannel(sim, p.carol, region, ch.group, ch.name));
  steps.push(() => r2.v2ListEndpoints(sim, p.carol, ch));
  if (ep) steps.push(() => r2.v2GetEndpoint(sim, p.carol, ep));
  steps.push(() => r2.v2ResetChannelState(sim, p.carol, ch));
  if (ep) {
    steps.push(() => r2.v2GetEndpoint(sim, p.dave, ep));
    steps.push(() => r2.v2UpdateEndpoint(sim, p.carol, ep, (x) => { x.segment = { ...x.segment, SegmentDurationSeconds: 4 }; }));
    steps.push(() => r2.v2UpdateEndpoint(sim, p.dave, ep, (x) => { x.manifestWindow = 120; },
      { code: 'ConflictException', message: 'The resource was modified by another request. Retrieve the latest ETag and try again.' }));
    steps.push(() => r2.v2GetEndpoint(sim, p.dave, ep));
    steps.push(() => r2.v2UpdateEndpoint(sim, p.dave, ep, (x) => { x.manifestWindow = 120; }));
  }
  for (let i = sim.rng.int(4, 8); i > 0; i--) steps.push(() => { if (ch.live) r2.v2GetChannel(sim, p.monitor, region, ch.group, ch.name); });
  chain(sim, steps, [5, 45]);
}

/** Viewers report latency on sports-hd: bob tries settings, one is rejected, then he rolls back. */
function latencySpike(sim: Sim): void {
  const { p } = sim;
  const region = sim.regions[0];
  const ch = liveV1Channels(sim.world, region).find((c) => c.id === 'sports-hd') ?? liveV1Channels(sim.world, region).find((c) => !c.ephemeral);
  if (!ch) return;
  const ep = liveV1Endpoints(sim.world, region).find((e) => e.channelId === ch.id);
  const steps: (() => void)[] = [() => r1.v1DescribeChannel(sim, p.bob, region, ch.id)];
  if (ep) {
    const pkgKey = ep.kind === 'dash' ? 'dashPackage' : ep.kind === 'cmaf' ? 'cmafPackage' : 'hlsPackage';
    steps.push(
      () => r1.v1DescribeEndpoint(sim, p.bob, ep),
      () => r1.v1UpdateEndpoint(sim, p.bob, ep, (x) => ({ timeDelaySeconds: (x.timeDelay = 30) })),
      () => r1.v1UpdateEndpoint(sim, p.bob, ep, (x) => ({ [pkgKey]: { ...x.pkg, segmentDurationSeconds: 0 } }),
        { code: 'UnprocessableEntityException', message: 'segmentDurationSeconds must be between 1 and 30.' }),
      () => r1.v1UpdateEndpoint(sim, p.bob, ep, (x) => ({ [pkgKey]: (x.pkg = { ...x.pkg, segmentDurationSeconds: 2 }) })),
      () => r1.v1DescribeEndpoint(sim, p.alice, ep),
    );
  }
  steps.push(() => r1.v1Rotate(sim, p.alice, ch, 0));
  for (let i = sim.rng.int(4, 8); i > 0; i--) steps.push(() => r1.v1DescribeChannel(sim, p.monitor, region, ch.id, sim.rng.chance(0.3) ? throttled(V1) : undefined));
  if (ep) steps.push(() => r1.v1UpdateEndpoint(sim, p.bob, ep, (x) => ({ timeDelaySeconds: (x.timeDelay = 0) })));
  chain(sim, steps, [30, 240]);
}
