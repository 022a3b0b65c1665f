// MediaPackage v2 calls and the look-alike calls of other services. v2 identifies resources by the
// names the user chose, so its ARNs are predictable; the look-alikes reuse MediaPackage operation
// names and even channel names, which is the trap a sync that filters by eventName alone falls into.

import type { Principal } from './demo-world';
import {
  IVS, MEDIALIVE, V2, etag, hostLabel, isoMs, nowMs, type Failure, type Resource, type Sim, type V2Channel, type V2Endpoint, type V2Group,
} from './demo-state';

type Obj = Record<string, unknown>;

const groupArn = (sim: Sim, region: string, group: string): string => `arn:aws:mediapackagev2:${region}:${sim.acct}:channelGroup/${group}`;
export const v2ChannelArn = (sim: Sim, c: { region: string; group: string; name: string }): string => `${groupArn(sim, c.region, c.group)}/channel/${c.name}`;
const endpointArn = (sim: Sim, e: V2Endpoint): string => `${v2ChannelArn(sim, { region: e.region, group: e.group, name: e.channel })}/originEndpoint/${e.name}`;
const chRes = (sim: Sim, c: { region: string; group: string; name: string }): Resource[] => [{ ARN: v2ChannelArn(sim, c), type: 'AWS::MediaPackageV2::Channel' }];
const epRes = (sim: Sim, e: V2Endpoint): Resource[] => [{ ARN: endpointArn(sim, e), type: 'AWS::MediaPackageV2::OriginEndpoint' }];

function emitV2(sim: Sim, p: Principal, region: string, name: string, req: Obj | null, res: Obj | null, resources: Resource[], fail?: Failure): boolean {
  sim.emit(p, { region, source: V2, name, readOnly: /^(Get|List)/.test(name), req, res, resources, fail });
  return !fail;
}

export function notFoundV2(what: 'channel' | 'origin endpoint', name: string): Failure {
  return { code: 'ResourceNotFoundException', message: `MediaPackage can't process your request because we can't find your ${what} ${name}. Verify the name and try again.` };
}

const group = (sim: Sim, region: string, name: string): V2Group | undefined => sim.world.v2Groups.find((g) => g.region === region && g.name === name);

function channelView(sim: Sim, c: V2Channel): Obj {
  const ingestHost = hostLabel(sim, c.region, `v2-ingest-${c.group}`, 6);
  return {
    Arn: v2ChannelArn(sim, c), ChannelName: c.name, ChannelGroupName: c.group, CreatedAt: isoMs(c.createdAt), ModifiedAt: isoMs(c.modifiedAt),
    Description: c.description,
    IngestEndpoints: [1, 2].map((n) => ({ Id: String(n), Url: `https://${ingestHost}-${n}.ingest.${hostLabel(sim, c.region, 'v2', 6)}.mediapackagev2.${c.region}.amazonaws.com/in/v1/${c.group}/${n}/${c.name}/index` })),
    InputType: c.inputType, ETag: c.etag, Tags: { ...c.tags },
  };
}

function endpointView(sim: Sim, e: V2Endpoint): Obj {
  const domain = group(sim, e.region, e.group)?.egressDomain ?? '';
  return {
    Arn: endpointArn(sim, e), ChannelGroupName: e.group, ChannelName: e.channel, OriginEndpointName: e.name, ContainerType: e.containerType,
    Segment: structuredClone(e.segment), StartoverWindowSeconds: e.startover, Description: e.description,
    CreatedAt: isoMs(e.createdAt), ModifiedAt: isoMs(e.modifiedAt),
    HlsManifests: [{ ManifestName: 'index', Url: `https://${domain}/out/v1/${e.group}/${e.channel}/${e.name}/index.m3u8`, ManifestWindowSeconds: e.manifestWindow, ProgramDateTimeIntervalSeconds: 60 }],
    LowLatencyHlsManifests: [], DashManifests: [], ETag: e.etag, Tags: {},
  };
}

