import type { LookupEvent, ResourceRef } from './types';

export const RESOURCE_TYPES = {
  channel: 'AWS::MediaPackage::Channel',
  originEndpoint: 'AWS::MediaPackage::OriginEndpoint',
  harvestJob: 'AWS::MediaPackage::HarvestJob',
  v2ChannelGroup: 'AWS::MediaPackageV2::ChannelGroup',
  v2Channel: 'AWS::MediaPackageV2::Channel',
  v2OriginEndpoint: 'AWS::MediaPackageV2::OriginEndpoint',
  packagingGroup: 'AWS::MediaPackage::PackagingGroup',
  packagingConfiguration: 'AWS::MediaPackage::PackagingConfiguration',
  asset: 'AWS::MediaPackage::Asset',
} as const;

export const EVENT_SOURCES = {
  v1: 'mediapackage.amazonaws.com',
  v2: 'mediapackagev2.amazonaws.com',
  vod: 'mediapackage-vod.amazonaws.com',
} as const;

export interface ResourceAlias {
  arn: string;
  id: string;
  type: string;
}

export interface ResourceContext {
  eventSource: string;
  eventName: string;
  region: string;
  /** recipientAccountId ?? userIdentity.accountId; needed to build v2 and VOD ARNs. */
  accountId: string;
  /** LookupEvents' `Resources`, when the record came through LookupEvents. */
  lookupResources?: LookupEvent['Resources'];
}

type Obj = Record<string, unknown>;
interface Candidate {
  type: string;
  id?: string;
  arn?: string;
}

function asObject(v: unknown): Obj | undefined {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : undefined;
}

function asString(v: unknown): string | undefined {
  return typeof v === 'string' && v.trim() !== '' ? v : undefined;
}

function pick(objs: (Obj | undefined)[], ...keys: string[]): string | undefined {
  for (const o of objs) for (const k of keys) {
    const v = asString(o?.[k]);
    if (v) return v;
  }
  return undefined;
}

function partitionOf(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}

function lastSegment(arn: string): string {
  const parts = arn.split(/[/:]/);
  return parts[parts.length - 1] || arn;
}

const V1_ARN = /^arn:[^:]+:mediapackage:[^:]*:[^:]*:(channels|origin_endpoints|harvest_jobs)\/([^/]+)$/;
const V1_KINDS: Record<string, string> = {
  channels: RESOURCE_TYPES.channel,
  origin_endpoints: RESOURCE_TYPES.originEndpoint,
  harvest_jobs: RESOURCE_TYPES.harvestJob,
};
const VOD_ARN = /^arn:[^:]+:mediapackage-vod:[^:]*:[^:]*:(assets|packaging-configurations|packaging-groups)\/([^/]+)$/;
const VOD_KINDS: Record<string, string> = {
  assets: RESOURCE_TYPES.asset,
  'packaging-configurations': RESOURCE_TYPES.packagingConfiguration,
  'packaging-groups': RESOURCE_TYPES.packagingGroup,
};
const V2_ARN = /^(arn:[^:]+:mediapackagev2:[^:]*:[^:]*:)channelGroup\/([^/]+)(?:\/channel\/([^/]+)(?:\/originEndpoint\/([^/]+))?)?$/;

/** True for a v1 ARN, whose last segment is MediaPackage's internal id rather than the user's id. */
export function isV1Arn(arn: string): boolean {
  return V1_ARN.test(arn);
}

/** MediaPackage resources named by an ARN, most specific first (a v2 ARN names its parents too). */
export function resourcesOfArn(arn: string): Candidate[] | null {
  const v1 = V1_ARN.exec(arn);
  // No id: it would be the internal one, and an alias or the final fallback decides it.
  if (v1) return [{ type: V1_KINDS[v1[1]], arn }];
  const vod = VOD_ARN.exec(arn);
  if (vod) return [{ type: VOD_KINDS[vod[1]], id: vod[2], arn }];
  const v2 = V2_ARN.exec(arn);
  if (v2) {
    const [, prefix, group, channel, endpoint] = v2;
    const groupArn = `${prefix}channelGroup/${group}`;
    const out: Candidate[] = [{ type: RESOURCE_TYPES.v2ChannelGroup, id: group, arn: groupArn }];
    if (channel) out.unshift({ type: RESOURCE_TYPES.v2Channel, id: channel, arn: `${groupArn}/channel/${channel}` });
    if (channel && endpoint) out.unshift({ type: RESOURCE_TYPES.v2OriginEndpoint, id: endpoint, arn });
    return out;
  }
  return null;
}

