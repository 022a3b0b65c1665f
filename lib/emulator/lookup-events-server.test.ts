import { randomUUID } from 'node:crypto';
import {
  CloudTrailClient,
  CloudTrailServiceException,
  InvalidLookupAttributesException,
  InvalidMaxResultsException,
  InvalidNextTokenException,
  LookupEventsCommand,
  paginateLookupEvents,
  ThrottlingException,
  type Event,
  type LookupAttributeKey,
  type LookupEventsCommandInput,
} from '@aws-sdk/client-cloudtrail';
import { afterEach, describe, expect, it } from 'vitest';
import { startEmulator, type EmulatorOptions, type LookupEventsEmulator } from './lookup-events-server';
import { deriveLookupFields, deriveUsername } from './lookup-fields';

// Everything goes through the real SDK (signing, JSON 1.1 serialisation, error mapping, paginator),
// so a protocol mismatch between the emulator and AWS shows up here rather than in the product.

const ACCOUNT = '111122223333';
const NOW = Date.parse('2026-11-25T12:00:00Z');
const MIN = 60_000;
const DAY = 86_400_000;

const running: LookupEventsEmulator[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((e) => e.close()));
});

async function emulator(options: EmulatorOptions = {}): Promise<LookupEventsEmulator> {
  const em = await startEmulator({ tps: 1000, ...options });
  running.push(em);
  return em;
}

function client(em: LookupEventsEmulator, region = 'us-west-2', accessKeyId = 'AKIATEST'): CloudTrailClient {
  return new CloudTrailClient({
    region,
    endpoint: em.url,
    credentials: { accessKeyId, secretAccessKey: 'x' },
    maxAttempts: 1,
  });
}

/** CloudTrail writes eventTime with second precision, which also makes ties in EventTime common. */
const ctTime = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

function record(o: {
  eventName: string;
  eventTime: number;
  awsRegion?: string;
  eventSource?: string;
  channelId?: string;
  userIdentity?: Record<string, unknown>;
}): Record<string, unknown> {
  const region = o.awsRegion ?? 'us-west-2';
  const id = o.channelId ?? 'live-news';
  const arn = `arn:aws:mediapackage:${region}:${ACCOUNT}:channels/0f1e2d3c4b5a69788796a5b4c3d2e1f0`;
  const readOnly = /^(Describe|List|Get)/.test(o.eventName);
  return {
    eventVersion: '1.09',
    userIdentity: o.userIdentity ?? {
      type: 'AssumedRole',
      principalId: 'AROA3EXAMPLEROLEID:ops-alice',
      arn: `arn:aws:sts::${ACCOUNT}:assumed-role/MediaOpsAdmin/ops-alice`,
      accountId: ACCOUNT,
      accessKeyId: 'ASIA3EXAMPLEKEY',
      sessionContext: {
        sessionIssuer: { type: 'Role', principalId: 'AROA3EXAMPLEROLEID', arn: `arn:aws:iam::${ACCOUNT}:role/MediaOpsAdmin`, accountId: ACCOUNT, userName: 'MediaOpsAdmin' },
        attributes: { creationDate: ctTime(o.eventTime - 30 * MIN), mfaAuthenticated: 'false' },
      },
    },
    eventTime: ctTime(o.eventTime),
    eventSource: o.eventSource ?? 'mediapackage.amazonaws.com',
    eventName: o.eventName,
    awsRegion: region,
    sourceIPAddress: '203.0.113.24',
    userAgent: 'aws-cli/2.22.0 md/awscrt#0.22.0 ua/2.1 os/linux#6.8 md/arch#x86_64 lang/python#3.12.6',
    requestParameters: { id, description: 'News 24/7' },
    responseElements: readOnly ? null : { arn, id, description: 'News 24/7', hlsIngest: { ingestEndpoints: [] } },
    requestID: randomUUID(),
    eventID: randomUUID(),
    readOnly,
    resources: [{ accountId: ACCOUNT, type: 'AWS::MediaPackage::Channel', ARN: arn }],
    eventType: 'AwsApiCall',
    managementEvent: true,
    recipientAccountId: ACCOUNT,
    eventCategory: 'Management',
  };
}

