import { randomUUID } from 'node:crypto';
import { createRng } from './prng';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApiError, attributeValues, parseLookupRequest, readRecord, type LookupFields, type LookupRequest } from './lookup-fields';
import { createNextTokenCodec, tokenQueryKey, type TokenCursor } from './next-token';
import { StsEmulator, isStsRequest, type EmulatorAccount } from './sts';

export type { EmulatorAccount } from './sts';

// A stand-in for CloudTrail LookupEvents (AWS JSON 1.1) that the real SDK talks to, for tests and demo mode.
// It reproduces what a syncing client depends on: paging, filters, per-account-region rate limits, late
// delivery, the 90-day window and the error shapes. With `accounts`, it also answers STS AssumeRole and
// serves each account its own records to the sessions it issued. Signatures are not verified.

export interface EmulatorItem {
  /** An object is JSON.stringify'd once when added; a string is kept verbatim (it may be invalid JSON). */
  record: Record<string, unknown> | string;
  /** Default: record.awsRegion. Required when record is a string that is not valid JSON. */
  region?: string;
  /** Epoch ms at which the event becomes visible (CloudTrail delivers minutes late). Default: at once. */
  deliveredAt?: number;
  /** Overrides of the derived LookupEvents fields (needed when record is not valid JSON). */
  lookup?: LookupFields;
}
export interface EmulatorOptions {
  host?: string; // default '127.0.0.1'
  port?: number; // default 0 (random free port)
  tps?: number; // per-region token bucket: capacity tps, refill tps/s; default 2
  now?: () => number; // CloudTrail's clock (epoch ms) for delivery and the 90-day window; default Date.now
  faultRate?: number; // 0..1 chance of 500 InternalFailure / 503 ServiceUnavailable (50/50); default 0
  throttleRate?: number; // 0..1 chance of an extra ThrottlingException; default 0
  seed?: number; // seeds the fault PRNG; default 1
  credentialErrors?: Record<string, string>; // accessKeyId -> error type answered with HTTP 400
  /**
   * Accounts reached through AssumeRole: a session the emulator issued sees only its account's
   * records (by recipientAccountId); a long-term key sees the records of every other account.
   */
  accounts?: EmulatorAccount[];
  /** The long-term key's own account, named in AccessDenied messages; default 123456789012. */
  baseAccountId?: string;
  /** Issued sessions last this many seconds whatever DurationSeconds asked (tests of expiry). */
  sessionSeconds?: number;
}
export interface EmulatorStats {
  requests: number;
  served: number;
  throttled: number;
  faults: number;
  eventsReturned: number;
  byRegion: Record<string, { requests: number; served: number; throttled: number }>;
  /** `account/region` (account `base` for long-term keys), each with its own token bucket. */
  byAccountRegion: Record<string, { requests: number; served: number; throttled: number }>;
  /** LookupEvents calls answered per signing access key: which process made them (replica tests). */
  byAccessKey: Record<string, number>;
  assumeRoles: number;
}
export interface LookupEventsEmulator {
  url: string;
  /** A plain object without a `record` key is a record itself. */
  add(items: Array<EmulatorItem | Record<string, unknown>>): void;
  clear(): void;
  /** The next n requests fail that way, before rate limiting. */
  failNext(n: number, kind: 'throttle' | 'internal' | 'unavailable'): void;
  setOptions(o: Partial<Pick<EmulatorOptions, 'tps' | 'faultRate' | 'throttleRate' | 'credentialErrors' | 'sessionSeconds'>>): void;
  /** Refuse (or allow again) AssumeRole of an account's roles, or change the ExternalId it requires. */
  setAccount(accountId: string, o: { denied?: boolean; externalId?: string | null }): void;
  /** Every session issued for the account is refused from now on, as after a role's sessions are revoked. */
  revokeSessions(accountId: string): void;
  stats(): EmulatorStats;
  resetStats(): void;
  close(): Promise<void>;
}

const TARGETS = new Set([
  'CloudTrail_20131101.LookupEvents',
  'com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.LookupEvents',
]);
const RETENTION_MS = 90 * 86_400_000;
const AUTH_RE = /^AWS4-HMAC-SHA256\s+Credential=([^/\s,]+)\/\d{8}\/([a-z0-9-]+)\/([a-z0-9-]+)\/aws4_request\s*,/;

