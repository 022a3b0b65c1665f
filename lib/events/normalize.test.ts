import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeLookupEvent, normalizeRecord, SEARCH_TEXT_MAX_BYTES } from './normalize';
import type { LookupEvent } from './types';

const ACCT = '111122223333';
const REGION = 'eu-west-1';
const CHANNEL_ARN = `arn:aws:mediapackage:${REGION}:${ACCT}:channels/6d345804ec3f46c9b454a91d4a80d0e0`;

function createChannelRecord(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    eventVersion: '1.09',
    userIdentity: {
      type: 'AssumedRole',
      principalId: 'AROAIDPPEZS35WEXAMPLE:ops-alice',
      arn: `arn:aws:sts::${ACCT}:assumed-role/MediaOpsAdmin/ops-alice`,
      accountId: ACCT,
      accessKeyId: 'ASIAIOSFODNN7EXAMPLE',
      sessionContext: {
        sessionIssuer: { type: 'Role', principalId: 'AROAIDPPEZS35WEXAMPLE', arn: `arn:aws:iam::${ACCT}:role/MediaOpsAdmin`, accountId: ACCT, userName: 'MediaOpsAdmin' },
        attributes: { creationDate: '2025-03-04T09:00:00Z', mfaAuthenticated: 'true' },
      },
    },
    eventTime: '2025-03-04T09:15:27Z',
    eventSource: 'mediapackage.amazonaws.com',
    eventName: 'CreateChannel',
    awsRegion: REGION,
    sourceIPAddress: '203.0.113.17',
    userAgent: 'aws-cli/2.15.30 Python/3.11.8 Linux/6.1 exe/x86_64 command/mediapackage.create-channel',
    requestParameters: { id: 'sports-hd', description: 'Sports HD ingest' },
    responseElements: { id: 'sports-hd', arn: CHANNEL_ARN, description: 'Sports HD ingest', hlsIngest: { ingestEndpoints: [] } },
    requestID: 'fc158262-025e-11e9-8360-6bff705fbba5',
    eventID: 'e9016b49-9a0a-4256-b684-eed9bd9073ab',
    readOnly: false,
    eventType: 'AwsApiCall',
    managementEvent: true,
    recipientAccountId: ACCT,
    eventCategory: 'Management',
    ...overrides,
  };
}

function lookupOf(record: Record<string, unknown> | string, extra: Partial<LookupEvent> = {}): LookupEvent {
  return {
    EventId: 'e9016b49-9a0a-4256-b684-eed9bd9073ab',
    EventName: 'CreateChannel',
    ReadOnly: 'false',
    AccessKeyId: 'ASIAIOSFODNN7EXAMPLE',
    EventTime: new Date('2025-03-04T09:15:27Z'),
    EventSource: 'mediapackage.amazonaws.com',
    Username: 'ops-alice',
    Resources: [],
    CloudTrailEvent: typeof record === 'string' ? record : JSON.stringify(record),
    ...extra,
  };
}