/** Rejection of a promise, for asserting on SDK errors. */
async function failure(p: Promise<unknown>): Promise<CloudTrailServiceException> {
  try {
    await p;
  } catch (err) {
    return err as CloudTrailServiceException;
  }
  throw new Error('expected the call to fail');
}

const ids = (events: Event[] | undefined) => (events ?? []).map((e) => e.EventId);
const recordIds = (records: Record<string, unknown>[]) => records.map((r) => r.eventID as string);

describe('LookupEvents emulator driven by @aws-sdk/client-cloudtrail', () => {
  it('pages newest first across several pages and derives the Event fields', async () => {
    const em = await emulator({ now: () => NOW });
    // Two pairs share an EventTime (second precision); later-added wins the tie.
    const times = [0, 1, 2, 2, 3, 4, 4, 5].map((m) => NOW - 60 * MIN + m * MIN);
    const records = times.map((t, i) => record({ eventName: i % 2 ? 'UpdateChannel' : 'DescribeChannel', eventTime: t }));
    em.add(records);
    const expected = recordIds([...records].reverse());

    const pages: Event[][] = [];
    const tokens: (string | undefined)[] = [];
    for await (const page of paginateLookupEvents({ client: client(em), pageSize: 3 }, {})) {
      pages.push(page.Events ?? []);
      tokens.push(page.NextToken);
    }
    expect(pages.map((p) => p.length)).toEqual([3, 3, 2]);
    expect(pages.flat().map((e) => e.EventId)).toEqual(expected);
    expect(tokens[0]).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(tokens[2]).toBeUndefined();

    const newest = pages[0][0];
    expect(newest.EventTime).toBeInstanceOf(Date);
    expect(newest.EventTime?.getTime()).toBe(times[7]);
    expect(newest.CloudTrailEvent).toBe(JSON.stringify(records[7]));
    expect(newest).toMatchObject({
      EventName: 'UpdateChannel',
      EventSource: 'mediapackage.amazonaws.com',
      ReadOnly: 'false',
      Username: 'ops-alice',
      AccessKeyId: 'ASIA3EXAMPLEKEY',
      Resources: [{ ResourceType: 'AWS::MediaPackage::Channel', ResourceName: expect.stringContaining(':channels/') }],
    });
    expect(pages[0][1].ReadOnly).toBe('true');
  });

  it('keeps pages stable when events are delivered while paging (the token is a cursor, not an offset)', async () => {
    const em = await emulator({ now: () => NOW });
    const records = [1, 2, 3, 4, 5, 6].map((m) => record({ eventName: 'UpdateChannel', eventTime: NOW - m * MIN }));
    em.add(records);
    const ct = client(em);
    const first = await ct.send(new LookupEventsCommand({ MaxResults: 3 }));
    expect(ids(first.Events)).toEqual(recordIds(records.slice(0, 3)));
    em.add([record({ eventName: 'DeleteChannel', eventTime: NOW - 10 })]);
    const second = await ct.send(new LookupEventsCommand({ MaxResults: 3, NextToken: first.NextToken }));
    expect(ids(second.Events)).toEqual(recordIds(records.slice(3)));
    expect(second.NextToken).toBeUndefined();
  });

  it('rejects more than one lookup attribute, and unknown attribute keys', async () => {
    const em = await emulator();
    const ct = client(em);
    const two = await failure(
      ct.send(
        new LookupEventsCommand({
          LookupAttributes: [
            { AttributeKey: 'EventSource', AttributeValue: 'mediapackage.amazonaws.com' },
            { AttributeKey: 'EventName', AttributeValue: 'UpdateChannel' },
          ],
        }),
      ),
    );
    expect(two.name).toBe('InvalidLookupAttributesException');
    expect(two).toBeInstanceOf(InvalidLookupAttributesException);
    expect(two.$metadata.httpStatusCode).toBe(400);
    expect(two.message).toMatch(/one lookup attribute/);

    const unknown = await failure(
      ct.send(new LookupEventsCommand({ LookupAttributes: [{ AttributeKey: 'Region' as LookupAttributeKey, AttributeValue: 'x' }] })),
    );
    expect(unknown.name).toBe('InvalidLookupAttributesException');
  });

  it('filters by EventSource, EventName and ResourceName with exact matches', async () => {
    const em = await emulator();
    const mp = record({ eventName: 'CreateChannel', eventTime: Date.now() - 3 * MIN });
    const ml = record({ eventName: 'CreateChannel', eventTime: Date.now() - 2 * MIN, eventSource: 'medialive.amazonaws.com' });
    const other = record({ eventName: 'UpdateChannel', eventTime: Date.now() - MIN, channelId: 'sports' });
    (other.resources as { ARN: string }[])[0].ARN += '-sports';
    em.add([mp, ml, other]);
    const ct = client(em);
    const by = async (AttributeKey: LookupAttributeKey, AttributeValue: string) =>
      ids((await ct.send(new LookupEventsCommand({ LookupAttributes: [{ AttributeKey, AttributeValue }] }))).Events);

    expect(await by('EventSource', 'mediapackage.amazonaws.com')).toEqual(recordIds([other, mp]));
    expect(await by('EventSource', 'mediapackage')).toEqual([]);
    expect(await by('EventName', 'CreateChannel')).toEqual(recordIds([ml, mp]));
    expect(await by('ResourceName', (other.resources as { ARN: string }[])[0].ARN)).toEqual(recordIds([other]));
    expect(await by('Username', 'ops-alice')).toHaveLength(3);
  });

  it('keeps regions apart: each client sees only the events of its signing region', async () => {
    const em = await emulator();
    const west = record({ eventName: 'UpdateChannel', eventTime: Date.now() - MIN, awsRegion: 'us-west-2' });
    const east = record({ eventName: 'UpdateChannel', eventTime: Date.now() - MIN, awsRegion: 'us-east-1' });
    // An explicit region wins over the record's awsRegion.
    const moved = { record: record({ eventName: 'DeleteChannel', eventTime: Date.now() - 2 * MIN }), region: 'eu-west-1' };
    em.add([west, east, moved]);
    expect(ids((await client(em, 'us-west-2').send(new LookupEventsCommand({}))).Events)).toEqual(recordIds([west]));
    expect(ids((await client(em, 'us-east-1').send(new LookupEventsCommand({}))).Events)).toEqual(recordIds([east]));
    expect(ids((await client(em, 'eu-west-1').send(new LookupEventsCommand({}))).Events)).toEqual(recordIds([moved.record]));
    expect(em.stats().byRegion['us-east-1']).toEqual({ requests: 1, served: 1, throttled: 0 });
  });

  it('throttles a region beyond its tps with ThrottlingException "Rate exceeded", per region', async () => {
    const em = await emulator({ tps: 2 });
    const west = client(em, 'us-west-2');
    const results = await Promise.allSettled(Array.from({ length: 8 }, () => west.send(new LookupEventsCommand({}))));
    const rejected = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as CloudTrailServiceException] : []));
    const fulfilled = results.length - rejected.length;
    // Capacity 2; a slow machine may refill one more token while the burst is in flight.
    expect(fulfilled).toBeGreaterThanOrEqual(2);
    expect(fulfilled).toBeLessThanOrEqual(3);
    for (const err of rejected) {
      expect(err).toBeInstanceOf(ThrottlingException);
      expect(err.name).toBe('ThrottlingException');
      expect(err.message).toBe('Rate exceeded');
      expect(err.$metadata.httpStatusCode).toBe(400);
    }
    // Another region has its own bucket.
    await expect(client(em, 'us-east-1').send(new LookupEventsCommand({}))).resolves.toBeDefined();
    const stats = em.stats();
    expect(stats.byRegion['us-west-2']).toEqual({ requests: 8, served: fulfilled, throttled: rejected.length });
    expect(stats.throttled).toBe(rejected.length);
  });

  it('fails the next requests on demand (failNext), before rate limiting', async () => {
    const em = await emulator({ tps: 1 });
    const ct = client(em);
    em.failNext(1, 'internal');
    em.failNext(1, 'unavailable');
    em.failNext(1, 'throttle');
    const internal = await failure(ct.send(new LookupEventsCommand({})));
    expect(internal.name).toBe('InternalFailure');
    expect(internal.$metadata.httpStatusCode).toBe(500);
    expect(internal.$fault).toBe('server');
    const unavailable = await failure(ct.send(new LookupEventsCommand({})));
    expect(unavailable.name).toBe('ServiceUnavailable');
    expect(unavailable.$metadata.httpStatusCode).toBe(503);
    expect(await failure(ct.send(new LookupEventsCommand({})))).toBeInstanceOf(ThrottlingException);
    // None of the injected failures used the single token.
    await expect(ct.send(new LookupEventsCommand({}))).resolves.toMatchObject({ Events: [] });
    expect(em.stats()).toMatchObject({ requests: 4, served: 1, faults: 2, throttled: 1 });
  });

  it('draws random faults from the seeded PRNG, reproducibly', async () => {
    const outcomes = async (seed: number) => {
      const em = await emulator({ seed, faultRate: 0.3, throttleRate: 0.2 });
      const ct = client(em);
      const out: string[] = [];
      for (let i = 0; i < 20; i++) {
        out.push(await ct.send(new LookupEventsCommand({})).then(() => 'ok', (e: Error) => e.name));
      }
      return out;
    };
    const a = await outcomes(7);
    expect(await outcomes(7)).toEqual(a);
    expect(new Set(a)).toEqual(new Set(['ok', 'InternalFailure', 'ServiceUnavailable', 'ThrottlingException']));
  });

  it('rejects a tampered NextToken, or one used with other parameters; MaxResults may change', async () => {
    const em = await emulator();
    em.add([1, 2, 3, 4, 5].map((m) => record({ eventName: 'UpdateChannel', eventTime: Date.now() - m * MIN })));
    const ct = client(em);
    const input: LookupEventsCommandInput = {
      LookupAttributes: [{ AttributeKey: 'EventSource', AttributeValue: 'mediapackage.amazonaws.com' }],
      MaxResults: 2,
    };
    const { NextToken } = await ct.send(new LookupEventsCommand(input));
    expect(NextToken).toBeDefined();
    const token = NextToken as string;
    const flipped = token.slice(0, 5) + (token[5] === 'A' ? 'B' : 'A') + token.slice(6);
    const tampered = await failure(ct.send(new LookupEventsCommand({ ...input, NextToken: flipped })));
    expect(tampered).toBeInstanceOf(InvalidNextTokenException);
    expect(tampered.name).toBe('InvalidNextTokenException');

    const otherQuery = await failure(
      ct.send(new LookupEventsCommand({ ...input, LookupAttributes: [{ AttributeKey: 'EventName', AttributeValue: 'UpdateChannel' }], NextToken: token })),
    );
    expect(otherQuery.name).toBe('InvalidNextTokenException');
    const otherRange = await failure(ct.send(new LookupEventsCommand({ ...input, StartTime: new Date(0), NextToken: token })));
    expect(otherRange.name).toBe('InvalidNextTokenException');
    const otherRegion = await failure(client(em, 'us-east-1').send(new LookupEventsCommand({ ...input, NextToken: token })));
    expect(otherRegion.name).toBe('InvalidNextTokenException');

    const rest = await ct.send(new LookupEventsCommand({ ...input, MaxResults: 50, NextToken: token }));
    expect(rest.Events).toHaveLength(3);
    expect(rest.NextToken).toBeUndefined();
  });

  it('validates MaxResults (1..50) and the time range', async () => {
    const em = await emulator();
    const ct = client(em);
    for (const MaxResults of [51, 0]) {
      const err = await failure(ct.send(new LookupEventsCommand({ MaxResults })));
      expect(err).toBeInstanceOf(InvalidMaxResultsException);
      expect(err.name).toBe('InvalidMaxResultsException');
    }
    const range = await failure(ct.send(new LookupEventsCommand({ StartTime: new Date(NOW), EndTime: new Date(NOW - 1000) })));
    expect(range.name).toBe('InvalidTimeRangeException');
  });

  it('treats StartTime and EndTime as inclusive, to the millisecond', async () => {
    const em = await emulator();
    const t = Date.now() - 5 * MIN;
    const r = { record: record({ eventName: 'UpdateChannel', eventTime: t }), lookup: { EventTime: new Date(t + 123) } };
    em.add([r, record({ eventName: 'UpdateChannel', eventTime: t - MIN })]);
    const at = new Date(t + 123);
    const hit = await client(em).send(new LookupEventsCommand({ StartTime: at, EndTime: at }));
    expect(ids(hit.Events)).toEqual(recordIds([r.record]));
    expect(hit.Events?.[0].EventTime?.getTime()).toBe(t + 123);
    const miss = await client(em).send(new LookupEventsCommand({ StartTime: new Date(t + 124) }));
    expect(miss.Events).toEqual([]);
  });

  it('hides an event until its deliveredAt has passed on the emulator clock', async () => {
    let clock = NOW;
    const em = await emulator({ now: () => clock });
    const late = record({ eventName: 'UpdateChannel', eventTime: NOW - MIN });
    em.add([{ record: late, deliveredAt: NOW + 4 * MIN }]);
    const ct = client(em);
    expect((await ct.send(new LookupEventsCommand({}))).Events).toEqual([]);
    clock = NOW + 4 * MIN - 1;
    expect((await ct.send(new LookupEventsCommand({}))).Events).toEqual([]);
    clock = NOW + 4 * MIN;
    expect(ids((await ct.send(new LookupEventsCommand({}))).Events)).toEqual(recordIds([late]));
  });

  it('never returns events older than 90 days before now, whatever StartTime says', async () => {
    const em = await emulator({ now: () => NOW });
    const old = record({ eventName: 'CreateChannel', eventTime: NOW - 91 * DAY });
    const recent = record({ eventName: 'UpdateChannel', eventTime: NOW - 89 * DAY });
    em.add([old, recent]);
    const res = await client(em).send(new LookupEventsCommand({ StartTime: new Date(NOW - 200 * DAY), EndTime: new Date(NOW) }));
    expect(ids(res.Events)).toEqual(recordIds([recent]));
  });

  it('keeps a record that is not valid JSON verbatim, with fields from `lookup`', async () => {
    const em = await emulator();
    const raw = '{"eventVersion":"1.09","eventName":"UpdateChannel",TRUNCATED';
    em.add([{ record: raw, region: 'us-west-2', lookup: { EventId: 'bad-1', EventName: 'UpdateChannel', EventTime: new Date(Date.now() - MIN) } }]);
    const res = await client(em).send(new LookupEventsCommand({}));
    expect(res.Events?.[0]).toMatchObject({ EventId: 'bad-1', EventName: 'UpdateChannel', CloudTrailEvent: raw, Resources: [] });
    expect(() => em.add([{ record: 'not json' }])).toThrow(/no region/);
  });

  it('answers credential errors for configured access keys', async () => {
    const em = await emulator({ credentialErrors: { AKIAEXPIRED: 'ExpiredTokenException' } });
    const err = await failure(client(em, 'us-west-2', 'AKIAEXPIRED').send(new LookupEventsCommand({})));
    expect(err.name).toBe('ExpiredTokenException');
    expect(err.$metadata.httpStatusCode).toBe(400);
    em.setOptions({ credentialErrors: {} });
    await expect(client(em, 'us-west-2', 'AKIAEXPIRED').send(new LookupEventsCommand({}))).resolves.toBeDefined();
  });

  it('is found through AWS_ENDPOINT_URL_CLOUDTRAIL', async () => {
    const em = await emulator();
    em.add([record({ eventName: 'UpdateChannel', eventTime: Date.now() - MIN })]);
    const saved = process.env.AWS_ENDPOINT_URL_CLOUDTRAIL;
    process.env.AWS_ENDPOINT_URL_CLOUDTRAIL = em.url;
    try {
      const ct = new CloudTrailClient({ region: 'us-west-2', credentials: { accessKeyId: 'AKIATEST', secretAccessKey: 'x' }, maxAttempts: 1 });
      expect((await ct.send(new LookupEventsCommand({}))).Events).toHaveLength(1);
    } finally {
      if (saved === undefined) delete process.env.AWS_ENDPOINT_URL_CLOUDTRAIL;
      else process.env.AWS_ENDPOINT_URL_CLOUDTRAIL = saved;
    }
  });
});

