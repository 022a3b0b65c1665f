// The shapes every layer agrees on. EventSummary is the SPEC's JSON contract.

export type PrincipalType =
  | 'IAMUser'
  | 'AssumedRole'
  | 'SSOUser' // an IAM Identity Center person signed in through an AWSReservedSSO_* role
  | 'Root'
  | 'FederatedUser'
  | 'AWSService'
  | 'AWSAccount'
  | 'IdentityCenterUser'
  | 'WebIdentityUser'
  | 'SAMLUser'
  | 'Unknown';

export interface ResourceRef {
  /** CloudFormation-style type, e.g. `AWS::MediaPackage::Channel`, `AWS::MediaPackageV2::OriginEndpoint`. */
  type: string;
  /** The id the user chose (v1/VOD `id`, v2 name), when known. */
  id: string;
  arn: string | null;
}

export interface EventSummary {
  eventId: string;
  eventTime: string; // ISO 8601, UTC, millisecond precision
  eventSource: string;
  eventName: string;
  region: string;
  accountId: string;
  readOnly: boolean;
  errorCode: string | null;
  errorMessage: string | null;
  sourceIp: string;
  userAgent: string;
  /** Readable, stable key: `deploy-bot`, `MediaOpsAdmin/ops-alice`, `root`, `cloudformation.amazonaws.com`. */
  principal: string;
  principalType: PrincipalType;
  principalArn: string | null;
  accessKeyId: string | null;
  resources: ResourceRef[];
  /** One plain English sentence: who did what to which resource, where, from where, with which tool. */
  description: string;
}

/** One event as LookupEvents returns it (the SDK's `Event`, with the fields we rely on). */
export interface LookupEvent {
  EventId?: string;
  EventName?: string;
  ReadOnly?: string;
  AccessKeyId?: string;
  EventTime?: Date;
  EventSource?: string;
  Username?: string;
  Resources?: { ResourceType?: string; ResourceName?: string }[];
  CloudTrailEvent?: string;
}

/** What the store keeps for one event: the summary, the raw record byte-for-byte, and derived index keys. */
export interface StoredEvent {
  summary: EventSummary;
  /**
   * The record exactly as received: LookupEvents' `CloudTrailEvent` string, or a trail file's record
   * as its UTF-8 bytes in the file (stored as text all the same).
   */
  raw: string | Uint8Array;
  /**
   * Set when `raw` is already in its stored form (lib/store/raw-codec): the import's parser thread
   * compresses records there, off the thread that writes the store.
   */
  packed?: true;
  /**
   * With `packed`, the block `raw` points into (raw-codec format 3): one view shared by the events of
   * the block, which the store writes once, with the first of them it stores.
   */
  rawBlock?: Uint8Array;
  /** Source IP as a 32-hex-digit IPv6 key (IPv4 mapped into ::ffff:0:0/96); null for non-IP sources. */
  ipKey: string | null;
  /** Lower-cased text for `q`: names, ids, user agent, request parameters. */
  searchText: string;
  /** Problems met while reading the record (invalid JSON, unknown shape…); empty when clean. */
  flags: string[];
  /** requestID, and the session's creationDate: what related events match on besides indexed columns. */
  requestId: string | null;
  sessionCreated: string | null;
  /** v1 resources whose ARN carries an internal id, learned from mutating calls: ARN → user id. */
  aliases: { arn: string; id: string; type: string }[];
}
