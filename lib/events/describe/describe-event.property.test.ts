import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { describeEvent } from './describe-event';
import { OPERATIONS } from './operations';
import { ACCT, IDENTITIES, recordOf, summarize, V1, V2, VOD } from './test-records';

// Words a rendering bug would leave behind; an input that itself contains them could not tell.
const BUG_MARKS = /undefined|null|\[object/i;
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

const hostile = fc
  .oneof(
    fc.string(),
    fc.string({ unit: 'grapheme' }),
    fc.string({ unit: 'binary' }),
    fc.constantFrom('', ' ', '<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', '\u0000\u001b[31m\r\n', '\u202egnp.exe', '\ud800', 'x'.repeat(200_000), ' \n'.repeat(50_000) + 'tail', `arn:aws:mediapackage:us-west-2:${ACCT}:channels/abc`, 'AWS Internal', 'cloudformation.amazonaws.com'),
  )
  .filter((s) => !BUG_MARKS.test(s));
// Numbers, objects and arrays where a string is expected.
const anyValue = fc.oneof(hostile, fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.array(hostile, { maxLength: 2 }), fc.dictionary(hostile, hostile, { maxKeys: 2 }));

const identityShape = fc.oneof(
  fc.constantFrom(...Object.values(IDENTITIES).map((make) => make())),
  fc.record(
    {
      type: fc.oneof(fc.constantFrom('IAMUser', 'AssumedRole', 'Root', 'AWSService', 'IdentityCenterUser', 'FederatedUser', 'AWSAccount', 'WebIdentityUser', 'SAMLUser', 'Unknown'), anyValue),
      userName: anyValue,
      principalId: anyValue,
      arn: fc.oneof(anyValue, hostile.map((s) => `arn:aws:sts::${ACCT}:assumed-role/AWSReservedSSO_${s}/${s}`), hostile.map((s) => `arn:aws:iam::${ACCT}:user/${s}`)),
      accountId: anyValue,
      invokedBy: anyValue,
      identityProvider: anyValue,
      onBehalfOf: fc.record({ userId: anyValue }),
      sessionContext: fc.record({ sessionIssuer: fc.record({ userName: anyValue }), attributes: fc.record({ mfaAuthenticated: fc.oneof(fc.constantFrom('true', 'false'), anyValue) }) }),
    },
    { requiredKeys: [] },
  ),
  anyValue,
);

const source = fc.oneof(fc.constantFrom(V1, V2, VOD, 'mediapackagevod.amazonaws.com', 's3.amazonaws.com'), hostile);
const names = [...new Set(Object.values(OPERATIONS).flatMap((t) => Object.keys(t)))];
const request = fc.dictionary(
  fc.constantFrom('id', 'channelId', 'originEndpointId', 'includeChannelId', 'ingest_endpoint_id', 'packagingGroupId', 'ChannelGroupName', 'ChannelName', 'OriginEndpointName', 'HarvestJobName', 'resource-arn', 'ResourceArn'),
  fc.oneof(anyValue, hostile.map((s) => `arn:aws:mediapackagev2:us-west-2:${ACCT}:channelGroup/${s}/channel/x`)),
  { maxKeys: 6 },
);

const record = fc
  .record({
    source,
    name: fc.oneof(fc.constantFrom(...names, 'SomeNewOperation'), hostile),
    identity: identityShape,
    request: fc.oneof(request, fc.constant(null)),
    response: fc.oneof(request, fc.constant(null)),
    errorCode: fc.option(fc.oneof(fc.constantFrom('AccessDenied', 'ForbiddenException', 'NotFoundException'), hostile), { nil: undefined }),
    region: hostile,
    sourceIp: fc.oneof(fc.constantFrom('203.0.113.17', '2001:db8::1', 'AWS Internal', 'cloudformation.amazonaws.com', ''), hostile),
    userAgent: fc.oneof(fc.constantFrom('aws-cli/2.15.0', 'Terraform/1.9 aws-sdk-go-v2/1.30', 'console.amazonaws.com', 'Mozilla/5.0'), hostile),
    extra: fc.dictionary(fc.constantFrom('sessionCredentialFromConsole', 'recipientAccountId', 'resources', 'readOnly'), anyValue, { maxKeys: 3 }),
  })
  .map((spec) => recordOf(spec));

describe('describeEvent, on any record', () => {
  it('is one short, plain, non-empty sentence ending in a period, naming resources by id, never by ARN', () => {
    fc.assert(
      fc.property(record, (rec) => {
        const { summary, parsed } = summarize(rec);
        const s = describeEvent(summary, parsed);
        expect(typeof s).toBe('string');
        expect(s.length).toBeGreaterThan(5);
        expect(s.length).toBeLessThan(1500);
        expect(s.endsWith('.')).toBe(true);
        expect(s).not.toMatch(BUG_MARKS);
        expect(s).not.toMatch(CONTROL);
        expect(s).not.toMatch(/\s{2}/);
        for (const r of summary.resources) if (r.id && r.arn) expect(s).not.toContain(r.arn);
      }),
      { numRuns: 1500 },
    );
  });

  it('does the same for a record that is not even an object', () => {
    fc.assert(
      fc.property(record, anyValue, (rec, junk) => {
        const { summary } = summarize(rec);
        const s = describeEvent(summary, junk);
        expect(s.endsWith('.')).toBe(true);
        expect(s).not.toMatch(BUG_MARKS);
      }),
      { numRuns: 300 },
    );
  });
});
