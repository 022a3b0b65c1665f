// Everyday traffic: one call per time slot, chosen from who is plausibly at work at that hour.
// Reads dominate because pollers and people looking things up far outnumber changes.

import type { Principal } from './demo-world';
import {
  V1, V2, denied, liveV1Channels, liveV1Endpoints, liveV2Channels, liveV2Endpoints, throttled, type Sim, type V1Endpoint,
} from './demo-state';
import * as r1 from './demo-records';
import * as r2 from './demo-records-v2';

type Api = 'v1' | 'v2';

/** Picks a region and API in proportion to what exists there, so empty corners get no traffic. */
function place(sim: Sim, only?: Api): { region: string; api: Api } | null {
  const options: [{ region: string; api: Api }, number][] = [];
  for (const region of sim.regions) {
    if (only !== 'v2') options.push([{ region, api: 'v1' }, liveV1Channels(sim.world, region).length]);
    if (only !== 'v1') options.push([{ region, api: 'v2' }, liveV2Channels(sim.world, region).length]);
  }
  return options.some(([, w]) => w > 0) ? sim.rng.weighted(options) : null;
}

/** A typo'd or stale id is how people and pollers usually earn a NotFound. */
function read(sim: Sim, p: Principal, opts: { only?: Api; typo?: number; throttle?: number } = {}): void {
  const at = place(sim, opts.only);
  if (!at) return;
  const { region } = at;
  const fail = sim.rng.chance(opts.throttle ?? 0) ? throttled(at.api === 'v1' ? V1 : V2) : undefined;
  const typo = sim.rng.chance(opts.typo ?? 0);
  const stale = sim.world.gone.filter((g) => g.region === region && g.source === (at.api === 'v1' ? V1 : V2) && sim.t - g.at < 2700);
  const roll = sim.rng.next();
  if (at.api === 'v1') {
    const chans = liveV1Channels(sim.world, region);
    const eps = liveV1Endpoints(sim.world, region);
    if (stale.length > 0 && sim.rng.chance(0.3)) return r1.v1DescribeChannel(sim, p, region, sim.rng.pick(stale).name, fail);
    if (typo) return r1.v1DescribeChannel(sim, p, region, sim.rng.pick(chans).id.replace(/-/, '_'), fail);
    if (roll < 0.18) return r1.v1ListChannels(sim, p, region, p.type !== 'AssumedRole' || sim.rng.chance(0.5), fail);
    if (roll < 0.3) return r1.v1ListEndpoints(sim, p, region, sim.rng.chance(0.7) ? sim.rng.pick(chans).id : null, fail);
    if (roll < 0.62 || eps.length === 0) return r1.v1DescribeChannel(sim, p, region, sim.rng.pick(chans).id, fail);
    return r1.v1DescribeEndpoint(sim, p, sim.rng.pick(eps), fail);
  }
  const chans = liveV2Channels(sim.world, region);
  const eps = liveV2Endpoints(sim.world, region);
  const c = sim.rng.pick(chans);
  if (stale.length > 0 && sim.rng.chance(0.3)) {
    const g = sim.rng.pick(stale);
    return r2.v2GetChannel(sim, p, region, g.group ?? 'live', g.name, fail);
  }
  if (typo) return r2.v2GetChannel(sim, p, region, c.group, `${c.name}-2`, fail);
  if (roll < 0.15) return r2.v2ListChannels(sim, p, region, c.group, fail);
  if (roll < 0.27) return r2.v2ListEndpoints(sim, p, c, fail);
  if (roll < 0.6 || eps.length === 0) return r2.v2GetChannel(sim, p, region, c.group, c.name, fail);
  return r2.v2GetEndpoint(sim, p, sim.rng.pick(eps), fail);
}

const DESCRIPTION_NOTES = ['backup encoder active', 'new ad break schedule', 'moved to redundant ingest', 'owner: media-ops', 'maintenance window Tue 02:00 UTC'];

