import { isIPv4, isIPv6 } from 'node:net';
import { describe, expect, it } from 'vitest';
import { generateDemoHistory, type DemoItem } from './demo-history';

type Rec = Record<string, any>;

const START = new Date('2026-09-01T00:00:00Z');
const END = new Date('2026-11-30T00:00:00Z'); // 90 days
const DAYS = 90;
const V1 = 'mediapackage.amazonaws.com';
const V2 = 'mediapackagev2.amazonaws.com';
const MP = new Set([V1, V2]);

const items = generateDemoHistory({ start: START, end: END });
const records = items.map((i) => i.record as Rec);
const mp = records.filter((r) => MP.has(r.eventSource));
const ok = (r: Rec): boolean => r.errorCode === undefined;

/** The key the product would show for a principal; enough to count distinct callers. */
function principalKey(r: Rec): string {
  const u = r.userIdentity;
  return u.arn ?? u.invokedBy ?? u.onBehalfOf?.userId;
}

describe('generateDemoHistory: determinism and shape', () => {
  it('gives byte-identical output for the same options and different output for another seed', () => {
    const again = generateDemoHistory({ start: START, end: END });
    expect(JSON.stringify(again)).toBe(JSON.stringify(items));
    const other = generateDemoHistory({ start: START, end: END, seed: 7 });
    expect(JSON.stringify(other)).not.toBe(JSON.stringify(items));
  });

  it('extends a shorter window exactly, so a regenerated demo keeps its event ids', () => {
    const shorter = generateDemoHistory({ start: START, end: new Date('2026-10-17T13:00:00Z') });
    expect(shorter.length).toBeGreaterThan(4000);
    expect(JSON.stringify(shorter)).toBe(JSON.stringify(items.slice(0, shorter.length)));
    expect(Date.parse(items[shorter.length].record.eventTime as string)).toBeGreaterThanOrEqual(Date.parse('2026-10-17T13:00:00Z'));
  });

  it('generates 90 days well under a second', () => {
    const t0 = performance.now();
    generateDemoHistory({ start: START, end: END, seed: 3 });
    expect(performance.now() - t0).toBeLessThan(1000);
  });

  it('averages about eventsPerDay MediaPackage events per day', () => {
    expect(mp.length / DAYS).toBeGreaterThan(105);
    expect(mp.length / DAYS).toBeLessThan(135);
    const half = generateDemoHistory({ start: START, end: END, eventsPerDay: 60 }).filter((i) => MP.has(i.record.eventSource as string));
    expect(half.length / DAYS).toBeGreaterThan(50);
    expect(half.length / DAYS).toBeLessThan(72);
  });

  it('writes every record with the fields CloudTrail writes', () => {
    const shapeOk = (r: Rec): boolean =>
      ['1.08', '1.09'].includes(r.eventVersion) && /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/.test(r.eventTime) && r.eventType === 'AwsApiCall'
      && r.managementEvent === true && r.eventCategory === 'Management' && r.recipientAccountId === '111122223333' && typeof r.readOnly === 'boolean'
      && typeof r.sourceIPAddress === 'string' && typeof r.userAgent === 'string' && typeof r.userIdentity?.type === 'string'
      && (r.requestParameters === null || typeof r.requestParameters === 'object')
      && (r.errorCode === undefined || (typeof r.errorMessage === 'string' && r.responseElements === null))
      && (r.resources ?? []).every((x: Rec) => Object.keys(x).join() === 'ARN,accountId,type')
      // Only calls relayed by AWS itself (service principals, the console backend) lack client TLS details.
      && (r.tlsDetails ? r.tlsDetails.clientProvidedHostHeader === `${r.eventSource.split('.')[0]}.${r.awsRegion}.amazonaws.com`
        : /amazonaws\.com$|^AWS Internal$/.test(r.sourceIPAddress));
    expect(records.filter((r) => !shapeOk(r)).slice(0, 3)).toEqual([]);
  });

  it('keeps every eventTime in [start, end), sorted ascending', () => {
    const times = records.map((r) => Date.parse(r.eventTime));
    expect(times.filter((t) => t < START.getTime() || t >= END.getTime())).toEqual([]);
    expect(times.filter((t, i) => i > 0 && t < times[i - 1])).toEqual([]);
  });

  it('delivers 1–12 minutes after eventTime, so some records arrive out of order', () => {
    const delays = items.map((i) => i.deliveredAt - Date.parse(i.record.eventTime as string));
    expect(Math.min(...delays)).toBeGreaterThanOrEqual(60_000);
    expect(Math.max(...delays)).toBeLessThanOrEqual(720_000);
    expect(items.filter((item: DemoItem, i) => i > 0 && item.deliveredAt < items[i - 1].deliveredAt).length).toBeGreaterThan(100);
  });

  it('gives every record a unique UUID v4 eventID and requestID', () => {
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
    expect(new Set(records.map((r) => r.eventID)).size).toBe(records.length);
    expect(new Set(records.map((r) => r.requestID)).size).toBe(records.length);
    expect(records.filter((r) => !uuid.test(r.eventID) || !uuid.test(r.requestID))).toEqual([]);
  });

  it('honours regions, accountId and short windows', () => {
    const out = generateDemoHistory({
      start: new Date('2026-03-02T06:30:00.500Z'), end: new Date('2026-03-04T06:30:00Z'), regions: ['ap-southeast-2', 'us-east-1', 'eu-central-1'], accountId: '444455556666',
    }).map((i) => i.record as Rec);
    expect(out.length).toBeGreaterThan(150);
    expect(new Set(out.map((r) => r.awsRegion))).toEqual(new Set(['ap-southeast-2', 'us-east-1', 'eu-central-1']));
    expect(out.filter((r) => r.recipientAccountId !== '444455556666' || JSON.stringify(r).includes('111122223333'))).toEqual([]);
    expect(Date.parse(out[0].eventTime)).toBeGreaterThanOrEqual(Date.parse('2026-03-02T06:30:01Z'));
    expect(Date.parse(out[out.length - 1].eventTime)).toBeLessThan(Date.parse('2026-03-04T06:30:00Z'));
    expect(generateDemoHistory({ start: END, end: START })).toEqual([]);
  });
});

