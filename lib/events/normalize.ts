import { ipKey } from '@/lib/filters/ip';
import { describeEvent } from './describe/describe-event';
import { principalOf } from './principal';
import { resourcesOf } from './resources';
import type { EventSummary, LookupEvent, StoredEvent } from './types';

/** What the caller knows about an event besides its record: LookupEvents' own fields, or a trail file's region. */
export interface NormalizeFallback {
  region?: string;
  eventId?: string;
  eventName?: string;
  eventSource?: string;
  eventTime?: Date;
  /** LookupEvents' `ReadOnly`: the strings "true" / "false". */
  readOnly?: string;
  username?: string;
  accessKeyId?: string;
  /** LookupEvents' `Resources`. */
  resources?: LookupEvent['Resources'];
}

/** searchText is a LIKE target, not a copy of the record; the cap keeps huge request bodies from bloating the index. */
export const SEARCH_TEXT_MAX_BYTES = 8192;

type Obj = Record<string, unknown>;

// An account's events come from a few hundred addresses; parsing each once saves ~10 % of an import.
const ipKeys = new Map<string, string | null>();
function cachedIpKey(ip: string): string | null {
  let key = ipKeys.get(ip);
  if (key === undefined) {
    if (ipKeys.size > 10_000) ipKeys.clear();
    key = ipKey(ip);
    ipKeys.set(ip, key);
  }
  return key;
}

function asObject(v: unknown): Obj | undefined {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : undefined;
}

function asString(v: unknown): string | undefined {
  return typeof v === 'string' && v.trim() !== '' ? v : undefined;
}

// CloudTrail writes every eventTime as `2026-12-01T14:03:22Z`. For a real instant written so,
// toISOString gives the same text with `.000` before the Z, so no Date is built and printed.
// Anything else (fractions, offsets, 24:00, 30 February) goes through Date as before.
const CLOUDTRAIL_TIME = /^(\d{4})-(\d\d)-(\d\d)T(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\dZ$/;
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function canonicalIso(text: string): string | undefined {
  const m = CLOUDTRAIL_TIME.exec(text);
  if (!m) return undefined;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (month < 1 || month > 12 || day < 1) return undefined;
  const leap = month === 2 && year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return day <= DAYS_IN_MONTH[month - 1] + (leap ? 1 : 0) ? `${text.slice(0, 19)}.000Z` : undefined;
}

function isoOf(value: string | Date | undefined): string | undefined {
  if (value === undefined) return undefined;
  const canonical = typeof value === 'string' ? canonicalIso(value) : undefined;
  if (canonical) return canonical;
  const d = value instanceof Date ? value : new Date(value);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
}

function readOnlyOf(recordValue: unknown, fallbackValue: string | undefined, eventName: string): boolean {
  if (typeof recordValue === 'boolean') return recordValue;
  const text = (typeof recordValue === 'string' ? recordValue : fallbackValue)?.trim().toLowerCase();
  if (text === 'true') return true;
  if (text === 'false') return false;
  return /^(Describe|List|Get)[A-Z]/.test(eventName);
}

/** Cuts at a code-point boundary so a multi-byte character is never split. */
const encoder = new TextEncoder();
const capBuffer = new Uint8Array(SEARCH_TEXT_MAX_BYTES);

function capUtf8(text: string, maxBytes: number): string {
  // A UTF-16 unit is at most 3 UTF-8 bytes: short text needs no encoding at all (the common case).
  if (text.length * 3 <= maxBytes) return text;
  const buf = maxBytes === capBuffer.length ? capBuffer : new Uint8Array(maxBytes);
  const { read } = encoder.encodeInto(text, buf);
  return read !== undefined && read < text.length ? text.slice(0, read) : text;
}

// Module functions rather than closures made per record: run through tsx (the import CLI), each
// closure is also given its name by a defineProperty call, every time.
function lower(p: string | null | undefined): string {
  return typeof p === 'string' ? p.toLowerCase() : '';
}

function required(recordValue: unknown, fallbackValue: string | undefined, name: string, flags: string[]): string {
  const v = asString(recordValue) ?? asString(fallbackValue);
  if (v) return v;
  flags.push(`missing-${name}`);
  return '';
}

function searchTextOf(summary: EventSummary, requestParameters: unknown): string {
  // Only what is not a column of its own: a resource's names (a v1 resource's sentence is told
  // again under the id its user chose once the ARN is tied, and the first name must stay
  // searchable), the error, the parameters. The operation, principal, access key, source, user
  // agent, principal's ARN and the sentence are searched where they are stored
  // (lib/store/queries/where.ts): copies of the first three were ~70 bytes of a demo row's ~194.
  const fields = [...summary.resources.flatMap((r) => [r.id, r.arn]), summary.errorCode, summary.errorMessage].map(lower);
  // A field found inside another (a resource id in its ARN, a channel group's ARN inside its
  // channel's) matches nothing the other does not.
  const kept = fields.filter((f, i) => f !== '' && !fields.some((g, j) => j !== i && g.length >= f.length && (g.length > f.length || j < i) && g.includes(f)));
  // Parameters come last, so the cap cuts them and never a field.
  if (requestParameters !== undefined && requestParameters !== null) kept.push(JSON.stringify(requestParameters).toLowerCase());
  return capUtf8(kept.join(' '), SEARCH_TEXT_MAX_BYTES);
}

/**
 * One CloudTrail record (a LookupEvents `CloudTrailEvent`, or a trail-file record re-serialised) as a
 * StoredEvent. Never throws for a damaged record; throws only when no event id is known at all.
 */
export function normalizeRecord(raw: string, fallback: NormalizeFallback = {}): StoredEvent {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    parsed = undefined;
  }
  return normalizeParsedRecord(raw, parsed, fallback);
}