/** A person changing something by hand; a read-only role gets AccessDenied for the same attempt. */
function mutate(sim: Sim, p: Principal, readOnlyRole: boolean): void {
  const w = sim.world;
  const v1Chans = liveV1Channels(w).filter((c) => !c.ephemeral);
  const v1Eps = liveV1Endpoints(w).filter((e) => v1Chans.some((c) => c.id === e.channelId && c.region === e.region));
  const v2Chans = liveV2Channels(w).filter((c) => !c.ephemeral);
  const v2Eps = liveV2Endpoints(w);
  const choices = [
    ['v1ep', v1Eps.length ? 30 : 0], ['v2ep', v2Eps.length ? 25 : 0], ['v1ch', v1Chans.length ? 8 : 0], ['v2ch', v2Chans.length ? 6 : 0],
    ['tag', v1Chans.length ? 8 : 0], ['untag', v1Chans.length ? 4 : 0], ['rotate', v1Chans.length ? 6 : 0],
    ['harvest', p.key.endsWith('ops-bob') && v1Eps.length ? 8 : 0], ['policy', v2Eps.length ? 3 : 0], ['reset', v2Chans.length ? 2 : 0],
  ] as const;
  // Before the first stack is deployed there is nothing to change.
  if (choices.every(([, weight]) => weight === 0)) return;
  const kind = sim.rng.weighted(choices);
  const deny = (source: string, action: string, arn: string) => (readOnlyRole ? denied(p, source, action, arn) : undefined);
  switch (kind) {
    case 'v1ep': {
      const e: V1Endpoint = sim.rng.pick(v1Eps);
      const invalid = !readOnlyRole && sim.rng.chance(0.08);
      const fail = deny(V1, 'UpdateOriginEndpoint', r1.v1Resource.endpoint(sim, e).ARN)
        ?? (invalid ? { code: 'UnprocessableEntityException', message: 'timeDelaySeconds must be between 0 and 86400.' } : undefined);
      return r1.v1UpdateEndpoint(sim, p, e, invalid ? () => ({ timeDelaySeconds: -5 }) : (x) => r1.v1Tweak(sim, x), fail);
    }
    case 'v2ep': {
      const e = sim.rng.pick(v2Eps);
      const roll = readOnlyRole ? 1 : sim.rng.next();
      const fail = deny(V2, 'UpdateOriginEndpoint', r2.v2Resource.endpoint(sim, e).ARN)
        ?? (roll < 0.05 ? { code: 'ConflictException', message: 'The resource was modified by another request. Retrieve the latest ETag and try again.' }
          : roll < 0.1 ? { code: 'ValidationException', message: "1 validation error detected: Value '1500000' at 'startoverWindowSeconds' failed to satisfy constraint: Member must have value less than or equal to 1209600" }
            : undefined);
      return r2.v2UpdateEndpoint(sim, p, e, roll >= 0.05 && roll < 0.1 ? (x) => { x.startover = 1_500_000; } : (x) => r2.v2Tweak(sim, x), fail);
    }
    case 'v1ch': {
      const c = sim.rng.pick(v1Chans);
      const base = c.description.split(' — ')[0];
      return r1.v1UpdateChannel(sim, p, c, `${base} — ${sim.rng.pick(DESCRIPTION_NOTES)}`, deny(V1, 'UpdateChannel', r1.v1Resource.channel(sim, c).ARN));
    }
    case 'v2ch': {
      const c = sim.rng.pick(v2Chans);
      const base = c.description.split(' — ')[0];
      return r2.v2UpdateChannel(sim, p, c, `${base} — ${sim.rng.pick(DESCRIPTION_NOTES)}`, deny(V2, 'UpdateChannel', r2.v2ChannelArn(sim, c)));
    }
    case 'tag':
    case 'untag': {
      const c = sim.rng.pick(v1Chans);
      const res = r1.v1Resource.channel(sim, c);
      const removable = Object.keys(c.tags).filter((k) => k !== 'Environment' && k !== 'ManagedBy');
      if (kind === 'untag' && removable.length > 0 && !readOnlyRole) return r1.v1Untag(sim, p, res, c.region, c, [sim.rng.pick(removable)]);
      const tags = sim.rng.pick<Record<string, string>>([{ Team: 'media-ops' }, { OnCall: p.key.split('/').pop() ?? 'ops' }, { Tier: 'gold' }, { Reviewed: new Date(sim.t * 1000).toISOString().slice(0, 10) }]);
      return r1.v1Tag(sim, p, res, c.region, c, tags, deny(V1, 'TagResource', res.ARN));
    }
    case 'rotate': {
      const c = sim.rng.pick(v1Chans);
      return r1.v1Rotate(sim, p, c, sim.rng.int(0, 1), deny(V1, 'RotateIngestEndpointCredentials', r1.v1Resource.channel(sim, c).ARN));
    }
    case 'harvest': {
      // Harvesting needs a startover buffer: bob mostly clips where one exists, or turns one on first.
      const buffered = v1Eps.filter((e) => e.startover > 0);
      if (buffered.length > 0 && sim.rng.chance(0.8)) return r1.v1Harvest(sim, p, sim.rng.pick(buffered));
      const e = sim.rng.pick(v1Eps);
      if (e.startover > 0 || sim.rng.chance(0.3)) return r1.v1Harvest(sim, p, e);
      r1.v1UpdateEndpoint(sim, p, e, (x) => ({ startoverWindowSeconds: (x.startover = 3600) }));
      return sim.at(sim.t + sim.rng.int(1800, 5400), () => { if (e.live) r1.v1Harvest(sim, p, e); });
    }
    case 'policy': {
      const e = sim.rng.pick(v2Eps);
      if (readOnlyRole) return r2.v2GetEndpoint(sim, p, e);
      return r2.v2PutEndpointPolicy(sim, p, e);
    }
    case 'reset': {
      const c = sim.rng.pick(v2Chans);
      return r2.v2ResetChannelState(sim, p, c, deny(V2, 'ResetChannelState', r2.v2ChannelArn(sim, c)));
    }
  }
}

