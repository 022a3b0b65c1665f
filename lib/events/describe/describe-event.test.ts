import { describe, expect, it } from 'vitest';
import { describeEvent } from './describe-event';
import { ACCT, CLI, IDENTITIES, recordOf, summarize, V1, V2, VOD, type Spec } from './test-records';

function sentence(spec: Spec): string {
  const { summary, parsed } = summarize(recordOf(spec));
  return describeEvent(summary, parsed);
}

const V1_CHANNEL_ARN = `arn:aws:mediapackage:us-west-2:${ACCT}:channels/6d345804ec3f46c9b454a91d4a80d0e0`;
const V2_CHANNEL_ARN = `arn:aws:mediapackagev2:us-west-2:${ACCT}:channelGroup/live/channel/sports-hd`;
const V2_ENDPOINT = { ChannelGroupName: 'live', ChannelName: 'sports-hd', OriginEndpointName: 'hls-1' };
const TAIL = 'in us-west-2 from 203.0.113.17 using the AWS CLI.';

describe('describeEvent: the examples of the spec', () => {
  it('names the role session, role and MFA, the action, channel, region, address and tool', () => {
    const s = sentence({ name: 'RotateChannelCredentials', identity: IDENTITIES.assumedRole(true), request: { id: 'sports-hd' }, response: { id: 'sports-hd', arn: V1_CHANNEL_ARN } });
    expect(s).toBe('ops-alice (MediaOpsAdmin role, MFA) rotated the ingest credentials of channel sports-hd in us-west-2 from 203.0.113.17 using the AWS CLI.');
  });

  it('says what a denied caller tried', () => {
    const s = sentence({ name: 'DeleteOriginEndpoint', request: { id: 'news-24-hls' }, errorCode: 'AccessDenied', region: 'eu-west-1', sourceIp: '', userAgent: '' });
    expect(s).toBe('deploy-bot tried to delete origin endpoint news-24-hls in eu-west-1 but was denied (AccessDenied).');
  });
});

