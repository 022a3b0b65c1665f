// The simulated account's state and the CloudTrail envelope every call is wrapped in.
// Resources are never removed from the arrays, only marked dead, so a re-created name is a new
// object with a new internal id, as in MediaPackage itself.

import { derivedRng, type Rng } from './prng';
import { iso, type CallInfo, type Client, type Principal, type Principals } from './demo-world';

export const V1 = 'mediapackage.amazonaws.com';
export const V2 = 'mediapackagev2.amazonaws.com';
export const MEDIALIVE = 'medialive.amazonaws.com';
export const IVS = 'ivs.amazonaws.com';

type Obj = Record<string, unknown>;

export interface V1Channel {
  region: string; id: string; internalId: string; description: string;
  ingest: { id: string; username: string; url: string }[];
  egressLogs: Obj; ingressLogs: Obj; tags: Record<string, string>;
  createdAt: number; live: boolean; ephemeral: boolean;
}

export type V1Kind = 'hls' | 'dash' | 'cmaf';
export interface V1Endpoint {
  region: string; id: string; internalId: string; channelId: string; kind: V1Kind; description: string;
  manifestName: string; startover: number; timeDelay: number; whitelist: string[]; pkg: Obj;
  authorization: { cdnIdentifierSecret: string; secretsRoleArn: string } | null;
  url: string; tags: Record<string, string>; createdAt: number; live: boolean;
}

/** v2 createdAt/modifiedAt are epoch ms. */
export interface V2Group { region: string; name: string; egressDomain: string; description: string; createdAt: number; modifiedAt: number; etag: string }
export interface V2Channel {
  region: string; group: string; name: string; description: string; inputType: 'HLS' | 'CMAF';
  createdAt: number; modifiedAt: number; etag: string; tags: Record<string, string>; live: boolean; ephemeral: boolean;
}
export interface V2Endpoint {
  region: string; group: string; channel: string; name: string; containerType: 'CMAF' | 'TS'; description: string;
  segment: Obj; startover: number; manifestWindow: number; createdAt: number; modifiedAt: number; etag: string; live: boolean;
}

export interface HarvestJob { region: string; id: string; channelId: string; endpointId: string; createdAt: number; start: number; end: number }

export interface World {
  v1Channels: V1Channel[];
  v1Endpoints: V1Endpoint[];
  v2Groups: V2Group[];
  v2Channels: V2Channel[];
  v2Endpoints: V2Endpoint[];
  harvestJobs: HarvestJob[];
  /** Recently deleted channels: pollers holding a stale list still ask for them and get NotFound. */
  gone: { at: number; region: string; source: string; name: string; group?: string }[];
  /** MediaLive channels of the look-alike events, keyed by their numeric ids. */
  medialive: { region: string; id: string; name: string }[];
}

export interface Failure { code: string; message: string }

export interface Resource { ARN: string; type: string }

export interface CallSpec {
  region: string;
  source: string;
  name: string;
  readOnly: boolean;
  req: Obj | null;
  /** Ignored when the call fails: CloudTrail writes null responseElements for errors. */
  res: Obj | null;
  resources?: Resource[];
  fail?: Failure;
  /** Overrides the principal's usual client (scripted oddities such as a hostile user agent). */
  client?: Client;
}

export interface Sim {
  rng: Rng;
  seed: number;
  acct: string;
  regions: string[];
  p: Principals;
  world: World;
  startSec: number;
  /** Exclusive. */
  endSec: number;
  /** Time of the task being run, epoch seconds. */
  t: number;
  at(t: number, run: () => void): void;
  emit(p: Principal, spec: CallSpec): void;
}