const LEGACY_CHANNELS = ['sports-hd', 'news-24'];

/** One background slot at sim.t. */
export function backgroundSlot(sim: Sim): void {
  const { p } = sim;
  const d = new Date(sim.t * 1000);
  const work = d.getUTCDay() !== 0 && d.getUTCDay() !== 6 && d.getUTCHours() >= 8 && d.getUTCHours() < 18;
  const hf = work ? 1 : 0.1;
  const actor = sim.rng.weighted([
    ['monitor', 46], ['legacy', 8], ['deployRead', 3], ['cfnDrift', 1.2], ['mpService', 0.8], ['lookalike', 1.0],
    ['alice', 9 * hf], ['bob', 6 * hf], ['carol', 7 * hf], ['dave', 7 * hf], ['grace', 3 * hf], ['frank', 3 * hf], ['eve', 2 * hf], ['ic', 1 * hf],
  ] as const);
  switch (actor) {
    case 'monitor':
      return read(sim, p.monitor, { throttle: 0.03 });
    case 'legacy': {
      const region = sim.regions[0];
      // Its software lists channels on restart, which its narrow policy does not allow.
      if (sim.rng.chance(0.07)) {
        return r1.v1ListChannels(sim, p.legacyEncoder, region, false, denied(p.legacyEncoder, V1, 'ListChannels', `arn:aws:mediapackage:${region}:${sim.acct}:channels/*`));
      }
      return r1.v1DescribeChannel(sim, p.legacyEncoder, region, sim.rng.pick(LEGACY_CHANNELS));
    }
    case 'deployRead':
      return read(sim, p.deployBot, { only: 'v1' });
    case 'cfnDrift':
      return read(sim, p.cfnService);
    case 'mpService':
      return read(sim, p.mpService, { only: 'v1' });
    case 'lookalike':
      return r2.lookalike(sim, sim.rng.pick([p.alice, p.deployBot, p.carol, p.github]), sim.rng.pick(sim.regions));
    case 'eve':
      return read(sim, p.eve, { typo: 0.02 });
    case 'ic':
      return read(sim, p.icUser, { only: 'v2' });
    default: {
      const person = p[actor];
      const readOnlyRole = actor === 'frank';
      if (sim.rng.chance(readOnlyRole ? 0.12 : 0.1)) return mutate(sim, person, readOnlyRole);
      return read(sim, person, { typo: 0.04 });
    }
  }
}