// One real-shaped record per operation family and API; the sentence a user reads for each.
const FAMILIES: [string, Spec, string][] = [
  ['v1 create', { name: 'CreateChannel', request: { id: 'sports-hd' }, response: { id: 'sports-hd', arn: V1_CHANNEL_ARN } }, `deploy-bot created channel sports-hd ${TAIL}`],
  ['v1 update', { name: 'UpdateOriginEndpoint', request: { id: 'sports-hls' }, response: { id: 'sports-hls', channelId: 'sports-hd' } }, `deploy-bot updated origin endpoint sports-hls of channel sports-hd ${TAIL}`],
  ['v1 delete', { name: 'DeleteChannel', request: { id: 'sports-hd' } }, `deploy-bot deleted channel sports-hd ${TAIL}`],
  ['v1 rotate one ingest endpoint', { name: 'RotateIngestEndpointCredentials', request: { id: 'sports-hd', ingest_endpoint_id: '4a8e1c' } }, `deploy-bot rotated the credentials of ingest endpoint 4a8e1c of channel sports-hd ${TAIL}`],
  ['v1 logs', { name: 'ConfigureLogs', request: { id: 'sports-hd', egressAccessLogs: { logGroupName: '/aws/MediaPackage/EgressAccessLogs' } } }, `deploy-bot configured the access logs of channel sports-hd ${TAIL}`],
  ['v1 read', { name: 'DescribeChannel', request: { id: 'sports-hd' } }, `deploy-bot looked at channel sports-hd ${TAIL}`],
  ['v1 list', { name: 'ListChannels', request: { maxResults: 50 } }, `deploy-bot listed the channels ${TAIL}`],
  ['v1 list in a channel', { name: 'ListOriginEndpoints', request: { channelId: 'sports-hd' } }, `deploy-bot listed the origin endpoints of channel sports-hd ${TAIL}`],
  ['v1 harvest', { name: 'CreateHarvestJob', request: { id: 'clip-0304', originEndpointId: 'sports-hls', startTime: '2025-03-04T08:00:00Z', endTime: '2025-03-04T09:00:00Z' }, response: { id: 'clip-0304', channelId: 'sports-hd', originEndpointId: 'sports-hls' } }, `deploy-bot started harvest job clip-0304 for origin endpoint sports-hls of channel sports-hd ${TAIL}`],
  ['v1 tag (ARN with internal id)', { name: 'TagResource', request: { 'resource-arn': V1_CHANNEL_ARN, tags: { team: 'sports' } } }, `deploy-bot tagged channel 6d345804ec3f46c9b454a91d4a80d0e0 ${TAIL}`],
  ['v2 create a channel group', { source: V2, name: 'CreateChannelGroup', request: { ChannelGroupName: 'live' } }, `deploy-bot created channel group live ${TAIL}`],
  ['v2 create a channel', { source: V2, name: 'CreateChannel', request: { ChannelGroupName: 'live', ChannelName: 'sports-hd' } }, `deploy-bot created channel sports-hd in channel group live ${TAIL}`],
  ['v2 delete', { source: V2, name: 'DeleteOriginEndpoint', request: V2_ENDPOINT }, `deploy-bot deleted origin endpoint hls-1 of channel sports-hd in channel group live ${TAIL}`],
  ['v2 reset', { source: V2, name: 'ResetChannelState', request: { ChannelGroupName: 'live', ChannelName: 'sports-hd' } }, `deploy-bot reset the state of channel sports-hd in channel group live ${TAIL}`],
  ['v2 policy', { source: V2, name: 'PutOriginEndpointPolicy', request: { ...V2_ENDPOINT, Policy: '{}' } }, `deploy-bot set the resource policy of origin endpoint hls-1 of channel sports-hd in channel group live ${TAIL}`],
  ['v2 policy read', { source: V2, name: 'GetChannelPolicy', request: { ChannelGroupName: 'live', ChannelName: 'sports-hd' } }, `deploy-bot looked at the resource policy of channel sports-hd in channel group live ${TAIL}`],
  ['v2 harvest', { source: V2, name: 'CreateHarvestJob', request: { ...V2_ENDPOINT, HarvestJobName: 'clip-0304' } }, `deploy-bot started harvest job clip-0304 for origin endpoint hls-1 of channel sports-hd in channel group live ${TAIL}`],
  ['v2 harvest cancel', { source: V2, name: 'CancelHarvestJob', request: { ...V2_ENDPOINT, HarvestJobName: 'clip-0304' } }, `deploy-bot cancelled harvest job clip-0304 for origin endpoint hls-1 of channel sports-hd in channel group live ${TAIL}`],
  ['v2 list in a group', { source: V2, name: 'ListHarvestJobs', request: { ChannelGroupName: 'live' } }, `deploy-bot listed the harvest jobs in channel group live ${TAIL}`],
  ['v2 list everything', { source: V2, name: 'ListChannelGroups', request: null }, `deploy-bot listed the channel groups ${TAIL}`],
  ['v2 untag', { source: V2, name: 'UntagResource', request: { ResourceArn: V2_CHANNEL_ARN, TagKeys: ['team'] } }, `deploy-bot removed tags from channel sports-hd in channel group live ${TAIL}`],
  ['vod create', { source: VOD, name: 'CreatePackagingConfiguration', request: { id: 'hls-cfg', packagingGroupId: 'vod-main' } }, `deploy-bot created packaging configuration hls-cfg in packaging group vod-main ${TAIL}`],
  ['vod asset', { source: VOD, name: 'CreateAsset', request: { id: 'match-0304', packagingGroupId: 'vod-main', sourceArn: 'arn:aws:s3:::bucket/match.smil' } }, `deploy-bot created asset match-0304 in packaging group vod-main ${TAIL}`],
  ['vod logs', { source: VOD, name: 'ConfigureLogs', request: { id: 'vod-main' } }, `deploy-bot configured the access logs of packaging group vod-main ${TAIL}`],
  ['vod list', { source: VOD, name: 'ListAssets', request: { packagingGroupId: 'vod-main' } }, `deploy-bot listed the assets in packaging group vod-main ${TAIL}`],
  ['vod update', { source: VOD, name: 'UpdatePackagingGroup', request: { id: 'vod-main' } }, `deploy-bot updated packaging group vod-main ${TAIL}`],
];