/** What a client sends to create or update an endpoint: the view minus the fields the service owns. */
function endpointRequest(e: V2Endpoint, withEtag: boolean): Obj {
  const req: Obj = {
    ChannelGroupName: e.group, ChannelName: e.channel, OriginEndpointName: e.name, ContainerType: e.containerType, Segment: structuredClone(e.segment),
    StartoverWindowSeconds: e.startover, Description: e.description,
    HlsManifests: [{ ManifestName: 'index', ManifestWindowSeconds: e.manifestWindow, ProgramDateTimeIntervalSeconds: 60 }],
  };
  if (withEtag) req.ETag = e.etag;
  return req;
}

export function v2CreateGroup(sim: Sim, p: Principal, region: string, name: string, description: string): void {
  const now = nowMs(sim);
  const g: V2Group = {
    region, name, description, createdAt: now, modifiedAt: now, etag: etag(sim),
    egressDomain: `${hostLabel(sim, region, `v2-egress-${name}`, 6)}.egress.${hostLabel(sim, region, 'v2', 6)}.mediapackagev2.${region}.amazonaws.com`,
  };
  const res = { Arn: groupArn(sim, region, name), ChannelGroupName: name, EgressDomain: g.egressDomain, CreatedAt: isoMs(now), ModifiedAt: isoMs(now), Description: description, ETag: g.etag, Tags: {} };
  emitV2(sim, p, region, 'CreateChannelGroup', { ChannelGroupName: name, Description: description }, res, [{ ARN: res.Arn, type: 'AWS::MediaPackageV2::ChannelGroup' }]);
  sim.world.v2Groups.push(g);
}

export function v2CreateChannel(sim: Sim, p: Principal, region: string, groupName: string, name: string, description: string, tags: Record<string, string>, ephemeral = false): V2Channel | null {
  const now = nowMs(sim);
  const c: V2Channel = { region, group: groupName, name, description, inputType: 'CMAF', createdAt: now, modifiedAt: now, etag: etag(sim), tags: { ...tags }, live: true, ephemeral };
  const exists = sim.world.v2Channels.some((x) => x.live && x.region === region && x.group === groupName && x.name === name);
  const fail: Failure | undefined = exists ? { code: 'ConflictException', message: `A channel named ${name} already exists in channel group ${groupName}.` } : undefined;
  const req = { ChannelGroupName: groupName, ChannelName: name, Description: description, InputType: 'CMAF', Tags: { ...tags } };
  if (!emitV2(sim, p, region, 'CreateChannel', req, channelView(sim, c), fail ? [] : chRes(sim, c), fail)) return null;
  sim.world.v2Channels.push(c);
  return c;
}

export function v2UpdateChannel(sim: Sim, p: Principal, c: V2Channel, description: string, fail?: Failure): void {
  const next = { ...c, description, modifiedAt: nowMs(sim), etag: etag(sim) };
  const req = { ChannelGroupName: c.group, ChannelName: c.name, Description: description, ETag: c.etag };
  if (emitV2(sim, p, c.region, 'UpdateChannel', req, channelView(sim, next), chRes(sim, c), fail)) Object.assign(c, next);
}

export function v2DeleteChannel(sim: Sim, p: Principal, c: V2Channel): void {
  emitV2(sim, p, c.region, 'DeleteChannel', { ChannelGroupName: c.group, ChannelName: c.name }, null, chRes(sim, c));
  c.live = false;
  sim.world.gone.push({ at: sim.t, region: c.region, source: V2, name: c.name, group: c.group });
}

export function v2GetChannel(sim: Sim, p: Principal, region: string, groupName: string, name: string, fail?: Failure): void {
  const c = sim.world.v2Channels.find((x) => x.live && x.region === region && x.group === groupName && x.name === name);
  const err = fail ?? (c ? undefined : notFoundV2('channel', name));
  emitV2(sim, p, region, 'GetChannel', { ChannelGroupName: groupName, ChannelName: name }, null, c ? chRes(sim, c) : [], err);
}

export function v2ListChannels(sim: Sim, p: Principal, region: string, groupName: string, fail?: Failure): void {
  emitV2(sim, p, region, 'ListChannels', { ChannelGroupName: groupName }, null, [{ ARN: groupArn(sim, region, groupName), type: 'AWS::MediaPackageV2::ChannelGroup' }], fail);
}