describe('normalizeLookupEvent', () => {
  it('builds a clean summary from a CreateChannel record', () => {
    const stored = normalizeLookupEvent(lookupOf(createChannelRecord()), REGION);
    expect(stored.flags).toEqual([]);
    expect(stored.summary).toEqual({
      eventId: 'e9016b49-9a0a-4256-b684-eed9bd9073ab',
      eventTime: '2025-03-04T09:15:27.000Z',
      eventSource: 'mediapackage.amazonaws.com',
      eventName: 'CreateChannel',
      region: REGION,
      accountId: ACCT,
      readOnly: false,
      errorCode: null,
      errorMessage: null,
      sourceIp: '203.0.113.17',
      userAgent: 'aws-cli/2.15.30 Python/3.11.8 Linux/6.1 exe/x86_64 command/mediapackage.create-channel',
      principal: 'MediaOpsAdmin/ops-alice',
      principalType: 'AssumedRole',
      principalArn: `arn:aws:sts::${ACCT}:assumed-role/MediaOpsAdmin/ops-alice`,
      accessKeyId: 'ASIAIOSFODNN7EXAMPLE',
      resources: [{ type: 'AWS::MediaPackage::Channel', id: 'sports-hd', arn: CHANNEL_ARN }],
      description: 'ops-alice (MediaOpsAdmin role, MFA) created channel sports-hd in eu-west-1 from 203.0.113.17 using the AWS CLI.',
    });
    expect(stored.aliases).toEqual([{ arn: CHANNEL_ARN, id: 'sports-hd', type: 'AWS::MediaPackage::Channel' }]);
    expect(stored.ipKey).toBe('00000000000000000000ffffcb007111');
    // The operation, principal, access key and source are searched in their own columns (lib/store/queries/where.ts).
    for (const column of ['createchannel', 'mediaopsadmin/ops-alice', 'asiaiosfodnn7example', '203.0.113.17']) expect(stored.searchText).not.toContain(column);
    expect(stored.searchText).toContain(CHANNEL_ARN);
    expect(stored.searchText).toContain('{"id":"sports-hd","description":"sports hd ingest"}');
  });

  it('keeps raw byte-for-byte, odd whitespace and unicode included', () => {
    const raw =
      '{ "eventVersion":"1.08",\t"eventID" : "0c9f6a44-1f7e-4c1b-9a53-2d1e0c8b7a11",\r\n "eventTime":"2025-03-04T09:15:27Z",' +
      '"eventSource":"mediapackage.amazonaws.com","eventName":"UpdateChannel","awsRegion":"eu-west-1",' +
      '"userIdentity":{"type":"IAMUser","userName":"zoë-ops","arn":"arn:aws:iam::111122223333:user/zoë-ops","accountId":"111122223333"},' +
      '"sourceIPAddress":"203.0.113.9","userAgent":"console.amazonaws.com",' +
      '"requestParameters":{"id":"sports-hd","description":"Spört 📺 \\u00e9 — ünïcode"},"readOnly":false}\n\n  ';
    const stored = normalizeRecord(raw, { region: REGION });
    expect(stored.raw).toBe(raw);
    expect(Buffer.from(stored.raw as string, 'utf8').equals(Buffer.from(raw, 'utf8'))).toBe(true);
    expect(stored.flags).toEqual([]);
    expect(stored.summary.principal).toBe('zoë-ops');
    expect(stored.searchText).toContain('spört 📺 é — ünïcode');
  });

  it('shows U+0000 in a record\'s strings as U+FFFD (PostgreSQL text cannot hold it) and keeps the record exact', () => {
    const raw =
      '{"eventVersion":"1.08","eventID":"nul-1","eventTime":"2025-03-04T09:15:27Z","eventSource":"mediapackage.amazonaws.com",' +
      '"eventName":"UpdateChannel","awsRegion":"eu-west-1","userIdentity":{"type":"IAMUser","userName":"ops\\u0000x","accountId":"111122223333"},' +
      '"sourceIPAddress":"203.0.113.9","userAgent":"curl\\u0000/8","requestParameters":{"id":"ch\\u00001"}}';
    const stored = normalizeRecord(raw, { region: REGION });
    expect(stored.raw).toBe(raw);
    expect(stored.summary.userAgent).toBe('curl\uFFFD/8');
    expect(stored.summary.principal).toBe('ops\uFFFDx');
    expect(stored.summary.resources.map((r) => r.id)).toEqual(['ch\uFFFD1']);
    const fields = [...Object.values(stored.summary), stored.searchText].filter((v) => typeof v === 'string').join('|');
    expect(fields).not.toContain('\0');
  });

  it('invalid JSON: summary from the Lookup fields, flagged, never throws', () => {
    const raw = '{"eventVersion":"1.09","eventID":"truncated…';
    const stored = normalizeLookupEvent(lookupOf(raw, { Resources: [{ ResourceType: 'AWS::MediaPackage::Channel', ResourceName: 'sports-hd' }] }), REGION);
    expect(stored.raw).toBe(raw);
    expect(stored.flags).toEqual(['invalid-json']);
    expect(stored.summary).toMatchObject({
      eventId: 'e9016b49-9a0a-4256-b684-eed9bd9073ab',
      eventTime: '2025-03-04T09:15:27.000Z',
      eventSource: 'mediapackage.amazonaws.com',
      eventName: 'CreateChannel',
      region: REGION,
      accountId: '',
      readOnly: false,
      sourceIp: '',
      principal: 'ops-alice',
      principalType: 'Unknown',
      accessKeyId: 'ASIAIOSFODNN7EXAMPLE',
      resources: [{ type: 'AWS::MediaPackage::Channel', id: 'sports-hd', arn: null }],
    });
    expect(stored.ipKey).toBeNull();
    expect(normalizeLookupEvent(lookupOf('[1,2]'), REGION).flags).toEqual(['invalid-json']);
    expect(normalizeLookupEvent(lookupOf('', { CloudTrailEvent: undefined }), REGION).flags).toEqual(['invalid-json']);
  });

  it('throws only when no event id exists anywhere', () => {
    expect(() => normalizeRecord('not json')).toThrow(/eventID/);
    expect(() => normalizeRecord(JSON.stringify(createChannelRecord({ eventID: undefined })))).toThrow(/eventID/);
    expect(normalizeRecord('not json', { eventId: 'abc' }).flags).toEqual([
      'invalid-json',
      'missing-eventTime',
      'missing-eventSource',
      'missing-eventName',
      'missing-awsRegion',
    ]);
  });

  it('flags unknown versions, missing identity, empty source IP and bad times', () => {
    const rec = createChannelRecord({ eventVersion: '2.0', userIdentity: undefined, sourceIPAddress: '', eventTime: 'yesterday' });
    const stored = normalizeRecord(JSON.stringify(rec));
    expect(stored.flags).toEqual(['unknown-event-version', 'invalid-eventTime', 'missing-userIdentity', 'empty-sourceIPAddress']);
    expect(stored.summary.sourceIp).toBe('');
    expect(stored.summary.eventTime).toBe('1970-01-01T00:00:00.000Z');
    expect(stored.summary.principal).toBe('unknown');
    const withTime = normalizeRecord(JSON.stringify(createChannelRecord({ eventTime: undefined })), { eventTime: new Date('2025-03-04T09:15:27.5Z') });
    expect(withTime.flags).toEqual([]);
    expect(withTime.summary.eventTime).toBe('2025-03-04T09:15:27.500Z');
    expect(normalizeRecord(JSON.stringify(createChannelRecord({ userIdentity: { type: 'Martian' } }))).flags).toEqual(['unknown-userIdentity']);
  });

  it.each([
    ['203.0.113.17', '00000000000000000000ffffcb007111'],
    ['2001:db8::1', '20010db8000000000000000000000001'],
    ['AWS Internal', null],
    ['cloudformation.amazonaws.com', null],
  ])('source IP %s → ipKey %s', (ip, key) => {
    const stored = normalizeRecord(JSON.stringify(createChannelRecord({ sourceIPAddress: ip })));
    expect(stored.summary.sourceIp).toBe(ip);
    expect(stored.ipKey).toBe(key);
    expect(stored.flags).toEqual([]);
  });

  it('keeps markup in a description as plain text', () => {
    const description = '<img src=x onerror=alert(1)>';
    const rec = createChannelRecord({ requestParameters: { id: 'sports-hd', description } });
    const raw = JSON.stringify(rec);
    const stored = normalizeRecord(raw);
    expect(stored.raw).toBe(raw);
    expect(stored.raw).toContain(description);
    expect(stored.searchText).toContain(description);
  });

  it('a MediaLive CreateChannel record produces no MediaPackage resources', () => {
    const rec = createChannelRecord({
      eventSource: 'medialive.amazonaws.com',
      requestParameters: { name: 'sports-hd-encoder', destinations: [{ id: 'mp', mediaPackageSettings: [{ channelId: 'sports-hd' }] }] },
      responseElements: { channel: { arn: `arn:aws:medialive:${REGION}:${ACCT}:channel:4851234`, id: '4851234' } },
    });
    const stored = normalizeRecord(JSON.stringify(rec));
    expect(stored.summary.resources).toEqual([]);
    expect(stored.aliases).toEqual([]);
  });

  it('readOnly: record boolean, then Lookup string, then the event name', () => {
    const base = createChannelRecord({ readOnly: undefined, eventName: 'DescribeChannel', responseElements: null });
    expect(normalizeRecord(JSON.stringify({ ...base, readOnly: false })).summary.readOnly).toBe(false);
    expect(normalizeRecord(JSON.stringify(base), { readOnly: 'false' }).summary.readOnly).toBe(false);
    expect(normalizeRecord(JSON.stringify(base)).summary.readOnly).toBe(true);
    expect(normalizeRecord(JSON.stringify({ ...base, eventName: 'DeleteChannel' })).summary.readOnly).toBe(false);
  });

  it('accessKeyId: identity, then fallback; empty is null. errors carried', () => {
    const ui = { type: 'IAMUser', userName: 'deploy-bot', arn: `arn:aws:iam::${ACCT}:user/deploy-bot`, accountId: ACCT, accessKeyId: '' };
    const rec = createChannelRecord({ userIdentity: ui, errorCode: 'ConflictException', errorMessage: 'Channel already exists: sports-hd', responseElements: null });
    const stored = normalizeRecord(JSON.stringify(rec));
    expect(stored.summary.accessKeyId).toBeNull();
    expect(stored.summary.errorCode).toBe('ConflictException');
    expect(stored.searchText).toContain('channel already exists: sports-hd');
    expect(normalizeRecord(JSON.stringify(rec), { accessKeyId: 'AKIAFALLBACK' }).summary.accessKeyId).toBe('AKIAFALLBACK');
  });

  it('holds each searchable field once: a field found inside another is not copied again', () => {
    const endpointArn = `arn:aws:mediapackagev2:${REGION}:${ACCT}:channelgroup/live/channel/news-24/originendpoint/cmaf-main`;
    const rec = {
      ...createChannelRecord(),
      eventSource: 'mediapackagev2.amazonaws.com',
      eventName: 'GetOriginEndpoint',
      userIdentity: { type: 'AWSService', invokedBy: 'cloudformation.amazonaws.com' },
      sourceIPAddress: 'cloudformation.amazonaws.com',
      userAgent: 'cloudformation.amazonaws.com',
      requestParameters: { ChannelGroupName: 'live', ChannelName: 'news-24', OriginEndpointName: 'cmaf-main' },
      responseElements: null,
      resources: [
        { type: 'AWS::MediaPackageV2::OriginEndpoint', ARN: endpointArn },
        { type: 'AWS::MediaPackageV2::Channel', ARN: `arn:aws:mediapackagev2:${REGION}:${ACCT}:channelgroup/live/channel/news-24` },
        { type: 'AWS::MediaPackageV2::ChannelGroup', ARN: `arn:aws:mediapackagev2:${REGION}:${ACCT}:channelgroup/live` },
      ],
    };
    const stored = normalizeRecord(JSON.stringify(rec));
    const s = stored.summary;
    // The user agent, the principal, its ARN and the source are searched in their own columns (lib/store/queries/where.ts).
    expect(stored.searchText).not.toContain(s.principalArn ?? 'no principal ARN');
    expect(stored.searchText).not.toContain('cloudformation.amazonaws.com');
    for (const f of s.resources.flatMap((r) => [r.id, r.arn])) if (f) expect(stored.searchText).toContain(f.toLowerCase());
    expect(stored.searchText.split('channelgroup/live').length - 1).toBe(1);
    expect(stored.searchText).toContain('"channelname":"news-24"');
  });

  it('caps searchText at 8 kB on a character boundary', () => {
    const rec = createChannelRecord({ requestParameters: { id: 'sports-hd', description: 'é📺'.repeat(5000) } });
    const stored = normalizeRecord(JSON.stringify(rec));
    const bytes = Buffer.byteLength(stored.searchText, 'utf8');
    expect(bytes).toBeLessThanOrEqual(SEARCH_TEXT_MAX_BYTES);
    expect(bytes).toBeGreaterThan(SEARCH_TEXT_MAX_BYTES - 4);
    expect(stored.searchText).not.toContain('\uFFFD');
    expect(stored.searchText.slice(0, 300)).toContain(CHANNEL_ARN.toLowerCase());
  });
});

