// The shape of one row of the operation table. The rows live in operations-v1/-v2/-vod.ts.

/**
 * What an operation acts on. Most are a ResourceRef type the normaliser extracts; `v2HarvestJob` and
 * `ingestEndpoint` are named only in the request, and `tagged` is whichever resource an ARN names.
 */
export type Target =
  | 'channel'
  | 'originEndpoint'
  | 'harvestJob'
  | 'ingestEndpoint'
  | 'v2ChannelGroup'
  | 'v2Channel'
  | 'v2OriginEndpoint'
  | 'v2HarvestJob'
  | 'asset'
  | 'packagingGroup'
  | 'packagingConfiguration'
  | 'tagged';

export interface Operation {
  /** Past tense, followed by the target: "rotated the ingest credentials of" (channel sports-hd). */
  past: string;
  /** For failures, after "tried to": "rotate the ingest credentials of". */
  infinitive: string;
  /** What the verb acts on; an absent one reads "a channel". Null for a list of everything. */
  target: Target | null;
  /**
   * List operations: the target is only a scope ("listed the origin endpoints of channel X"), left
   * out when the request named none. Candidates are tried in order, most specific first.
   */
  scope?: readonly Target[];
}

export type OperationTable = Readonly<Record<string, Operation>>;

export function act(past: string, infinitive: string, target: Target): Operation {
  return { past, infinitive, target };
}

export function list(past: string, infinitive: string, scope: readonly Target[] = []): Operation {
  return { past, infinitive, target: null, scope };
}