/**
 * normalizeRecord for a caller that has parsed `raw` already (a trail file's record); `parsedValue` is
 * JSON.parse(raw). A trail file's record comes as its UTF-8 bytes, stored as they are.
 */
export function normalizeParsedRecord(raw: string | Uint8Array, parsedValue: unknown, fallback: NormalizeFallback = {}): StoredEvent {
  const flags: string[] = [];
  let rec = asObject(parsedValue);
  const parsed = rec !== undefined;
  if (!rec) {
    flags.push('invalid-json');
    rec = {};
  }

  const eventId = asString(rec.eventID) ?? asString(fallback.eventId);
  if (!eventId) {
    throw new Error(`CloudTrail record has no eventID and no fallback eventId: ${(typeof raw === 'string' ? raw : Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength).toString('utf8')).slice(0, 120)}`);
  }

  const version = rec.eventVersion;
  if (version !== undefined && !(typeof version === 'string' && /^1(\.|$)/.test(version))) flags.push('unknown-event-version');

  const recordTime = asString(rec.eventTime);
  let eventTime = isoOf(recordTime);
  if (recordTime && !eventTime) flags.push('invalid-eventTime');
  eventTime ??= isoOf(fallback.eventTime);
  if (!eventTime) {
    if (!recordTime) flags.push('missing-eventTime');
    // The epoch sorts such events to the end of a newest-first list instead of dropping them.
    eventTime = new Date(0).toISOString();
  }

  const eventSource = required(rec.eventSource, fallback.eventSource, 'eventSource', flags);
  const eventName = required(rec.eventName, fallback.eventName, 'eventName', flags);
  const region = required(rec.awsRegion, fallback.region, 'awsRegion', flags);

  const ui = asObject(rec.userIdentity);
  const principal = principalOf(rec.userIdentity, fallback.username);
  if (parsed) {
    if (rec.userIdentity === undefined || rec.userIdentity === null) flags.push('missing-userIdentity');
    // CloudTrail's own `Unknown` type (e.g. failed sign-ins) is a real shape, not a reading problem.
    else if (principal.principalType === 'Unknown' && ui?.type !== 'Unknown') flags.push('unknown-userIdentity');
  }

  let sourceIp = '';
  if (typeof rec.sourceIPAddress === 'string') {
    sourceIp = rec.sourceIPAddress.trim() === '' ? '' : rec.sourceIPAddress;
    if (sourceIp === '') flags.push('empty-sourceIPAddress');
  }

  const accountId = asString(rec.recipientAccountId) ?? asString(ui?.accountId) ?? '';
  const { resources, aliases } = resourcesOf(rec, {
    eventSource,
    eventName,
    region,
    accountId,
    lookupResources: fallback.resources,
  });

  const summary: EventSummary = {
    eventId,
    eventTime,
    eventSource,
    eventName,
    region,
    accountId,
    readOnly: readOnlyOf(rec.readOnly, fallback.readOnly, eventName),
    errorCode: asString(rec.errorCode) ?? null,
    errorMessage: asString(rec.errorMessage) ?? null,
    sourceIp,
    userAgent: typeof rec.userAgent === 'string' ? rec.userAgent : '',
    principal: principal.principal,
    principalType: principal.principalType,
    principalArn: principal.principalArn,
    accessKeyId: asString(ui?.accessKeyId) ?? asString(fallback.accessKeyId) ?? null,
    resources,
    description: '',
  };
  summary.description = describeEvent(summary, rec);

  const event: StoredEvent = {
    summary,
    raw,
    ipKey: cachedIpKey(sourceIp),
    searchText: searchTextOf(summary, rec.requestParameters),
    flags,
    aliases,
    requestId: asString(rec.requestID) || null,
    sessionCreated: asString((ui as { sessionContext?: { attributes?: { creationDate?: unknown } } } | undefined)?.sessionContext?.attributes?.creationDate) || null,
  };
  return hasNulEscape(raw) ? withoutNul(event) : event;
}

