// MediaPackage v1 calls. Each builder updates the world only when the call succeeds, so that a
// failed call leaves no trace in state, exactly like the service. v1 ARNs carry an internal id
// that the user never chose; only the mutating calls' responses reveal which id it belongs to.

import type { Principal } from './demo-world';
import {
  V1, hostLabel, type Failure, type Resource, type Sim, type V1Channel, type V1Endpoint, type V1Kind,
} from './demo-state';

type Obj = Record<string, unknown>;

export const v1ChannelArn = (sim: Sim, c: V1Channel): string => `arn:aws:mediapackage:${c.region}:${sim.acct}:channels/${c.internalId}`;
export const v1EndpointArn = (sim: Sim, e: V1Endpoint): string => `arn:aws:mediapackage:${e.region}:${sim.acct}:origin_endpoints/${e.internalId}`;
const chRes = (sim: Sim, c: V1Channel): Resource[] => [{ ARN: v1ChannelArn(sim, c), type: 'AWS::MediaPackage::Channel' }];
const epRes = (sim: Sim, e: V1Endpoint): Resource[] => [{ ARN: v1EndpointArn(sim, e), type: 'AWS::MediaPackage::OriginEndpoint' }];

function channelView(sim: Sim, c: V1Channel): Obj {
  return {
    arn: v1ChannelArn(sim, c),
    id: c.id,
    description: c.description,
    createdAt: new Date(c.createdAt * 1000).toISOString(),
    // CloudTrail masks secrets in recorded responses; the username is not a secret.
    hlsIngest: { ingestEndpoints: c.ingest.map((i) => ({ id: i.id, url: i.url, username: i.username, password: '***' })) },
    egressAccessLogs: { ...c.egressLogs },
    ingressAccessLogs: { ...c.ingressLogs },
    tags: { ...c.tags },
  };
}

const PKG_KEY: Record<V1Kind, string> = { hls: 'hlsPackage', dash: 'dashPackage', cmaf: 'cmafPackage' };

function endpointView(sim: Sim, e: V1Endpoint): Obj {
  const view: Obj = {
    arn: v1EndpointArn(sim, e), id: e.id, channelId: e.channelId, description: e.description, manifestName: e.manifestName,
    startoverWindowSeconds: e.startover, timeDelaySeconds: e.timeDelay, whitelist: [...e.whitelist],
    [PKG_KEY[e.kind]]: structuredClone(e.pkg),
  };
  if (e.authorization) view.authorization = { ...e.authorization };
  view.url = e.url;
  view.origination = 'ALLOW';
  view.createdAt = new Date(e.createdAt * 1000).toISOString();
  view.tags = { ...e.tags };
  return view;
}

const STREAM_SELECTION = { streamOrder: 'ORIGINAL', minVideoBitsPerSecond: 0, maxVideoBitsPerSecond: 2147483647 };

function initialPackage(kind: V1Kind, id: string, url: string): Obj {
  if (kind === 'dash') {
    return { segmentDurationSeconds: 2, manifestWindowSeconds: 60, minBufferTimeSeconds: 30, minUpdatePeriodSeconds: 15, suggestedPresentationDelaySeconds: 25,
      profile: 'NONE', manifestLayout: 'FULL', segmentTemplateFormat: 'NUMBER_WITH_TIMELINE', periodTriggers: [], streamSelection: { ...STREAM_SELECTION } };
  }
  const hls = { playlistWindowSeconds: 60, playlistType: 'NONE', adMarkers: 'NONE', programDateTimeIntervalSeconds: 0, includeIframeOnlyStream: false };
  if (kind === 'cmaf') {
    return { segmentDurationSeconds: 6, segmentPrefix: id, hlsManifests: [{ id: `${id}-hls`, manifestName: 'index', ...hls, url }], streamSelection: { ...STREAM_SELECTION } };
  }
  return { segmentDurationSeconds: 6, ...hls, useAudioRenditionGroup: false, adsOnDeliveryRestrictions: 'RESTRICTED', streamSelection: { ...STREAM_SELECTION } };
}