export function v2CreateEndpoint(sim: Sim, p: Principal, c: V2Channel, name: string, containerType: 'CMAF' | 'TS'): V2Endpoint {
  const now = nowMs(sim);
  const e: V2Endpoint = {
    region: c.region, group: c.group, channel: c.name, name, containerType, description: `${containerType} output for ${c.name}`,
    segment: { SegmentDurationSeconds: 6, SegmentName: 'segment', TsUseAudioRenditionGroup: true, IncludeIframeOnlyStreams: false, TsIncludeDvbSubtitles: false, Scte: { ScteFilter: [] } },
    startover: 0, manifestWindow: 60, createdAt: now, modifiedAt: now, etag: etag(sim), live: true,
  };
  emitV2(sim, p, c.region, 'CreateOriginEndpoint', endpointRequest(e, false), endpointView(sim, e), epRes(sim, e));
  sim.world.v2Endpoints.push(e);
  return e;
}

/** One step of configuration drift on a v2 endpoint. */
export function v2Tweak(sim: Sim, e: V2Endpoint): void {
  const cycle = (values: number[], current: number): number => values[(values.indexOf(current) + 1) % values.length];
  const options: (() => void)[] = [
    () => { e.segment = { ...e.segment, SegmentDurationSeconds: cycle([6, 4, 2], e.segment.SegmentDurationSeconds as number) }; },
    () => { e.startover = cycle([0, 3600, 14400, 86400], e.startover); },
    () => { e.manifestWindow = cycle([60, 120, 300], e.manifestWindow); },
    () => { e.segment = { ...e.segment, IncludeIframeOnlyStreams: !e.segment.IncludeIframeOnlyStreams }; },
    () => { e.description = `${e.containerType} output for ${e.channel} (rev ${sim.rng.int(2, 40)})`; },
  ];
  sim.rng.pick(options)();
}

export function v2UpdateEndpoint(sim: Sim, p: Principal, e: V2Endpoint, change: (x: V2Endpoint) => void, fail?: Failure): void {
  const target = structuredClone(e);
  change(target);
  const req = endpointRequest(target, true);
  req.ETag = e.etag;
  target.modifiedAt = nowMs(sim);
  target.etag = etag(sim);
  if (emitV2(sim, p, e.region, 'UpdateOriginEndpoint', req, endpointView(sim, target), epRes(sim, e), fail)) Object.assign(e, target);
}

export function v2GetEndpoint(sim: Sim, p: Principal, e: V2Endpoint, fail?: Failure): void {
  emitV2(sim, p, e.region, 'GetOriginEndpoint', { ChannelGroupName: e.group, ChannelName: e.channel, OriginEndpointName: e.name }, null, epRes(sim, e), fail);
}

export function v2ListEndpoints(sim: Sim, p: Principal, c: V2Channel, fail?: Failure): void {
  emitV2(sim, p, c.region, 'ListOriginEndpoints', { ChannelGroupName: c.group, ChannelName: c.name }, null, chRes(sim, c), fail);
}