describe('generateDemoHistory: the world', () => {
  it('has at least 12 principals covering the identity types', () => {
    expect(new Set(records.map(principalKey)).size).toBeGreaterThanOrEqual(12);
    const types = new Set(records.map((r) => r.userIdentity.type));
    for (const t of ['IAMUser', 'AssumedRole', 'Root', 'FederatedUser', 'AWSService', 'IdentityCenterUser']) expect(types).toContain(t);
    const arns = new Set(records.map((r) => r.userIdentity.arn));
    const sso = 'assumed-role/AWSReservedSSO_MediaEngineer_0123456789abcdef';
    for (const tail of ['iam::111122223333:user/deploy-bot', 'iam::111122223333:user/legacy-encoder', 'sts::111122223333:assumed-role/MediaOpsAdmin/ops-alice',
      'sts::111122223333:assumed-role/MediaOpsAdmin/ops-bob', `sts::111122223333:${sso}/carol@example.com`, `sts::111122223333:${sso}/dave@example.com`,
      'iam::111122223333:root', 'sts::111122223333:federated-user/eve']) {
      expect(arns).toContain(`arn:aws:${tail}`);
    }
    const cfn = records.find((r) => r.userIdentity.type === 'AssumedRole' && r.userIdentity.invokedBy === 'cloudformation.amazonaws.com');
    expect(cfn?.sourceIPAddress).toBe('cloudformation.amazonaws.com');
    const roleSession = records.find((r) => r.userIdentity.type === 'AssumedRole')!.userIdentity.sessionContext;
    expect(roleSession.sessionIssuer.type).toBe('Role');
    expect(roleSession.attributes.mfaAuthenticated).toMatch(/^(true|false)$/);
    const ic = records.find((r) => r.userIdentity.type === 'IdentityCenterUser')!.userIdentity;
    expect(ic.onBehalfOf.identityStoreArn).toBe('arn:aws:identitystore::111122223333:identitystore/d-1234567890');
    expect(records.filter((r) => r.userIdentity.type === 'Root').length).toBeLessThan(20);
    expect(records.some((r) => r.sessionCredentialFromConsole === 'true')).toBe(true);
  });

  it('has both event sources in both regions, plus look-alikes of other services', () => {
    for (const source of [V1, V2]) {
      for (const region of ['us-west-2', 'eu-west-1']) expect(mp.some((r) => r.eventSource === source && r.awsRegion === region)).toBe(true);
    }
    const ml = records.filter((r) => r.eventSource === 'medialive.amazonaws.com');
    expect(new Set(ml.map((r) => r.eventName))).toEqual(new Set(['CreateChannel', 'UpdateChannel', 'DeleteChannel']));
    expect(records.some((r) => r.eventSource === 'ivs.amazonaws.com' && r.eventName === 'CreateChannel')).toBe(true);
    const share = (records.length - mp.length) / records.length;
    expect(share).toBeGreaterThan(0.004);
    expect(share).toBeLessThan(0.02);
  });

  it('has at least 6 channels and 10 endpoints across regions and APIs', () => {
    const created = (name: string) => mp.filter((r) => ok(r) && r.eventName === name);
    const channels = new Set(created('CreateChannel').map((r) => `${r.eventSource}|${r.awsRegion}|${r.requestParameters.id ?? r.requestParameters.ChannelName}`));
    const endpoints = new Set(created('CreateOriginEndpoint').map((r) => `${r.eventSource}|${r.awsRegion}|${r.requestParameters.id ?? r.requestParameters.OriginEndpointName}`));
    expect(channels.size).toBeGreaterThanOrEqual(6);
    expect(endpoints.size).toBeGreaterThanOrEqual(10);
    for (const name of ['sports-hd', 'news-24', 'kids-live']) expect([...channels].some((k) => k.endsWith(`|${name}`))).toBe(true);
  });

  it('uses sources from IPv4, IPv6, AWS Internal and service names', () => {
    const ips = records.map((r) => r.sourceIPAddress as string);
    expect(ips.some((ip) => isIPv4(ip) && ip.startsWith('203.0.113.'))).toBe(true);
    expect(ips.some((ip) => isIPv4(ip) && ip.startsWith('192.0.2.'))).toBe(true);
    expect(ips.some((ip) => isIPv6(ip))).toBe(true);
    expect(ips).toContain('AWS Internal');
    expect(ips).toContain('cloudformation.amazonaws.com');
  });

  it('is read-heavy, busier in working hours, with 3–5 % failed calls of the expected kinds', () => {
    expect(mp.filter((r) => r.readOnly).length / mp.length).toBeGreaterThan(0.85);
    const perHour = new Array(24).fill(0);
    for (const r of records) perHour[new Date(r.eventTime).getUTCHours()]++;
    const work = perHour.slice(9, 17).reduce((a, b) => a + b, 0) / 8;
    const night = perHour.slice(0, 5).reduce((a, b) => a + b, 0) / 5;
    expect(work).toBeGreaterThan(2 * night);
    const failed = mp.filter((r) => !ok(r));
    expect(failed.length / mp.length).toBeGreaterThan(0.03);
    expect(failed.length / mp.length).toBeLessThan(0.05);
    const codes = new Set(failed.map((r) => r.errorCode));
    for (const c of ['AccessDenied', 'AccessDeniedException', 'NotFoundException', 'ConflictException', 'UnprocessableEntityException', 'ThrottlingException']) {
      expect(codes).toContain(c);
    }
    const denied = failed.find((r) => r.errorCode === 'AccessDenied')!;
    expect(denied.errorMessage).toMatch(/^User: arn:aws:(iam|sts)::111122223333:\S+ is not authorized to perform: mediapackage:\w+ on resource: /);
  });

  it('never touches a channel or endpoint after deletion, except in failed calls', () => {
    const live = new Map<string, boolean>();
    const deadArns = new Set<string>();
    const arnOf = new Map<string, string>();
    const endpointOwner = new Map<string, string>();
    const checked = new Set<string>();
    for (const r of mp.filter(ok)) {
      const q = r.requestParameters ?? {};
      const scope = `${r.eventSource}|${r.awsRegion}`;
      // A v2 ARN names the resource, so a re-created name legitimately reuses it.
      if (r.eventName === 'CreateChannel' && r.eventSource === V2) deadArns.delete(r.responseElements.Arn);
      for (const res of r.resources ?? []) expect(deadArns.has(res.ARN), `${r.eventName} on deleted ${res.ARN}`).toBe(false);
      let channel: string | undefined;
      let endpoint: string | undefined;
      if (r.eventSource === V2) {
        if (q.ChannelName) channel = `${scope}|${q.ChannelGroupName}/${q.ChannelName}`;
        if (q.OriginEndpointName) endpoint = `${channel}/${q.OriginEndpointName}`;
      } else if (/Channel$|Credentials$|Logs$/.test(r.eventName) && q.id) {
        channel = `${scope}|${q.id}`;
      } else if (/OriginEndpoints?$/.test(r.eventName)) {
        if (r.eventName === 'CreateOriginEndpoint') endpointOwner.set(`${scope}|${q.id}`, `${scope}|${q.channelId}`);
        endpoint = q.id ? `${scope}|${q.id}` : undefined;
        channel = q.channelId ? `${scope}|${q.channelId}` : endpoint && endpointOwner.get(endpoint);
      }
      for (const [key, create, remove] of [[channel, 'CreateChannel', 'DeleteChannel'], [endpoint, 'CreateOriginEndpoint', 'DeleteOriginEndpoint']] as const) {
        if (!key) continue;
        checked.add(r.eventName);
        if (r.eventName === create) {
          expect(live.get(key), `${key} created twice`).not.toBe(true);
          live.set(key, true);
          arnOf.set(key, r.responseElements?.arn ?? r.responseElements?.Arn);
        } else {
          expect(live.get(key), `${r.eventName} at ${r.eventTime} on ${key}`).toBe(true);
        }
        if (r.eventName === remove) {
          live.set(key, false);
          deadArns.add(arnOf.get(key)!);
        }
      }
    }
    expect(checked).toContain('DeleteChannel');
    expect(checked).toContain('DescribeOriginEndpoint');
    // Failed calls on deleted channels do exist: pollers with stale lists.
    expect(mp.some((r) => r.errorCode === 'NotFoundException' && r.eventName === 'DescribeChannel')).toBe(true);
  });

  it('gives a deleted-and-recreated v1 channel a new internal ARN id', () => {
    const creates = new Map<string, string[]>();
    for (const r of mp.filter((x) => ok(x) && x.eventSource === V1 && x.eventName === 'CreateChannel')) {
      const key = `${r.awsRegion}|${r.requestParameters.id}`;
      creates.set(key, [...(creates.get(key) ?? []), r.responseElements.arn]);
    }
    const again = [...creates.entries()].filter(([, arns]) => arns.length > 1);
    expect(again.map(([k]) => k)).toContain('us-west-2|kids-live');
    for (const [, arns] of again) {
      expect(new Set(arns).size).toBe(arns.length);
      for (const arn of arns) expect(arn).toMatch(/^arn:aws:mediapackage:us-west-2:111122223333:channels\/[0-9a-f]{32}$/);
    }
  });

  it('returns arn and id from mutating v1 calls and nothing from reads', () => {
    const mutating = new Set(['CreateChannel', 'UpdateChannel', 'RotateIngestEndpointCredentials', 'ConfigureLogs', 'CreateOriginEndpoint', 'UpdateOriginEndpoint', 'CreateHarvestJob']);
    const v1 = mp.filter((r) => r.eventSource === V1);
    const seen = new Set<string>();
    for (const r of v1.filter(ok)) {
      if (r.readOnly) {
        expect(r.responseElements).toBeNull();
      } else if (mutating.has(r.eventName)) {
        seen.add(r.eventName);
        expect(r.responseElements.arn).toMatch(/^arn:aws:mediapackage:[a-z0-9-]+:111122223333:(channels|origin_endpoints|harvest_jobs)\//);
        expect(r.responseElements.id).toBe(r.requestParameters.id);
        if (r.responseElements.hlsIngest) {
          for (const e of r.responseElements.hlsIngest.ingestEndpoints) expect(e.password).toBe('***');
        }
      }
    }
    expect(seen).toEqual(mutating);
    const rotations = v1.filter((r) => r.eventName === 'RotateIngestEndpointCredentials');
    expect(rotations.length).toBeGreaterThan(4);
    const v2Update = mp.find((r) => ok(r) && r.eventSource === V2 && r.eventName === 'UpdateOriginEndpoint')!;
    for (const k of ['Arn', 'ChannelGroupName', 'ChannelName', 'OriginEndpointName', 'ContainerType', 'Segment', 'StartoverWindowSeconds', 'CreatedAt', 'ModifiedAt', 'ETag']) {
      expect(v2Update.responseElements).toHaveProperty(k);
    }
  });

  it('evolves origin endpoint configuration over time', () => {
    const configs = mp
      .filter((r) => ok(r) && r.eventSource === V1 && r.eventName === 'UpdateOriginEndpoint' && r.requestParameters.id === 'sports-hd-hls')
      .map((r) => JSON.stringify({ ...r.responseElements, tags: undefined }));
    expect(new Set(configs).size).toBeGreaterThan(3);
  });

  it('carries exactly one HTML-ish description and one hostile user agent', () => {
    const withImg = records.filter((r) => JSON.stringify(r).includes('<img src=x onerror=alert(1)>'));
    expect(withImg).toHaveLength(1);
    expect(withImg[0].requestParameters.description).toBe('<img src=x onerror=alert(1)>');
    expect(withImg[0].responseElements.description).toBe('<img src=x onerror=alert(1)>');
    const withScript = records.filter((r) => JSON.stringify(r).includes("<script>alert('ua')</script>"));
    expect(withScript).toHaveLength(1);
    expect(withScript[0].userAgent).toContain("<script>alert('ua')</script>");
  });
});
