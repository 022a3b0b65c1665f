// LookupEvents returns a few top-level fields next to the raw record. The real service computes them
// server-side; the emulator derives them from the record the way they show up in practice. The request
// side (which attributes may filter, and how a request is validated) lives here too, next to the fields.

export interface LookupResource {
  ResourceType?: string;
  ResourceName?: string;
}

export interface LookupFields {
  EventId?: string;
  EventName?: string;
  EventSource?: string;
  EventTime?: Date;
  ReadOnly?: string;
  Username?: string;
  AccessKeyId?: string;
  Resources?: LookupResource[];
}

export const LOOKUP_ATTRIBUTE_KEYS = [
  'EventId',
  'EventName',
  'ReadOnly',
  'Username',
  'ResourceType',
  'ResourceName',
  'EventSource',
  'AccessKeyId',
] as const;
export type LookupAttributeKey = (typeof LOOKUP_ATTRIBUTE_KEYS)[number];
export interface LookupAttribute {
  key: LookupAttributeKey;
  value: string;
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function obj(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

/** The name LookupEvents shows as `Username` for a record's `userIdentity`. */
export function deriveUsername(userIdentity: unknown): string | undefined {
  const id = obj(userIdentity);
  if (!id) return undefined;
  const arn = str(id.arn);
  switch (id.type) {
    case 'IAMUser':
      return str(id.userName) ?? str(id.principalId);
    case 'AssumedRole': {
      // arn:aws:sts::ACCT:assumed-role/ROLE/SESSION — the session name is what the console shows.
      const session = arn?.split('/').slice(2).join('/');
      if (session) return session;
      const principal = str(id.principalId);
      return principal?.includes(':') ? principal.slice(principal.indexOf(':') + 1) : principal;
    }
    case 'Root':
      return 'root';
    case 'AWSService':
      return str(id.invokedBy) ?? str(id.principalId);
    case 'FederatedUser': {
      const at = arn?.indexOf('federated-user/') ?? -1;
      if (arn && at >= 0) return arn.slice(at + 'federated-user/'.length);
      return str(id.principalId);
    }
    default:
      return str(id.principalId);
  }
}

function deriveReadOnly(record: Record<string, unknown>): string | undefined {
  const readOnly = record.readOnly;
  if (typeof readOnly === 'boolean' || typeof readOnly === 'string') return String(readOnly);
  const name = str(record.eventName);
  if (name === undefined) return undefined;
  return /^(Describe|List|Get)/.test(name) ? 'true' : 'false';
}

function deriveResources(resources: unknown): LookupResource[] {
  if (!Array.isArray(resources)) return [];
  return resources.flatMap((r) => {
    const res = obj(r);
    if (!res) return [];
    const out: LookupResource = {};
    const type = str(res.type);
    const arn = str(res.ARN);
    if (type !== undefined) out.ResourceType = type;
    if (arn !== undefined) out.ResourceName = arn;
    return [out];
  });
}

export function deriveLookupFields(record: Record<string, unknown>): LookupFields {
  const eventTime = str(record.eventTime);
  const time = eventTime === undefined ? undefined : new Date(eventTime);
  const fields: LookupFields = {
    EventId: str(record.eventID),
    EventName: str(record.eventName),
    EventSource: str(record.eventSource),
    EventTime: time && !Number.isNaN(time.getTime()) ? time : undefined,
    ReadOnly: deriveReadOnly(record),
    Username: deriveUsername(record.userIdentity),
    AccessKeyId: str(obj(record.userIdentity)?.accessKeyId),
    Resources: deriveResources(record.resources),
  };
  return fields;
}

/** The values of `event` that a lookup attribute compares against (Resources give several). */
export function attributeValues(fields: LookupFields, key: LookupAttributeKey): (string | undefined)[] {
  switch (key) {
    case 'ResourceType':
      return (fields.Resources ?? []).map((r) => r.ResourceType);
    case 'ResourceName':
      return (fields.Resources ?? []).map((r) => r.ResourceName);
    case 'EventId':
    case 'EventName':
    case 'ReadOnly':
    case 'Username':
    case 'EventSource':
    case 'AccessKeyId':
      return [fields[key]];
  }
}

/**
 * The record's text as CloudTrailEvent, its parsed form ({} when the text is not a JSON object, which
 * real trails occasionally contain) and its LookupEvents fields with `overrides` applied on top.
 */
export function readRecord(
  record: Record<string, unknown> | string,
  overrides: LookupFields = {},
): { raw: string; parsed: Record<string, unknown>; fields: LookupFields } {
  let parsed: Record<string, unknown> = {};
  if (typeof record !== 'string') parsed = record;
  else {
    try {
      parsed = obj(JSON.parse(record)) ?? {};
    } catch {
      // Kept verbatim: the product must cope with records that are not JSON.
    }
  }
  const raw = typeof record === 'string' ? record : JSON.stringify(record);
  return { raw, parsed, fields: { ...deriveLookupFields(parsed), ...overrides } };
}

/** An error answered in the JSON 1.1 shape `{"__type": type, "message": message}`. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    message: string,
  ) {
    super(message);
  }
}

export interface LookupRequest {
  attribute: LookupAttribute | null;
  startTime: number | null; // epoch seconds, as sent
  endTime: number | null;
  category: string | null;
  maxResults: number;
  nextToken: string | null;
}

function parseAttribute(value: unknown): LookupAttribute | null {
  const invalid = (message: string) => new ApiError(400, 'InvalidLookupAttributesException', message);
  const attrs = value ?? [];
  if (!Array.isArray(attrs)) throw invalid('LookupAttributes must be a list.');
  // The API takes a list but has only ever accepted one item; clients that AND filters must do it themselves.
  if (attrs.length > 1) throw invalid('You can specify at most one lookup attribute.');
  if (attrs.length === 0) return null;
  const { AttributeKey: key, AttributeValue: val } = obj(attrs[0]) ?? {};
  if (typeof key !== 'string' || !(LOOKUP_ATTRIBUTE_KEYS as readonly string[]).includes(key)) {
    throw invalid(
      `Value '${String(key)}' at 'lookupAttributes.1.member.attributeKey' failed to satisfy constraint: ` +
        `Member must satisfy enum value set: [${LOOKUP_ATTRIBUTE_KEYS.join(', ')}]`,
    );
  }
  if (typeof val !== 'string' || val.length < 1 || val.length > 2000) {
    throw invalid('AttributeValue must be a string of 1 to 2000 characters.');
  }
  return { key: key as LookupAttributeKey, value: val };
}

/** Validates a LookupEvents request body the way the service does, throwing its error types. */
export function parseLookupRequest(text: string): LookupRequest {
  const bad = (type: string, message: string) => new ApiError(400, type, message);
  let body: unknown;
  try {
    body = text.trim() === '' ? {} : JSON.parse(text);
  } catch {
    throw bad('SerializationException', 'Request body is not valid JSON');
  }
  const b = obj(body);
  if (!b) throw bad('SerializationException', 'Request body must be a JSON object');
  const attribute = parseAttribute(b.LookupAttributes);
  const [startTime, endTime] = (['StartTime', 'EndTime'] as const).map((name): number | null => {
    const v = b[name] ?? null;
    if (v === null) return null;
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      throw bad('SerializationException', `${name} must be a timestamp in epoch seconds`);
    }
    return v;
  });
  if (startTime !== null && endTime !== null && startTime > endTime) {
    throw bad('InvalidTimeRangeException', 'Start time must not be after end time.');
  }
  const category = b.EventCategory ?? null;
  if (category !== null && category !== 'insight') {
    throw bad('InvalidEventCategoryException', `Event category '${String(category)}' is not valid; use 'insight'.`);
  }
  const maxResults = b.MaxResults ?? 50;
  if (typeof maxResults !== 'number' || !Number.isInteger(maxResults) || maxResults < 1 || maxResults > 50) {
    throw bad('InvalidMaxResultsException', `Value ${String(maxResults)} for MaxResults is invalid: it must be between 1 and 50.`);
  }
  const nextToken = b.NextToken ?? null;
  if (nextToken !== null && typeof nextToken !== 'string') throw bad('InvalidNextTokenException', 'Invalid NextToken.');
  return { attribute, startTime, endTime, category: category as 'insight' | null, maxResults, nextToken };
}