describe('describeEvent: one sentence per operation family', () => {
  it.each(FAMILIES)('%s', (_, spec, expected) => {
    expect(sentence(spec)).toBe(expected);
  });

  it('says an unknown MediaPackage operation was called, on the resource it names, without guessing a verb', () => {
    const s = sentence({ source: V2, name: 'SwapChannelSources', request: { ChannelGroupName: 'live', ChannelName: 'sports-hd' } });
    expect(s).toBe(`deploy-bot called SwapChannelSources on channel sports-hd in channel group live ${TAIL}`);
  });

  it('names the service of an operation from another source', () => {
    expect(sentence({ source: 's3.amazonaws.com', name: 'PutObject', request: { bucketName: 'b' } })).toBe(`deploy-bot called the Amazon S3 operation PutObject ${TAIL}`);
  });

  it('never names a resource the event does not, but still says what kind it was', () => {
    expect(sentence({ source: V2, name: 'DeleteChannel', request: null })).toBe(`deploy-bot deleted a channel ${TAIL}`);
    expect(sentence({ source: V2, name: 'CreateHarvestJob', request: { ChannelGroupName: 'live', ChannelName: 'sports-hd' } })).toBe(
      `deploy-bot started a harvest job for channel sports-hd in channel group live ${TAIL}`,
    );
  });
});

describe('describeEvent: failures read as failures', () => {
  const denied = ['AccessDenied', 'AccessDeniedException', 'UnauthorizedOperation', 'Client.UnauthorizedOperation', 'ForbiddenException'];
  it.each(denied)('%s reads "was denied"', (code) => {
    expect(sentence({ name: 'DeleteChannel', request: { id: 'sports-hd' }, errorCode: code })).toBe(
      `deploy-bot tried to delete channel sports-hd in us-west-2 from 203.0.113.17 using the AWS CLI but was denied (${code}).`,
    );
  });

  it('other errors read "it failed"', () => {
    expect(sentence({ source: V2, name: 'CreateChannel', request: { ChannelGroupName: 'live', ChannelName: 'sports-hd' }, errorCode: 'ConflictException' })).toBe(
      'deploy-bot tried to create channel sports-hd in channel group live in us-west-2 from 203.0.113.17 using the AWS CLI but it failed (ConflictException).',
    );
    expect(sentence({ source: VOD, name: 'ListAssets', request: null, errorCode: 'TooManyRequestsException' })).toMatch(/ tried to list the assets in us-west-2 .* but it failed \(TooManyRequestsException\)\.$/);
  });

  it('names a resource by id in an error text that carries its ARN, as the rest of the sentence does', () => {
    const arn = `arn:aws:mediapackage:us-west-2:${ACCT}:channels/abc`;
    const s = sentence({ name: 'CreateChannel', request: { 'resource-arn': arn }, errorCode: `NotFound: ${arn}` });
    expect(s).toMatch(/ but it failed \(NotFound: abc\)\.$/);
    expect(s).not.toContain(arn);
  });
});