describe('event times', () => {
  // The oracle is what Date makes of the text, which every record's time went through before the
  // shortcut for CloudTrail's own form (normalize.ts: canonicalIso).
  const viaDate = (text: string) => {
    const d = new Date(text);
    return Number.isNaN(d.getTime()) ? new Date(0).toISOString() : d.toISOString();
  };
  const two = (n: number) => String(n).padStart(2, '0');

  it('reads every time written as CloudTrail writes it as Date reads it, real or not (30 February, 24:00, month 13)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 }),
        fc.integer({ min: 0, max: 24 }), fc.integer({ min: 0, max: 60 }), fc.integer({ min: 0, max: 60 }),
        (y, mo, d, h, mi, s) => {
          const text = `${String(y).padStart(4, '0')}-${two(mo)}-${two(d)}T${two(h)}:${two(mi)}:${two(s)}Z`;
          const e = normalizeRecord(JSON.stringify({ ...createChannelRecord(), eventTime: text }));
          expect(e.summary.eventTime).toBe(viaDate(text));
          expect(e.flags.includes('invalid-eventTime')).toBe(Number.isNaN(new Date(text).getTime()));
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('reads other forms of a time through Date as before', () => {
    for (const text of ['2024-02-29T23:59:59Z', '2023-02-29T10:00:00Z', '2025-03-04T09:15:27.123Z', '2025-03-04T09:15:27+02:00', '2025-03-04T24:00:00Z', '2025-03-04', 'yesterday']) {
      expect(normalizeRecord(JSON.stringify({ ...createChannelRecord(), eventTime: text })).summary.eventTime).toBe(viaDate(text));
    }
  });
});