// In these v1 operations the request's `id` is the channel (for RotateIngestEndpointCredentials too).
const V1_CHANNEL_OPS = new Set(['CreateChannel', 'UpdateChannel', 'DeleteChannel', 'DescribeChannel', 'RotateChannelCredentials', 'RotateIngestEndpointCredentials', 'ConfigureLogs']);

function v1Target(eventName: string): string | undefined {
  if (eventName.includes('HarvestJob')) return RESOURCE_TYPES.harvestJob;
  if (eventName.includes('OriginEndpoint')) return RESOURCE_TYPES.originEndpoint;
  if (V1_CHANNEL_OPS.has(eventName)) return RESOURCE_TYPES.channel;
  return undefined;
}

function vodTarget(eventName: string): string | undefined {
  if (eventName.includes('PackagingConfiguration')) return RESOURCE_TYPES.packagingConfiguration;
  if (eventName.includes('PackagingGroup') || eventName === 'ConfigureLogs') return RESOURCE_TYPES.packagingGroup;
  if (eventName.includes('Asset')) return RESOURCE_TYPES.asset;
  return undefined;
}

const TAG_ARN_KEYS = ['resource-arn', 'ResourceArn', 'resourceArn'];

function fromV1(req: Obj | undefined, res: Obj | undefined, ctx: ResourceContext, aliases: Map<string, ResourceAlias>): Candidate[] {
  const out: Candidate[] = [];
  const target = v1Target(ctx.eventName);
  const resArn = asString(res?.arn);
  const resId = asString(res?.id);
  const fromArn = resArn ? resourcesOfArn(resArn)?.[0] : undefined;
  if (fromArn && resArn && isV1Arn(resArn) && resId) aliases.set(resArn, { arn: resArn, id: resId, type: fromArn.type });
  if (fromArn) out.push({ ...fromArn, id: resId });
  if (target) {
    const id = asString(req?.id) ?? (fromArn ? undefined : resId);
    if (id) out.push({ type: target, id });
  }
  const endpointId = pick([req, res], 'originEndpointId');
  if (endpointId) out.push({ type: RESOURCE_TYPES.originEndpoint, id: endpointId });
  const channelId = pick([req, res], 'channelId', 'includeChannelId');
  if (channelId) out.push({ type: RESOURCE_TYPES.channel, id: channelId });
  return out;
}

function fromV2(req: Obj | undefined, res: Obj | undefined, ctx: ResourceContext): Candidate[] {
  const out: Candidate[] = [];
  const objs = [req, res];
  const group = pick(objs, 'ChannelGroupName', 'channelGroupName');
  const channel = pick(objs, 'ChannelName', 'channelName');
  const endpoint = pick(objs, 'OriginEndpointName', 'originEndpointName');
  const base = ctx.region && ctx.accountId ? `arn:${partitionOf(ctx.region)}:mediapackagev2:${ctx.region}:${ctx.accountId}:` : null;
  const groupArn = base && group ? `${base}channelGroup/${group}` : undefined;
  const channelArn = groupArn && channel ? `${groupArn}/channel/${channel}` : undefined;
  const endpointArn = channelArn && endpoint ? `${channelArn}/originEndpoint/${endpoint}` : undefined;
  if (endpoint && channel) out.push({ type: RESOURCE_TYPES.v2OriginEndpoint, id: endpoint, arn: endpointArn });
  if (channel && group) out.push({ type: RESOURCE_TYPES.v2Channel, id: channel, arn: channelArn });
  if (group) out.push({ type: RESOURCE_TYPES.v2ChannelGroup, id: group, arn: groupArn });
  // The response ARN is authoritative where we could not build one (no account in the record).
  const resArn = pick([res], 'Arn', 'arn');
  if (resArn) out.push(...(resourcesOfArn(resArn) ?? []));
  return out;
}

function fromVod(req: Obj | undefined, res: Obj | undefined, ctx: ResourceContext): Candidate[] {
  const out: Candidate[] = [];
  const base = ctx.region && ctx.accountId ? `arn:${partitionOf(ctx.region)}:mediapackage-vod:${ctx.region}:${ctx.accountId}:` : null;
  const target = vodTarget(ctx.eventName);
  const resArn = asString(res?.arn);
  if (resArn) out.push(...(resourcesOfArn(resArn) ?? []));
  const id = pick([req, res], 'id');
  if (target && id) {
    const kind = Object.keys(VOD_KINDS).find((k) => VOD_KINDS[k] === target);
    out.push({ type: target, id, arn: base && kind ? `${base}${kind}/${id}` : undefined });
  }
  const groupId = pick([req, res], 'packagingGroupId');
  if (groupId) out.push({ type: RESOURCE_TYPES.packagingGroup, id: groupId, arn: base ? `${base}packaging-groups/${groupId}` : undefined });
  return out;
}

