import { RESOURCE_TYPES } from '../resources';
import type { ResourceRef } from '../types';
import type { Operation, Target } from './operation-types';
import { arnTail, clean, cleanField, field, isArnLike } from './text';

interface Kind {
  noun: string;
  /** The indefinite phrase for a target the record does not name: "an origin endpoint". */
  some: string;
  /** The ResourceRef type the normaliser gives it; absent for things named only in the request. */
  type?: string;
  /** The request/response keys naming it, for things the normaliser does not extract. */
  keys?: readonly string[];
  /** What it lives in, and the word that joins them: origin endpoint X "of" channel Y. */
  parent?: Target;
  prep?: string;
}

const KINDS: Record<Target, Kind> = {
  channel: { noun: 'channel', some: 'a channel', type: RESOURCE_TYPES.channel },
  originEndpoint: { noun: 'origin endpoint', some: 'an origin endpoint', type: RESOURCE_TYPES.originEndpoint, parent: 'channel', prep: 'of' },
  harvestJob: { noun: 'harvest job', some: 'a harvest job', type: RESOURCE_TYPES.harvestJob, parent: 'originEndpoint', prep: 'for' },
  // The v1 request names it in the path; which spelling CloudTrail keeps is not documented, so both.
  ingestEndpoint: { noun: 'ingest endpoint', some: 'an ingest endpoint', keys: ['ingest_endpoint_id', 'ingestEndpointId', 'IngestEndpointId'], parent: 'channel', prep: 'of' },
  v2ChannelGroup: { noun: 'channel group', some: 'a channel group', type: RESOURCE_TYPES.v2ChannelGroup },
  v2Channel: { noun: 'channel', some: 'a channel', type: RESOURCE_TYPES.v2Channel, parent: 'v2ChannelGroup', prep: 'in' },
  v2OriginEndpoint: { noun: 'origin endpoint', some: 'an origin endpoint', type: RESOURCE_TYPES.v2OriginEndpoint, parent: 'v2Channel', prep: 'of' },
  v2HarvestJob: { noun: 'harvest job', some: 'a harvest job', keys: ['HarvestJobName', 'harvestJobName'], parent: 'v2OriginEndpoint', prep: 'for' },
  packagingGroup: { noun: 'packaging group', some: 'a packaging group', type: RESOURCE_TYPES.packagingGroup },
  packagingConfiguration: { noun: 'packaging configuration', some: 'a packaging configuration', type: RESOURCE_TYPES.packagingConfiguration, parent: 'packagingGroup', prep: 'in' },
  asset: { noun: 'asset', some: 'an asset', type: RESOURCE_TYPES.asset, parent: 'packagingGroup', prep: 'in' },
  tagged: { noun: 'resource', some: 'a resource' },
};

// Tag operations name one resource by ARN; a v2 ARN yields its parents too, so the child goes first.
const MOST_SPECIFIC_FIRST: readonly Target[] = [
  'v2HarvestJob', 'v2OriginEndpoint', 'v2Channel', 'v2ChannelGroup',
  'harvestJob', 'originEndpoint', 'channel',
  'packagingConfiguration', 'asset', 'packagingGroup',
];

export interface ResourceContext {
  resources: readonly ResourceRef[];
  record: unknown;
}

/** The id as the user chose it; an id that is itself an ARN shows only its last segment. */
function displayId(id: unknown): string {
  const text = clean(id);
  return isArnLike(text) ? clean(arnTail(text)) : text;
}

function idOf(target: Target, ctx: ResourceContext): string {
  const kind = KINDS[target];
  if (kind.type) {
    for (const r of ctx.resources) {
      if (r && r.type === kind.type) {
        const id = displayId(r.id);
        if (id) return id;
      }
    }
    return '';
  }
  if (!kind.keys) return '';
  const name = cleanField(field(ctx.record, 'requestParameters'), ...kind.keys) || cleanField(field(ctx.record, 'responseElements'), ...kind.keys);
  return isArnLike(name) ? clean(arnTail(name)) : name;
}

/**
 * " of channel sports-hd in channel group live": the nearest parent the event names, if any. A
 * skipped parent keeps the child's own word ("a harvest job for channel X"), but a group contains.
 */
function parentTail(target: Target, ctx: ResourceContext): string {
  const prep = KINDS[target].prep;
  for (let parent = KINDS[target].parent; parent; parent = KINDS[parent].parent) {
    const id = idOf(parent, ctx);
    if (id) return ` ${groupLike(parent) ? 'in' : prep} ${named(parent, id, ctx)}`;
  }
  return '';
}

function named(target: Target, id: string, ctx: ResourceContext): string {
  return `${KINDS[target].noun} ${id}${parentTail(target, ctx)}`;
}

/** "channel sports-hd in channel group live", or "" when the event does not name one. */
function phraseIfNamed(target: Target, ctx: ResourceContext): string {
  const id = idOf(target, ctx);
  return id ? named(target, id, ctx) : '';
}

// `AWS::S3::Bucket` → "bucket", `AWS::EC2::SecurityGroup` → "security group".
const CAMEL_BOUNDARY = /([a-z0-9])([A-Z])/g;
function nounOfType(type: string): string {
  const i = type.lastIndexOf('::');
  const noun = clean(i >= 0 ? type.slice(i + 2) : type, 40).replace(CAMEL_BOUNDARY, '$1 $2').toLowerCase();
  return noun || 'resource';
}

/** The most specific resource an event names, whatever its kind; "" when it names none. */
export function anyResourcePhrase(ctx: ResourceContext): string {
  for (const t of MOST_SPECIFIC_FIRST) {
    const p = phraseIfNamed(t, ctx);
    if (p) return p;
  }
  for (const r of ctx.resources) {
    const id = r ? displayId(r.id) : '';
    if (id) return `${typeof r.type === 'string' && r.type ? nounOfType(r.type) : 'resource'} ${id}`;
  }
  return '';
}

function groupLike(target: Target): boolean {
  return target === 'v2ChannelGroup' || target === 'packagingGroup';
}

/** What the operation's verb acts on, ready to follow it: "channel sports-hd", " of channel X", "". */
export function objectPhrase(op: Operation, ctx: ResourceContext): string {
  if (op.target === null) {
    for (const t of op.scope ?? []) {
      const p = phraseIfNamed(t, ctx);
      if (p) return ` ${groupLike(t) ? 'in' : 'of'} ${p}`;
    }
    return '';
  }
  if (op.target === 'tagged') return ` ${anyResourcePhrase(ctx) || KINDS.tagged.some}`;
  const p = phraseIfNamed(op.target, ctx);
  if (p) return ` ${p}`;
  // Not named: still say what kind it was, with whatever parent the event does name.
  return ` ${KINDS[op.target].some}${parentTail(op.target, ctx)}`;
}

export function nounOf(target: Target): string {
  return KINDS[target].noun;
}