function emitV1(sim: Sim, p: Principal, region: string, name: string, req: Obj | null, res: Obj | null, resources: Resource[] = [], fail?: Failure): boolean {
  sim.emit(p, { region, source: V1, name, readOnly: /^(Describe|List)/.test(name), req, res, resources, fail });
  return !fail;
}

export function notFoundV1(kind: 'channel' | 'origin endpoint', id: string): Failure {
  return { code: 'NotFoundException', message: `The ${kind} with id ${id} does not exist.` };
}

export function v1CreateChannel(sim: Sim, p: Principal, region: string, id: string, description: string, tags: Record<string, string>, ephemeral = false): V1Channel | null {
  const taken = sim.world.v1Channels.some((x) => x.live && x.region === region && x.id === id);
  const fail: Failure | undefined = taken ? { code: 'UnprocessableEntityException', message: `A channel with id ${id} already exists.` } : undefined;
  const c: V1Channel = {
    region, id, internalId: sim.rng.hex(32), description, egressLogs: {}, ingressLogs: {}, tags: { ...tags }, createdAt: sim.t, live: true, ephemeral, ingest: [],
  };
  const host = hostLabel(sim, region, 'v1-ingest', 16);
  for (let i = 0; i < 2; i++) {
    const ingestId = sim.rng.hex(32);
    c.ingest.push({ id: ingestId, username: sim.rng.hex(32), url: `https://${host}.mediapackage.${region}.amazonaws.com/in/v2/${c.internalId}/${ingestId}/channel` });
  }
  const req: Obj = { id, description };
  if (Object.keys(tags).length > 0) req.tags = { ...tags };
  if (!emitV1(sim, p, region, 'CreateChannel', req, channelView(sim, c), fail ? [] : chRes(sim, c), fail)) return null;
  sim.world.v1Channels.push(c);
  return c;
}

export function v1UpdateChannel(sim: Sim, p: Principal, c: V1Channel, description: string, fail?: Failure): void {
  const next = { ...c, description };
  if (emitV1(sim, p, c.region, 'UpdateChannel', { id: c.id, description }, channelView(sim, next), chRes(sim, c), fail)) c.description = description;
}

export function v1DeleteChannel(sim: Sim, p: Principal, c: V1Channel): void {
  emitV1(sim, p, c.region, 'DeleteChannel', { id: c.id }, null, chRes(sim, c));
  c.live = false;
  sim.world.gone.push({ at: sim.t, region: c.region, source: V1, name: c.id });
}

/** Reads by user id; an id that names no live channel is a NotFound without resources. */
export function v1DescribeChannel(sim: Sim, p: Principal, region: string, id: string, fail?: Failure): void {
  const c = sim.world.v1Channels.find((x) => x.live && x.region === region && x.id === id);
  const err = fail ?? (c ? undefined : notFoundV1('channel', id));
  emitV1(sim, p, region, 'DescribeChannel', { id }, null, c && !err?.code.startsWith('NotFound') ? chRes(sim, c) : [], err);
}

export function v1ListChannels(sim: Sim, p: Principal, region: string, paged: boolean, fail?: Failure): void {
  emitV1(sim, p, region, 'ListChannels', paged ? { maxResults: 50 } : null, null, [], fail);
}

export function v1Rotate(sim: Sim, p: Principal, c: V1Channel, which: number, fail?: Failure): void {
  const ingest = c.ingest[which % c.ingest.length];
  emitV1(sim, p, c.region, 'RotateIngestEndpointCredentials', { id: c.id, ingestEndpointId: ingest.id }, channelView(sim, c), chRes(sim, c), fail);
}

export function v1ConfigureLogs(sim: Sim, p: Principal, c: V1Channel): void {
  c.egressLogs = { logGroupName: '/aws/MediaPackage/EgressAccessLogs' };
  c.ingressLogs = { logGroupName: '/aws/MediaPackage/IngressAccessLogs' };
  emitV1(sim, p, c.region, 'ConfigureLogs', { id: c.id, egressAccessLogs: { ...c.egressLogs }, ingressAccessLogs: { ...c.ingressLogs } }, channelView(sim, c), chRes(sim, c));
}