function fromArnText(arn: string, type: string | undefined, mediaPackage: boolean): Candidate[] {
  const known = mediaPackage ? resourcesOfArn(arn) : null;
  if (known) return known;
  return type ? [{ type, arn }] : [];
}

/** Merges candidates naming the same resource (same type, and same ARN or same id without conflicting ARNs). */
function merge(candidates: Candidate[], aliases: Map<string, ResourceAlias>): ResourceRef[] {
  let list: Candidate[] = candidates
    .filter((c) => c.type && (c.id || c.arn))
    .map((c) => ({ ...c, id: c.id ?? (c.arn ? aliases.get(c.arn)?.id : undefined) }));
  // Repeat until stable: a merge can fill in the field that links two earlier entries.
  for (let changed = true; changed; ) {
    changed = false;
    const out: Candidate[] = [];
    for (const c of list) {
      const hit = out.find(
        (o) =>
          o.type === c.type &&
          ((c.arn !== undefined && o.arn === c.arn) ||
            (c.id !== undefined && o.id === c.id && !(o.arn && c.arn && o.arn !== c.arn))),
      );
      if (hit) {
        hit.id ??= c.id;
        hit.arn ??= c.arn;
        changed = true;
      } else out.push({ ...c });
    }
    list = out;
  }
  return list.map((c) => ({ type: c.type, id: c.id ?? lastSegment(c.arn ?? ''), arn: c.arn ?? null }));
}

/**
 * The resources an event touched, from the record's `resources[]`, LookupEvents' `Resources` and, for
 * MediaPackage sources, the request and response; plus v1 ARN → user id aliases learned on the way.
 */
export function resourcesOf(record: unknown, ctx: ResourceContext): { resources: ResourceRef[]; aliases: ResourceAlias[] } {
  const rec = asObject(record) ?? {};
  const req = asObject(rec.requestParameters);
  const res = asObject(rec.responseElements);
  const aliases = new Map<string, ResourceAlias>();
  const mediaPackage = (Object.values(EVENT_SOURCES) as string[]).includes(ctx.eventSource);
  const candidates: Candidate[] = [];

  if (ctx.eventSource === EVENT_SOURCES.v1) candidates.push(...fromV1(req, res, ctx, aliases));
  else if (ctx.eventSource === EVENT_SOURCES.v2) candidates.push(...fromV2(req, res, ctx));
  else if (ctx.eventSource === EVENT_SOURCES.vod) candidates.push(...fromVod(req, res, ctx));
  if (mediaPackage) {
    const tagArn = pick([req], ...TAG_ARN_KEYS);
    if (tagArn) candidates.push(...fromArnText(tagArn, undefined, true));
  }

  if (Array.isArray(rec.resources)) {
    for (const r of rec.resources) {
      const o = asObject(r);
      const arn = asString(o?.ARN) ?? asString(o?.ARNPrefix);
      if (arn) candidates.push(...fromArnText(arn, asString(o?.type), mediaPackage));
    }
  }
  for (const r of ctx.lookupResources ?? []) {
    const type = asString(r?.ResourceType);
    const name = asString(r?.ResourceName);
    if (!name) continue;
    if (name.startsWith('arn:')) candidates.push(...fromArnText(name, type, mediaPackage));
    else if (type) candidates.push({ type, id: name });
  }

  if (ctx.eventSource === EVENT_SOURCES.v1) pairV1(candidates, aliases);
  return { resources: merge(candidates, aliases), aliases: [...aliases.values()] };
}

/**
 * A v1 call names its resource by the user's id in the request, while the record's `resources[]`
 * names it by the internal-id ARN. When one of each is all an event has for a type, they are the
 * same resource: that ties the ARN to the id even when the creating call is older than 90 days.
 */
function pairV1(candidates: Candidate[], aliases: Map<string, ResourceAlias>): void {
  for (const type of new Set(candidates.map((c) => c.type))) {
    const ofType = candidates.filter((c) => c.type === type);
    const arns = [...new Set(ofType.filter((c) => c.arn && !c.id && isV1Arn(c.arn) && !aliases.has(c.arn)).map((c) => c.arn!))];
    const ids = [...new Set(ofType.filter((c) => c.id && !c.arn).map((c) => c.id!))];
    const named = ofType.some((c) => c.id && c.arn);
    if (arns.length === 1 && ids.length === 1 && !named) aliases.set(arns[0], { arn: arns[0], id: ids[0], type });
  }
}