describe('LookupEvents emulator over raw HTTP', () => {
  const authorization =
    'AWS4-HMAC-SHA256 Credential=AKIATEST/20261125/us-west-2/cloudtrail/aws4_request, SignedHeaders=host;x-amz-date;x-amz-target, Signature=00';
  const post = (em: LookupEventsEmulator, headers: Record<string, string>, body: unknown = {}) =>
    fetch(em.url + '/', {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-amz-json-1.1', ...headers },
      body: JSON.stringify(body),
    });

  it('accepts the fully qualified X-Amz-Target form', async () => {
    const em = await emulator();
    const r = record({ eventName: 'UpdateChannel', eventTime: Date.now() - MIN });
    em.add([r]);
    const res = await post(em, {
      'X-Amz-Target': 'com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.LookupEvents',
      Authorization: authorization,
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/x-amz-json-1.1');
    expect(res.headers.get('x-amzn-requestid')).toMatch(/^[0-9a-f-]{36}$/);
    const body = (await res.json()) as { Events: { EventId: string; EventTime: number }[]; NextToken?: string };
    expect(body.Events.map((e) => e.EventId)).toEqual([r.eventID]);
    expect(body.Events[0].EventTime).toBe(Date.parse(r.eventTime as string) / 1000);
    expect(body).not.toHaveProperty('NextToken');
  });

  it('answers JSON 1.1 errors for unknown operations and missing authentication', async () => {
    const em = await emulator();
    const unknown = await post(em, { 'X-Amz-Target': 'CloudTrail_20131101.DescribeTrails', Authorization: authorization });
    expect(unknown.status).toBe(400);
    expect(unknown.headers.get('x-amzn-errortype')).toBe('UnknownOperationException');
    expect(await unknown.json()).toMatchObject({ __type: 'UnknownOperationException' });

    const anonymous = await post(em, { 'X-Amz-Target': 'CloudTrail_20131101.LookupEvents' });
    expect(anonymous.status).toBe(400);
    expect(await anonymous.json()).toMatchObject({ __type: 'MissingAuthenticationTokenException', message: expect.any(String) });

    const badJson = await fetch(em.url, {
      method: 'POST',
      headers: { 'X-Amz-Target': 'CloudTrail_20131101.LookupEvents', Authorization: authorization },
      body: '{',
    });
    expect(await badJson.json()).toMatchObject({ __type: 'SerializationException' });
  });
});

describe('lookup fields derived from a record', () => {
  it('names the user the way LookupEvents does for each identity type', () => {
    expect(deriveUsername({ type: 'IAMUser', userName: 'deploy-bot', principalId: 'AIDA1' })).toBe('deploy-bot');
    expect(deriveUsername({ type: 'AssumedRole', arn: 'arn:aws:sts::1:assumed-role/AWSReservedSSO_Admin_0a/alice@example.com' })).toBe(
      'alice@example.com',
    );
    expect(deriveUsername({ type: 'Root', arn: 'arn:aws:iam::1:root' })).toBe('root');
    expect(deriveUsername({ type: 'AWSService', invokedBy: 'cloudformation.amazonaws.com' })).toBe('cloudformation.amazonaws.com');
    expect(deriveUsername({ type: 'FederatedUser', arn: 'arn:aws:sts::1:federated-user/bob' })).toBe('bob');
    expect(deriveUsername({ type: 'IdentityCenterUser', principalId: 'd-123/abc' })).toBe('d-123/abc');
    expect(deriveUsername(undefined)).toBeUndefined();
  });

  it('falls back to the event name for ReadOnly and tolerates odd values', () => {
    expect(deriveLookupFields({ eventName: 'ListChannels' }).ReadOnly).toBe('true');
    expect(deriveLookupFields({ eventName: 'CreateChannel' }).ReadOnly).toBe('false');
    expect(deriveLookupFields({ eventName: 'ListChannels', readOnly: false }).ReadOnly).toBe('false');
    expect(deriveLookupFields({ eventTime: 'yesterday', resources: 'none' })).toMatchObject({ EventTime: undefined, Resources: [] });
  });
});

describe('STS AssumeRole and accounts, as the Query protocol answers them', () => {
  const ROLE = 'arn:aws:iam::444455556666:role/PacktrailReader';
  const post = (em: LookupEventsEmulator, form: Record<string, string>) =>
    fetch(em.url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ Version: '2011-06-15', ...form }) });

  it('issues session credentials in XML, and refuses bad input and denied roles with STS error documents', async () => {
    const em = await emulator({ accounts: [{ accountId: '444455556666', roleArns: [ROLE], externalId: 'ext-1' }] });
    const ok = await post(em, { Action: 'AssumeRole', RoleArn: ROLE, RoleSessionName: 'packtrail', ExternalId: 'ext-1', DurationSeconds: '900' });
    expect(ok.status).toBe(200);
    const xml = await ok.text();
    expect(xml).toMatch(/^<AssumeRoleResponse xmlns="https:\/\/sts\.amazonaws\.com\/doc\/2011-06-15\/"><AssumeRoleResult>/);
    expect(xml).toMatch(/<AccessKeyId>ASIA[A-Z0-9]{16}<\/AccessKeyId>/);
    expect(xml).toContain('<Arn>arn:aws:sts::444455556666:assumed-role/PacktrailReader/packtrail</Arn>');

    const wrongId = await post(em, { Action: 'AssumeRole', RoleArn: ROLE, RoleSessionName: 'packtrail', ExternalId: 'other' });
    expect(wrongId.status).toBe(403);
    expect(await wrongId.text()).toMatch(/<Code>AccessDenied<\/Code><Message>User: arn:aws:iam::123456789012:user\/packtrail is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::444455556666:role\/PacktrailReader<\/Message>/);
    const badArn = await post(em, { Action: 'AssumeRole', RoleArn: 'arn:aws:iam::4444:user/x', RoleSessionName: 'packtrail' });
    expect([badArn.status, (await badArn.text()).includes('<Code>ValidationError</Code>')]).toEqual([400, true]);
    const badDuration = await post(em, { Action: 'AssumeRole', RoleArn: ROLE, RoleSessionName: 'packtrail', ExternalId: 'ext-1', DurationSeconds: '60' });
    expect([badDuration.status, (await badDuration.text()).includes('between 900 and 43200')]).toEqual([400, true]);
  });

  it('answers a session it did not issue as an invalid token, and a long-term key sees no role account\'s records', async () => {
    const em = await emulator({ accounts: [{ accountId: '444455556666', roleArns: [ROLE] }] });
    const recent = Date.now() - MIN;
    em.add([record({ eventName: 'UpdateChannel', eventTime: recent }), { ...record({ eventName: 'UpdateChannel', eventTime: recent }), recipientAccountId: '444455556666' }]);
    const base = await client(em).send(new LookupEventsCommand({}));
    expect(base.Events).toHaveLength(1);
    const forged = new CloudTrailClient({ region: 'us-west-2', endpoint: em.url, credentials: { accessKeyId: 'ASIAFORGEDFORGED0000', secretAccessKey: 'x', sessionToken: 'y' } });
    await expect(forged.send(new LookupEventsCommand({}))).rejects.toMatchObject({ name: 'UnrecognizedClientException' });
    forged.destroy();
  });
});