// Who did it, for every identity shape CloudTrail writes.
const PEOPLE: [string, unknown, string][] = [
  ['IAM user', IDENTITIES.iamUser(), 'deploy-bot deleted'],
  ['IAM user with MFA', IDENTITIES.iamUser(true), 'deploy-bot (MFA) deleted'],
  ['assumed role', IDENTITIES.assumedRole(), 'ops-alice (MediaOpsAdmin role) deleted'],
  ['assumed role with MFA', IDENTITIES.assumedRole(true), 'ops-alice (MediaOpsAdmin role, MFA) deleted'],
  ['SSO person', IDENTITIES.sso(), 'alice@example.com (SSO, MediaOpsAdmin permission set) deleted'],
  ['root', IDENTITIES.root(), `The root user of account ${ACCT} (MFA) deleted`],
  ['Identity Center user', IDENTITIES.identityCenterUser(), 'Identity Center user 94482488-3041-7026-18f3-be45837cd0e4 deleted'],
  ['federated user', IDENTITIES.federatedUser(), 'bob (federated user of deploy-bot) deleted'],
  ['another account', IDENTITIES.awsAccount(), 'Account 444455556666 deleted'],
  ['web identity', IDENTITIES.webIdentity(), '109876543210 (web identity from accounts.google.com) deleted'],
  ['SAML user', IDENTITIES.saml(), 'alice (SAML through Okta) deleted'],
  ['CloudTrail\'s Unknown type', IDENTITIES.unknownType(), 'mystery-caller deleted'],
  ['damaged identity', IDENTITIES.damaged(), `An unknown caller from account ${ACCT} deleted`],
];

describe('describeEvent: the person, as a person would name them', () => {
  it.each(PEOPLE)('%s', (_, identity, start) => {
    const s = sentence({ name: 'DeleteChannel', identity, request: { id: 'sports-hd' } });
    expect(s).toBe(`${start} channel sports-hd ${TAIL}`);
    expect(s).not.toContain('arn:');
  });

  it('a service acting for itself is named once, not again as the source and the tool', () => {
    const host = 'cloudformation.amazonaws.com';
    expect(sentence({ name: 'DeleteChannel', identity: IDENTITIES.awsService(), request: { id: 'sports-hd' }, sourceIp: host, userAgent: host })).toBe(
      'AWS CloudFormation deleted channel sports-hd in us-west-2.',
    );
  });

  it('a role a service used reads as that role, through the service', () => {
    const host = 'cloudformation.amazonaws.com';
    expect(sentence({ name: 'CreateChannel', identity: IDENTITIES.assumedRole(), request: { id: 'sports-hd' }, sourceIp: host, userAgent: host })).toBe(
      'ops-alice (MediaOpsAdmin role) created channel sports-hd in us-west-2 through AWS CloudFormation.',
    );
  });
});

describe('describeEvent: where from', () => {
  it('says "from within AWS" for AWS Internal, and leaves out an empty source', () => {
    expect(sentence({ name: 'DeleteChannel', request: { id: 'x' }, sourceIp: 'AWS Internal', userAgent: 'AWS Internal' })).toBe('deploy-bot deleted channel x in us-west-2 from within AWS.');
    expect(sentence({ name: 'DeleteChannel', request: { id: 'x' }, sourceIp: '', userAgent: '' })).toBe('deploy-bot deleted channel x in us-west-2.');
  });

  it('keeps an IPv6 address as it is', () => {
    expect(sentence({ name: 'DeleteChannel', request: { id: 'x' }, sourceIp: '2001:db8::17', userAgent: CLI })).toContain(' from 2001:db8::17 using the AWS CLI.');
  });
});

describe('describeEvent: text stays text', () => {
  it('repeats markup literally, strips control characters and caps long values', () => {
    const s = sentence({ name: 'DeleteChannel', request: { id: '<img src=x onerror=alert(1)>' }, identity: { ...IDENTITIES.iamUser(), userName: `eve\n\u001b[31mred\u202e${'x'.repeat(5000)}` } });
    expect(s).toContain('channel <img src=x onerror=alert(1)> in');
    expect(s).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202e]/);
    expect(s.startsWith('eve [31mred')).toBe(true);
    expect(s.length).toBeLessThan(250);
    expect(s).toMatch(/x…/);
  });

  it('never throws, whatever it is given', () => {
    const { summary } = summarize(recordOf({ name: 'DeleteChannel', request: { id: 'x' } }));
    for (const record of [undefined, null, 42, 'text', [], { userIdentity: [1] }]) expect(describeEvent(summary, record)).toMatch(/^deploy-bot deleted channel x .*\.$/);
    const hostile = new Proxy({}, { get: () => { throw new Error('boom'); } });
    expect(describeEvent({ ...summary, resources: hostile as never }, hostile)).toMatch(/\.$/);
  });
});