type FaultKind = 'throttle' | 'internal' | 'unavailable';
interface Stored { seq: number; time: number; deliveredAt: number; insight: boolean; account: string; fields: LookupFields; raw: string }

const FAULTS: Record<FaultKind, () => ApiError> = {
  throttle: () => new ApiError(400, 'ThrottlingException', 'Rate exceeded'),
  internal: () =>
    new ApiError(500, 'InternalFailure', 'The request processing has failed because of an unknown error, exception or failure.'),
  unavailable: () => new ApiError(503, 'ServiceUnavailable', 'The request has failed due to a temporary failure of the server.'),
};

function option(name: string, value: number | undefined, ok: (v: number) => boolean): number | undefined {
  if (value !== undefined && !ok(value)) throw new RangeError(`emulator option ${name} out of range: ${value}`);
  return value;
}
const isRate = (v: number) => v >= 0 && v <= 1;
const isTps = (v: number) => v > 0 && Number.isFinite(v);

function toStored(input: EmulatorItem | Record<string, unknown>, seq: number): { region: string; event: Stored } {
  const item = ('record' in input ? input : { record: input }) as EmulatorItem;
  const { raw, parsed, fields } = readRecord(item.record, item.lookup);
  fields.EventId ??= randomUUID();
  const region = item.region ?? (typeof parsed.awsRegion === 'string' ? parsed.awsRegion : undefined);
  const time = fields.EventTime?.getTime();
  if (!region) throw new TypeError(`emulator item ${fields.EventId}: no region (set region or record.awsRegion)`);
  if (time === undefined || Number.isNaN(time)) {
    throw new TypeError(`emulator item ${fields.EventId}: no EventTime (set record.eventTime or lookup.EventTime)`);
  }
  // LookupEvents returns management events only, unless asked for EventCategory 'insight' (then only those).
  const insight = parsed.eventType === 'AwsCloudTrailInsight' || parsed.eventCategory === 'Insight';
  const account = typeof parsed.recipientAccountId === 'string' ? parsed.recipientAccountId : '';
  return { region, event: { seq, time, deliveredAt: item.deliveredAt ?? -Infinity, insight, account, fields, raw } };
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function send(res: ServerResponse, status: number, payload: unknown, requestId: string, errorType?: string): void {
  const body = JSON.stringify(payload);
  res.writeHead(status, {
    'Content-Type': 'application/x-amz-json-1.1',
    'Content-Length': Buffer.byteLength(body),
    'x-amzn-RequestId': requestId,
    ...(errorType ? { 'x-amzn-ErrorType': errorType } : {}),
  });
  res.end(body);
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<LookupEventsEmulator> {
  const now = options.now ?? Date.now;
  const rng = createRng(options.seed ?? 1);
  const random = () => rng.next();
  const tokens = createNextTokenCodec();
  let tps = option('tps', options.tps, isTps) ?? 2;
  let faultRate = option('faultRate', options.faultRate, isRate) ?? 0;
  let throttleRate = option('throttleRate', options.throttleRate, isRate) ?? 0;
  let credentialErrors = { ...options.credentialErrors };
  const sts = new StsEmulator(options.accounts ?? [], options.baseAccountId ?? '123456789012', option('sessionSeconds', options.sessionSeconds, isTps) ?? null);
  const regions = new Map<string, Stored[]>(); // each kept sorted newest first
  // Rate limiting follows the wall clock, not `now`: a frozen test clock must not starve the bucket.
  const buckets = new Map<string, { tokens: number; at: number }>();
  const failQueue: FaultKind[] = [];
  let seq = 0;
  let stats!: EmulatorStats;
  const resetStats = () => {
    stats = { requests: 0, served: 0, throttled: 0, faults: 0, eventsReturned: 0, byRegion: {}, byAccountRegion: {}, byAccessKey: {}, assumeRoles: 0 };
  };
  resetStats();

  /** The quota is per account per region: `bucket` is `account/region`. */
  function takeToken(bucket: string): boolean {
    const t = performance.now();
    const capacity = Math.max(1, tps);
    const b = buckets.get(bucket) ?? { tokens: capacity, at: t };
    b.tokens = Math.min(capacity, b.tokens + ((t - b.at) / 1000) * tps);
    b.at = t;
    buckets.set(bucket, b);
    if (b.tokens < 1) return false;
    b.tokens -= 1;
    return true;
  }

  /** `account`: the session's account, or null for a long-term key (every account not reached by a role). */
  function lookup(region: string, q: LookupRequest, account: string | null) {
    const queryKey = tokenQueryKey({ region: `${account ?? 'base'}/${region}`, attribute: q.attribute, startTime: q.startTime, endTime: q.endTime, category: q.category });
    const roleAccounts = sts.accountIds;
    const visible = (e: Stored) => (account === null ? !roleAccounts.includes(e.account) : e.account === account);
    let cursor: TokenCursor | null = null;
    if (q.nextToken !== null) {
      cursor = tokens.decode(queryKey, q.nextToken);
      if (!cursor) throw new ApiError(400, 'InvalidNextTokenException', 'Invalid NextToken: malformed, or issued for other parameters.');
    }
    const t = now();
    const floor = Math.max(t - RETENTION_MS, q.startTime === null ? -Infinity : Math.round(q.startTime * 1000));
    const ceiling = q.endTime === null ? Infinity : Math.round(q.endTime * 1000);
    const page: Stored[] = [];
    let more = false;
    for (const e of regions.get(region) ?? []) {
      if (cursor && (e.time > cursor.time || (e.time === cursor.time && e.seq >= cursor.seq))) continue;
      if (e.time < floor) break;
      if (e.time > ceiling || e.deliveredAt > t || e.insight !== (q.category === 'insight') || !visible(e)) continue;
      if (q.attribute && !attributeValues(e.fields, q.attribute.key).includes(q.attribute.value)) continue;
      if (page.length === q.maxResults) {
        more = true;
        break;
      }
      page.push(e);
    }
    const Events = page.map(({ fields: f, time, raw }) => ({
      EventId: f.EventId, EventName: f.EventName, ReadOnly: f.ReadOnly, AccessKeyId: f.AccessKeyId, EventTime: time / 1000,
      EventSource: f.EventSource, Username: f.Username, Resources: f.Resources ?? [], CloudTrailEvent: raw,
    }));
    const last = page[page.length - 1];
    return more ? { Events, NextToken: tokens.encode(queryKey, { time: last.time, seq: last.seq }) } : { Events };
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const requestId = randomUUID();
    stats.requests++;
    let region: string | undefined;
    let bucket: string | undefined;
    try {
      const text = await readBody(req);
      const target = req.headers['x-amz-target'];
      if (req.method === 'POST' && isStsRequest(req.headers['content-type'], typeof target === 'string' ? target : undefined)) {
        stats.assumeRoles++;
        const reply = sts.handle(text, Date.now());
        res.writeHead(reply.status, { 'Content-Type': 'text/xml', 'Content-Length': Buffer.byteLength(reply.body), 'x-amzn-RequestId': requestId });
        res.end(reply.body);
        return;
      }
      if (req.method !== 'POST' || typeof target !== 'string' || !TARGETS.has(target)) {
        throw new ApiError(400, 'UnknownOperationException', `Unknown operation: ${String(target ?? `${req.method} ${req.url}`)}`);
      }
      const auth = AUTH_RE.exec(req.headers.authorization ?? '');
      if (!auth) throw new ApiError(400, 'MissingAuthenticationTokenException', 'Missing Authentication Token');
      const [, accessKeyId, authRegion, service] = auth;
      if (service !== 'cloudtrail') {
        throw new ApiError(400, 'InvalidSignatureException', "Credential should be scoped to correct service: 'cloudtrail'.");
      }
      region = authRegion;
      const regionStats = (stats.byRegion[region] ??= { requests: 0, served: 0, throttled: 0 });
      regionStats.requests++;
      const credentialError = credentialErrors[accessKeyId];
      if (credentialError) throw new ApiError(400, credentialError, `The security token included in the request is invalid.`);
      // A session the emulator issued reads its account; an unknown, revoked or expired one is refused as CloudTrail does.
      const session = sts.sessions.get(accessKeyId);
      if (session || (sts.accountIds.length && accessKeyId.startsWith('ASIA'))) {
        if (!session || session.revoked || req.headers['x-amz-security-token'] !== session.sessionToken) {
          throw new ApiError(400, 'UnrecognizedClientException', 'The security token included in the request is invalid.');
        }
        if (Date.now() >= session.expiresAt) throw new ApiError(400, 'ExpiredTokenException', 'The security token included in the request is expired');
      }
      const account = session?.accountId ?? null;
      bucket = `${account ?? 'base'}/${region}`;
      const bucketStats = (stats.byAccountRegion[bucket] ??= { requests: 0, served: 0, throttled: 0 });
      bucketStats.requests++;
      // Three draws every time, so changing one rate does not reshuffle the other's sequence.
      const [faultDraw, kindDraw, throttleDraw] = [random(), random(), random()];
      const queued = failQueue.shift();
      if (queued) throw FAULTS[queued]();
      if (faultDraw < faultRate) throw FAULTS[kindDraw < 0.5 ? 'internal' : 'unavailable']();
      if (throttleDraw < throttleRate || !takeToken(bucket)) throw FAULTS.throttle();
      const result = lookup(region, parseLookupRequest(text), account);
      stats.served++;
      stats.byAccessKey[accessKeyId] = (stats.byAccessKey[accessKeyId] ?? 0) + 1;
      regionStats.served++;
      bucketStats.served++;
      stats.eventsReturned += result.Events.length;
      send(res, 200, result, requestId);
    } catch (err) {
      const e = err instanceof ApiError ? err : FAULTS.internal();
      if (e.type === 'ThrottlingException') {
        stats.throttled++;
        if (region) stats.byRegion[region].throttled++;
        if (bucket) stats.byAccountRegion[bucket].throttled++;
      } else if (e.status >= 500) stats.faults++;
      if (!res.headersSent) send(res, e.status, { __type: e.type, message: e.message }, requestId, e.type);
    }
  }

  const server = createServer((req, res) => void handle(req, res));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { address, port } = server.address() as AddressInfo;

  return {
    url: `http://${address.includes(':') ? `[${address}]` : address}:${port}`,
    add(items) {
      const touched = new Set<Stored[]>();
      for (const { region, event } of items.map((item) => toStored(item, ++seq))) {
        const list = regions.get(region) ?? [];
        regions.set(region, list);
        list.push(event);
        touched.add(list);
      }
      for (const list of touched) list.sort((a, b) => b.time - a.time || b.seq - a.seq);
    },
    clear: () => regions.clear(),
    failNext(n, kind) {
      if (!Number.isInteger(n) || n < 0 || !(kind in FAULTS)) throw new RangeError(`failNext(${n}, ${String(kind)})`);
      for (let i = 0; i < n; i++) failQueue.push(kind);
    },
    setOptions(o) {
      if (o.tps !== undefined) {
        tps = option('tps', o.tps, isTps) ?? tps;
        buckets.clear(); // start full at the new capacity
      }
      faultRate = option('faultRate', o.faultRate, isRate) ?? faultRate;
      throttleRate = option('throttleRate', o.throttleRate, isRate) ?? throttleRate;
      if (o.credentialErrors !== undefined) credentialErrors = { ...o.credentialErrors };
      if (o.sessionSeconds !== undefined) sts.sessionSeconds = option('sessionSeconds', o.sessionSeconds, isTps) ?? null;
    },
    setAccount: (accountId, o) => sts.setAccount(accountId, o),
    revokeSessions: (accountId) => sts.revoke(accountId),
    stats: () => structuredClone(stats),
    resetStats,
    // Idempotent: a test may stop the emulator to simulate an outage and its harness close it again.
    close: () =>
      new Promise<void>((resolve, reject) => {
        if (!server.listening) return resolve();
        server.close((err) => (err ? reject(err) : resolve()));
        // SDK clients keep sockets alive; without this, close() waits for them to time out.
        server.closeAllConnections();
      }),
  };
}