export function v1CreateEndpoint(sim: Sim, p: Principal, c: V1Channel, id: string, kind: V1Kind, tags: Record<string, string>, fail?: Failure): V1Endpoint | null {
  const internalId = sim.rng.hex(32);
  const file = kind === 'dash' ? 'index.mpd' : 'index.m3u8';
  const url = `https://${hostLabel(sim, c.region, 'v1-egress', 16)}.mediapackage.${c.region}.amazonaws.com/out/v1/${internalId}/${file}`;
  const e: V1Endpoint = {
    region: c.region, id, internalId, channelId: c.id, kind, description: `${kind.toUpperCase()} output for ${c.id}`, manifestName: 'index',
    startover: 0, timeDelay: 0, whitelist: [], pkg: initialPackage(kind, id, url), authorization: null, url, tags: { ...tags }, createdAt: sim.t, live: true,
  };
  const req: Obj = {
    channelId: c.id, id, description: e.description, manifestName: 'index', startoverWindowSeconds: 0, timeDelaySeconds: 0,
    [PKG_KEY[kind]]: structuredClone(e.pkg), origination: 'ALLOW', tags: { ...tags },
  };
  // The service fills in the manifest URL; a client cannot send it.
  const sent = req[PKG_KEY[kind]] as Obj;
  if (kind === 'cmaf') (sent.hlsManifests as Obj[]).forEach((m) => delete m.url);
  if (!emitV1(sim, p, c.region, 'CreateOriginEndpoint', req, endpointView(sim, e), fail ? [] : epRes(sim, e), fail)) return null;
  sim.world.v1Endpoints.push(e);
  return e;
}

/** One step of configuration drift; returns the changed top-level fields as the request sends them. */
export function v1Tweak(sim: Sim, e: V1Endpoint): Obj {
  const cycle = (values: number[], current: number): number => values[(values.indexOf(current) + 1) % values.length];
  const pkg = structuredClone(e.pkg);
  const options: (() => Obj)[] = [
    () => ({ startoverWindowSeconds: (e.startover = cycle([0, 1800, 3600, 7200], e.startover)) }),
    () => ({ timeDelaySeconds: (e.timeDelay = cycle([0, 10, 30], e.timeDelay)) }),
    () => {
      const cidr = sim.rng.pick(['198.51.100.0/24', '203.0.113.0/24', '2001:db8:4a2f::/48']);
      e.whitelist = e.whitelist.includes(cidr) ? e.whitelist.filter((x) => x !== cidr) : [...e.whitelist, cidr];
      return { whitelist: [...e.whitelist] };
    },
    () => {
      pkg.segmentDurationSeconds = cycle(e.kind === 'dash' ? [2, 4] : [6, 4, 2], pkg.segmentDurationSeconds as number);
      e.pkg = pkg;
      return { [PKG_KEY[e.kind]]: structuredClone(pkg) };
    },
    () => {
      if (e.kind === 'hls') pkg.playlistWindowSeconds = cycle([60, 120, 300], pkg.playlistWindowSeconds as number);
      else if (e.kind === 'dash') pkg.manifestWindowSeconds = cycle([60, 120, 300], pkg.manifestWindowSeconds as number);
      else (pkg.hlsManifests as Obj[])[0].playlistWindowSeconds = cycle([60, 120, 300], (pkg.hlsManifests as Obj[])[0].playlistWindowSeconds as number);
      e.pkg = pkg;
      return { [PKG_KEY[e.kind]]: structuredClone(pkg) };
    },
    () => {
      e.authorization = e.authorization ? null : {
        cdnIdentifierSecret: `arn:aws:secretsmanager:${e.region}:${sim.acct}:secret:MediaPackage/${e.channelId}-cdn-auth-${sim.rng.chars(6, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz')}`,
        secretsRoleArn: `arn:aws:iam::${sim.acct}:role/MediaPackageCdnAuthSecretsRole`,
      };
      return { authorization: e.authorization ? { ...e.authorization } : {} };
    },
    () => ({ description: (e.description = `${e.kind.toUpperCase()} output for ${e.channelId} (rev ${sim.rng.int(2, 40)})`) }),
  ];
  return sim.rng.pick(options)();
}