export function v2PutChannelPolicy(sim: Sim, p: Principal, c: V2Channel): void {
  const policy = { Version: '2012-10-17', Statement: [{ Sid: 'AllowEncoderIngest', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${sim.acct}:role/MediaLiveAccessRole` },
    Action: 'mediapackagev2:PutObject', Resource: v2ChannelArn(sim, c) }] };
  emitV2(sim, p, c.region, 'PutChannelPolicy', { ChannelGroupName: c.group, ChannelName: c.name, Policy: JSON.stringify(policy) }, null, chRes(sim, c));
}

export function v2PutEndpointPolicy(sim: Sim, p: Principal, e: V2Endpoint): void {
  const policy = { Version: '2012-10-17', Statement: [{ Sid: 'AllowCloudFrontOAC', Effect: 'Allow', Principal: { Service: 'cloudfront.amazonaws.com' },
    Action: 'mediapackagev2:GetObject', Resource: endpointArn(sim, e),
    Condition: { StringEquals: { 'AWS:SourceArn': `arn:aws:cloudfront::${sim.acct}:distribution/E${sim.rng.chars(13, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789')}` } } }] };
  emitV2(sim, p, e.region, 'PutOriginEndpointPolicy', { ChannelGroupName: e.group, ChannelName: e.channel, OriginEndpointName: e.name, Policy: JSON.stringify(policy) }, null, epRes(sim, e));
}

export function v2ResetChannelState(sim: Sim, p: Principal, c: V2Channel, fail?: Failure): void {
  const res = { ChannelGroupName: c.group, ChannelName: c.name, Arn: v2ChannelArn(sim, c), ResetAt: isoMs(nowMs(sim)) };
  emitV2(sim, p, c.region, 'ResetChannelState', { ChannelGroupName: c.group, ChannelName: c.name }, res, chRes(sim, c), fail);
}

export const v2Resource = { endpoint: (sim: Sim, e: V2Endpoint) => epRes(sim, e)[0] };

// ---- look-alikes: other services, same operation names ----

export function lookalike(sim: Sim, p: Principal, region: string): void {
  const w = sim.world;
  const ml = w.medialive.filter((m) => m.region === region);
  const name = sim.rng.pick(['sports-hd', 'news-24', 'kids-live', 'weather-live']);
  const roll = sim.rng.next();
  const mlArn = (id: string): string => `arn:aws:medialive:${region}:${sim.acct}:channel:${id}`;
  const emit = (source: string, op: string, req: Obj, res: Obj, arn: string, type: string): void =>
    sim.emit(p, { region, source, name: op, readOnly: false, req, res, resources: [{ ARN: arn, type }] });
  if (roll < 0.2) {
    const id = sim.rng.chars(12, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789');
    const arn = `arn:aws:ivs:${region}:${sim.acct}:channel/${id}`;
    const req = { name, latencyMode: 'LOW', type: 'STANDARD', authorized: false, insecureIngest: false };
    const res = { channel: { arn, name, latencyMode: 'LOW', type: 'STANDARD', authorized: false, ingestEndpoint: `${sim.rng.hex(12)}.global-contribute.live-video.net`,
      playbackUrl: `https://${sim.rng.hex(12)}.${region}.playback.live-video.net/api/video/v1/${region}.${sim.acct}.channel.${id}.m3u8`, tags: {} },
    streamKey: { arn: `arn:aws:ivs:${region}:${sim.acct}:stream-key/${sim.rng.chars(12, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz0123456789')}`, channelArn: arn, value: '***', tags: {} } };
    emit(IVS, 'CreateChannel', req, res, arn, 'AWS::IVS::Channel');
  } else if (roll < 0.55 || ml.length === 0) {
    const id = String(sim.rng.int(1000000, 9999999));
    const dest = [{ id: 'mediapackage', mediaPackageSettings: [{ channelId: name }] }];
    const req = { name, roleArn: `arn:aws:iam::${sim.acct}:role/MediaLiveAccessRole`, channelClass: 'SINGLE_PIPELINE',
      inputAttachments: [{ inputId: String(sim.rng.int(1000000, 9999999)), inputAttachmentName: `${name}-input` }], destinations: dest, requestId: sim.rng.uuid() };
    emit(MEDIALIVE, 'CreateChannel', req, { channel: { arn: mlArn(id), id, name, state: 'CREATING', channelClass: 'SINGLE_PIPELINE', pipelinesRunningCount: 0, destinations: dest } }, mlArn(id), 'AWS::MediaLive::Channel');
    w.medialive.push({ region, id, name });
  } else if (roll < 0.85) {
    const m = sim.rng.pick(ml);
    emit(MEDIALIVE, 'UpdateChannel', { channelId: m.id, name: m.name, logLevel: 'WARNING' }, { channel: { arn: mlArn(m.id), id: m.id, name: m.name, state: 'IDLE', logLevel: 'WARNING' } }, mlArn(m.id), 'AWS::MediaLive::Channel');
  } else {
    const m = sim.rng.pick(ml);
    emit(MEDIALIVE, 'DeleteChannel', { channelId: m.id }, { arn: mlArn(m.id), id: m.id, name: m.name, state: 'DELETING' }, mlArn(m.id), 'AWS::MediaLive::Channel');
    w.medialive.splice(w.medialive.indexOf(m), 1);
  }
}