// A JSON string may hold U+0000 (written \u0000), which PostgreSQL's text cannot: the fields read
// from such a record show U+FFFD in its place on either store, so both give the same answers. The
// record itself is kept byte for byte. JSON cannot hold a bare NUL, so only a record with the
// escape needs the pass.
const NUL_ESCAPE = '\\u0000';

function hasNulEscape(raw: string | Uint8Array): boolean {
  return typeof raw === 'string' ? raw.includes(NUL_ESCAPE) : Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength).includes(NUL_ESCAPE);
}

function withoutNul(e: StoredEvent): StoredEvent {
  const clean = <T>(v: T): T => (typeof v === 'string' ? (v.replaceAll('\0', '\uFFFD') as T) : v);
  const summary = Object.fromEntries(Object.entries(e.summary).map(([k, v]) => [k, clean(v)])) as unknown as EventSummary;
  summary.resources = e.summary.resources.map((r) => ({ type: clean(r.type), id: clean(r.id), arn: clean(r.arn) }));
  return {
    ...e,
    summary,
    searchText: clean(e.searchText),
    requestId: clean(e.requestId),
    sessionCreated: clean(e.sessionCreated),
    aliases: e.aliases.map((a) => ({ arn: clean(a.arn), id: clean(a.id), type: clean(a.type) })),
  };
}

/** A LookupEvents `Event`: its `CloudTrailEvent` is the record, its own fields the fallback. */
export function normalizeLookupEvent(e: LookupEvent, region: string): StoredEvent {
  return normalizeRecord(e.CloudTrailEvent ?? '', {
    region,
    eventId: e.EventId,
    eventName: e.EventName,
    eventSource: e.EventSource,
    eventTime: e.EventTime,
    readOnly: e.ReadOnly,
    username: e.Username,
    accessKeyId: e.AccessKeyId,
    resources: e.Resources,
  });
}