/** `change` mutates the endpoint; a failing call is applied to a throw-away copy so the world is untouched. */
export function v1UpdateEndpoint(sim: Sim, p: Principal, e: V1Endpoint, change: (x: V1Endpoint) => Obj, fail?: Failure): void {
  const target = fail ? structuredClone(e) : e;
  const patch = change(target);
  emitV1(sim, p, e.region, 'UpdateOriginEndpoint', { id: e.id, ...patch }, endpointView(sim, target), epRes(sim, e), fail);
}

export function v1DeleteEndpoint(sim: Sim, p: Principal, e: V1Endpoint): void {
  emitV1(sim, p, e.region, 'DeleteOriginEndpoint', { id: e.id }, null, epRes(sim, e));
  e.live = false;
}

export function v1DescribeEndpoint(sim: Sim, p: Principal, e: V1Endpoint, fail?: Failure): void {
  emitV1(sim, p, e.region, 'DescribeOriginEndpoint', { id: e.id }, null, epRes(sim, e), fail);
}

export function v1ListEndpoints(sim: Sim, p: Principal, region: string, channelId: string | null, fail?: Failure): void {
  emitV1(sim, p, region, 'ListOriginEndpoints', channelId ? { channelId } : null, null, [], fail);
}

export function v1Tag(sim: Sim, p: Principal, res: Resource, region: string, target: { tags: Record<string, string> }, tags: Record<string, string>, fail?: Failure): void {
  if (emitV1(sim, p, region, 'TagResource', { resourceArn: res.ARN, tags }, null, [res], fail)) Object.assign(target.tags, tags);
}

export function v1Untag(sim: Sim, p: Principal, res: Resource, region: string, target: { tags: Record<string, string> }, keys: string[]): void {
  emitV1(sim, p, region, 'UntagResource', { resourceArn: res.ARN, tagKeys: keys }, null, [res]);
  for (const k of keys) delete target.tags[k];
}

export const v1Resource = { channel: (sim: Sim, c: V1Channel) => chRes(sim, c)[0], endpoint: (sim: Sim, e: V1Endpoint) => epRes(sim, e)[0] };

export function v1Harvest(sim: Sim, p: Principal, e: V1Endpoint): void {
  const id = `${e.channelId}-clip-${new Date(sim.t * 1000).toISOString().slice(0, 10).replace(/-/g, '')}-${sim.rng.int(1, 9)}`;
  const end = sim.t - sim.rng.int(5, 20) * 60;
  const start = end - sim.rng.int(5, 20) * 60;
  const s3 = { bucketName: `packtrail-harvest-${sim.acct}`, manifestKey: `clips/${id}/index.m3u8`, roleArn: `arn:aws:iam::${sim.acct}:role/MediaPackageHarvestS3Role` };
  const req = { id, originEndpointId: e.id, startTime: new Date(start * 1000).toISOString(), endTime: new Date(end * 1000).toISOString(), s3Destination: s3 };
  // Harvesting reads the startover buffer; an endpoint without one cannot serve the window.
  const fail: Failure | undefined = e.startover < (sim.t - start)
    ? { code: 'UnprocessableEntityException', message: `Origin endpoint ${e.id} does not have a startover window that covers the requested time range.` } : undefined;
  const arn = `arn:aws:mediapackage:${e.region}:${sim.acct}:harvest_jobs/${id}`;
  const res = { arn, id, channelId: e.channelId, originEndpointId: e.id, startTime: req.startTime, endTime: req.endTime, s3Destination: s3, status: 'IN_PROGRESS', createdAt: new Date(sim.t * 1000).toISOString() };
  if (!emitV1(sim, p, e.region, 'CreateHarvestJob', req, res, fail ? [] : [{ ARN: arn, type: 'AWS::MediaPackage::HarvestJob' }], fail)) return;
  const job = { region: e.region, id, channelId: e.channelId, endpointId: e.id, createdAt: sim.t, start, end };
  sim.world.harvestJobs.push(job);
  for (let i = 1; i <= 3; i++) {
    sim.at(sim.t + i * sim.rng.int(60, 240), () => emitV1(sim, p, job.region, 'DescribeHarvestJob', { id }, null, [{ ARN: arn, type: 'AWS::MediaPackage::HarvestJob' }]));
  }
}