/** Builds one record with CloudTrail's field order, which the raw-JSON view shows verbatim. */
export function buildRecord(sim: Sim, p: Principal, spec: CallSpec): Obj {
  const call: CallInfo = { source: spec.source, name: spec.name, day: (sim.t - sim.startSec) / 86400 };
  const client = spec.client ?? p.client(sim.rng, call);
  const record: Obj = {
    eventVersion: spec.source === V1 && p.type !== 'IdentityCenterUser' ? '1.08' : '1.09',
    userIdentity: p.identity(sim.t),
    eventTime: iso(sim.t),
    eventSource: spec.source,
    eventName: spec.name,
    awsRegion: spec.region,
    sourceIPAddress: client.ip,
    userAgent: client.ua,
  };
  if (spec.fail) {
    record.errorCode = spec.fail.code;
    record.errorMessage = spec.fail.message;
  }
  record.requestParameters = spec.req;
  record.responseElements = spec.fail ? null : spec.res;
  record.requestID = sim.rng.uuid();
  record.eventID = sim.rng.uuid();
  record.readOnly = spec.readOnly;
  if (spec.resources && spec.resources.length > 0) {
    record.resources = spec.resources.map((r) => ({ ARN: r.ARN, accountId: sim.acct, type: r.type }));
  }
  record.eventType = 'AwsApiCall';
  record.managementEvent = true;
  record.recipientAccountId = sim.acct;
  record.eventCategory = 'Management';
  if (client.tls) {
    record.tlsDetails = client.tls === 'v13'
      ? { tlsVersion: 'TLSv1.3', cipherSuite: 'TLS_AES_128_GCM_SHA256', clientProvidedHostHeader: `${spec.source.split('.')[0]}.${spec.region}.amazonaws.com` }
      : { tlsVersion: 'TLSv1.2', cipherSuite: 'ECDHE-RSA-AES128-GCM-SHA256', clientProvidedHostHeader: `${spec.source.split('.')[0]}.${spec.region}.amazonaws.com` };
  }
  if (client.console) record.sessionCredentialFromConsole = 'true';
  return record;
}

/** A per-account, per-region hostname label; stable for a seed so URLs don't change between calls. */
export function hostLabel(sim: Sim, region: string, kind: string, length: number): string {
  return derivedRng(sim.seed, `host:${kind}:${region}`).hex(length);
}

/** v2 timestamps carry milliseconds, unlike eventTime; state keeps them as epoch ms so they stay put. */
export function nowMs(sim: Sim): number {
  return sim.t * 1000 + sim.rng.int(0, 999);
}

export const isoMs = (ms: number): string => new Date(ms).toISOString();

/** ETags look like base64 of a SHA-256. */
export function etag(sim: Sim): string {
  const bytes = Array.from({ length: 32 }, () => sim.rng.int(0, 255));
  return Buffer.from(bytes).toString('base64');
}

export function denied(p: Principal, source: string, action: string, resource: string, explicit = false): Failure {
  const svc = source.split('.')[0];
  const why = explicit ? 'with an explicit deny in an identity-based policy' : `because no identity-based policy allows the ${svc}:${action} action`;
  return {
    code: source === V1 ? 'AccessDenied' : 'AccessDeniedException',
    message: `User: ${p.arn} is not authorized to perform: ${svc}:${action} on resource: ${resource} ${why}`,
  };
}

export function throttled(source: string): Failure {
  return source === V1 ? { code: 'TooManyRequestsException', message: 'Too Many Requests' } : { code: 'ThrottlingException', message: 'Rate exceeded' };
}

export const liveV1Channels = (w: World, region?: string): V1Channel[] => w.v1Channels.filter((c) => c.live && (!region || c.region === region));
export const liveV1Endpoints = (w: World, region?: string): V1Endpoint[] => w.v1Endpoints.filter((e) => e.live && (!region || e.region === region));
export const liveV2Channels = (w: World, region?: string): V2Channel[] => w.v2Channels.filter((c) => c.live && (!region || c.region === region));
export const liveV2Endpoints = (w: World, region?: string): V2Endpoint[] => w.v2Endpoints.filter((e) => e.live && (!region || e.region === region));
