import { describe, expect, it } from 'vitest';
import { resourcesOf, type ResourceContext } from './resources';

const ACCT = '111122223333';
const REGION = 'eu-west-1';
const CHANNEL_ARN = `arn:aws:mediapackage:${REGION}:${ACCT}:channels/6d345804ec3f46c9b454a91d4a80d0e0`;
const ENDPOINT_ARN = `arn:aws:mediapackage:${REGION}:${ACCT}:origin_endpoints/1dc6718be36f4f34bb9cd86bc50925e9`;

function ctx(eventSource: string, eventName: string, extra: Partial<ResourceContext> = {}): ResourceContext {
  return { eventSource, eventName, region: REGION, accountId: ACCT, ...extra };
}

describe('resourcesOf: MediaPackage v1', () => {
  it('learns the ARN → id alias from a CreateChannel response', () => {
    const record = {
      requestParameters: { id: 'sports-hd', description: 'Sports HD ingest' },
      responseElements: {
        id: 'sports-hd',
        arn: CHANNEL_ARN,
        description: 'Sports HD ingest',
        hlsIngest: { ingestEndpoints: [{ id: '8d0ca97840d94b18b37ad292c131bcad', username: '***', password: '***', url: 'https://x/in/v2/a/b/channel' }] },
      },
    };
    const out = resourcesOf(record, ctx('mediapackage.amazonaws.com', 'CreateChannel'));
    expect(out.resources).toEqual([{ type: 'AWS::MediaPackage::Channel', id: 'sports-hd', arn: CHANNEL_ARN }]);
    expect(out.aliases).toEqual([{ arn: CHANNEL_ARN, id: 'sports-hd', type: 'AWS::MediaPackage::Channel' }]);
  });

  it('an origin endpoint op yields the endpoint and its channel', () => {
    const record = {
      requestParameters: { id: 'sports-hd-hls', channelId: 'sports-hd', manifestName: 'index', hlsPackage: { segmentDurationSeconds: 6 } },
      responseElements: { id: 'sports-hd-hls', channelId: 'sports-hd', arn: ENDPOINT_ARN, url: 'https://example.mediapackage.eu-west-1.amazonaws.com/out/v1/abc/index.m3u8' },
    };
    const out = resourcesOf(record, ctx('mediapackage.amazonaws.com', 'CreateOriginEndpoint'));
    expect(out.resources).toEqual([
      { type: 'AWS::MediaPackage::OriginEndpoint', id: 'sports-hd-hls', arn: ENDPOINT_ARN },
      { type: 'AWS::MediaPackage::Channel', id: 'sports-hd', arn: null },
    ]);
    expect(out.aliases).toEqual([{ arn: ENDPOINT_ARN, id: 'sports-hd-hls', type: 'AWS::MediaPackage::OriginEndpoint' }]);
  });

  it('a read of an endpoint (no response) still names it and its channel', () => {
    const out = resourcesOf({ requestParameters: { channelId: 'sports-hd' }, responseElements: null }, ctx('mediapackage.amazonaws.com', 'ListOriginEndpoints'));
    expect(out.resources).toEqual([{ type: 'AWS::MediaPackage::Channel', id: 'sports-hd', arn: null }]);
  });

  it('RotateIngestEndpointCredentials: `id` is the channel', () => {
    const record = {
      requestParameters: { id: 'sports-hd', ingest_endpoint_id: '9c17f979598543b9be24345d63b3ad30' },
      responseElements: { id: 'sports-hd', arn: CHANNEL_ARN, hlsIngest: { ingestEndpoints: [] } },
    };
    const out = resourcesOf(record, ctx('mediapackage.amazonaws.com', 'RotateIngestEndpointCredentials'));
    expect(out.resources).toEqual([{ type: 'AWS::MediaPackage::Channel', id: 'sports-hd', arn: CHANNEL_ARN }]);
    expect(out.aliases).toHaveLength(1);
  });

  it('a harvest job names the job, its endpoint and channel', () => {
    const jobArn = `arn:aws:mediapackage:${REGION}:${ACCT}:harvest_jobs/final-2025-03-04`;
    const record = {
      requestParameters: { id: 'final-2025-03-04', originEndpointId: 'sports-hd-hls', startTime: '2025-03-04T19:00:00Z', endTime: '2025-03-04T21:00:00Z' },
      responseElements: { id: 'final-2025-03-04', arn: jobArn, channelId: 'sports-hd', originEndpointId: 'sports-hd-hls', status: 'IN_PROGRESS' },
    };
    const types = resourcesOf(record, ctx('mediapackage.amazonaws.com', 'CreateHarvestJob')).resources.map((r) => `${r.type}:${r.id}`);
    expect(types).toEqual([
      'AWS::MediaPackage::HarvestJob:final-2025-03-04',
      'AWS::MediaPackage::OriginEndpoint:sports-hd-hls',
      'AWS::MediaPackage::Channel:sports-hd',
    ]);
  });

  it('TagResource with only an ARN: id is the ARN segment until an alias is known', () => {
    const out = resourcesOf(
      { requestParameters: { 'resource-arn': CHANNEL_ARN, tags: { team: 'sports' } }, responseElements: null },
      ctx('mediapackage.amazonaws.com', 'TagResource'),
    );
    expect(out.resources).toEqual([{ type: 'AWS::MediaPackage::Channel', id: '6d345804ec3f46c9b454a91d4a80d0e0', arn: CHANNEL_ARN }]);
    expect(out.aliases).toEqual([]);
  });

  it('merges record resources[] and Lookup Resources with the request, preferring id + arn', () => {
    const record = {
      requestParameters: { id: 'sports-hd' },
      responseElements: { id: 'sports-hd', arn: CHANNEL_ARN },
      resources: [{ accountId: ACCT, type: 'AWS::MediaPackage::Channel', ARN: CHANNEL_ARN }],
    };
    const out = resourcesOf(
      record,
      ctx('mediapackage.amazonaws.com', 'UpdateChannel', { lookupResources: [{ ResourceType: 'AWS::MediaPackage::Channel', ResourceName: 'sports-hd' }] }),
    );
    expect(out.resources).toEqual([{ type: 'AWS::MediaPackage::Channel', id: 'sports-hd', arn: CHANNEL_ARN }]);
  });
});

describe('resourcesOf: MediaPackage v2', () => {
  it('an endpoint op yields endpoint, channel and group with constructed ARNs', () => {
    const record = {
      requestParameters: { ChannelGroupName: 'live-events', ChannelName: 'sports-hd', OriginEndpointName: 'hls-main', ContainerType: 'TS' },
      responseElements: null,
    };
    const base = `arn:aws:mediapackagev2:${REGION}:${ACCT}:channelGroup/live-events`;
    expect(resourcesOf(record, ctx('mediapackagev2.amazonaws.com', 'UpdateOriginEndpoint')).resources).toEqual([
      { type: 'AWS::MediaPackageV2::OriginEndpoint', id: 'hls-main', arn: `${base}/channel/sports-hd/originEndpoint/hls-main` },
      { type: 'AWS::MediaPackageV2::Channel', id: 'sports-hd', arn: `${base}/channel/sports-hd` },
      { type: 'AWS::MediaPackageV2::ChannelGroup', id: 'live-events', arn: base },
    ]);
  });

  it('a channel op with lowercase-first names and a response Arn, no account known', () => {
    const arn = `arn:aws:mediapackagev2:${REGION}:${ACCT}:channelGroup/live-events/channel/news`;
    const record = { requestParameters: { channelGroupName: 'live-events', channelName: 'news' }, responseElements: { Arn: arn, ChannelName: 'news' } };
    expect(resourcesOf(record, ctx('mediapackagev2.amazonaws.com', 'CreateChannel', { accountId: '' })).resources).toEqual([
      { type: 'AWS::MediaPackageV2::Channel', id: 'news', arn },
      { type: 'AWS::MediaPackageV2::ChannelGroup', id: 'live-events', arn: `arn:aws:mediapackagev2:${REGION}:${ACCT}:channelGroup/live-events` },
    ]);
  });
});

describe('resourcesOf: MediaPackage VOD', () => {
  it('CreateAsset yields the asset and its packaging group with user-id ARNs', () => {
    const record = {
      requestParameters: {
        id: 'match-replay-0304',
        packagingGroupId: 'vod-sports',
        sourceArn: 'arn:aws:s3:::sports-masters/2025/03/04/match.smil',
        sourceRoleArn: `arn:aws:iam::${ACCT}:role/MediaPackageVodSourceRead`,
      },
      responseElements: { id: 'match-replay-0304', arn: `arn:aws:mediapackage-vod:${REGION}:${ACCT}:assets/match-replay-0304`, packagingGroupId: 'vod-sports' },
    };
    expect(resourcesOf(record, ctx('mediapackage-vod.amazonaws.com', 'CreateAsset')).resources).toEqual([
      { type: 'AWS::MediaPackage::Asset', id: 'match-replay-0304', arn: `arn:aws:mediapackage-vod:${REGION}:${ACCT}:assets/match-replay-0304` },
      { type: 'AWS::MediaPackage::PackagingGroup', id: 'vod-sports', arn: `arn:aws:mediapackage-vod:${REGION}:${ACCT}:packaging-groups/vod-sports` },
    ]);
  });
});

describe('resourcesOf: other sources', () => {
  it('a MediaLive CreateChannel naming a MediaPackage channel yields no MediaPackage resources', () => {
    const record = {
      requestParameters: {
        name: 'sports-hd-encoder',
        id: 'sports-hd',
        destinations: [{ id: 'mp', mediaPackageSettings: [{ channelId: 'sports-hd' }] }],
      },
      responseElements: { channel: { arn: `arn:aws:medialive:${REGION}:${ACCT}:channel:4851234`, id: '4851234' } },
    };
    const out = resourcesOf(
      record,
      ctx('medialive.amazonaws.com', 'CreateChannel', { lookupResources: [{ ResourceType: 'AWS::MediaLive::Channel', ResourceName: '4851234' }] }),
    );
    expect(out.resources.filter((r) => r.type.startsWith('AWS::MediaPackage'))).toEqual([]);
    expect(out.resources).toEqual([{ type: 'AWS::MediaLive::Channel', id: '4851234', arn: null }]);
    expect(out.aliases).toEqual([]);
  });

  it('passes resources[] through for non-MediaPackage sources', () => {
    const record = { resources: [{ accountId: ACCT, type: 'AWS::S3::Bucket', ARN: 'arn:aws:s3:::sports-masters' }, 'garbage', { type: 'AWS::X::Y' }] };
    expect(resourcesOf(record, ctx('s3.amazonaws.com', 'PutBucketPolicy')).resources).toEqual([
      { type: 'AWS::S3::Bucket', id: 'sports-masters', arn: 'arn:aws:s3:::sports-masters' },
    ]);
  });

  it('tolerates a non-object record', () => {
    expect(resourcesOf('not a record', ctx('mediapackage.amazonaws.com', 'CreateChannel'))).toEqual({ resources: [], aliases: [] });
  });
});

describe('v1 id ↔ ARN pairing without the creating call', () => {
  it('ties a Describe call’s request id to the internal ARN the record lists', () => {
    const arn = 'arn:aws:mediapackage:us-west-2:111122223333:origin_endpoints/991594789ba6f1c8027082e88841051d';
    const out = resourcesOf(
      { requestParameters: { id: 'kids-live-hls' }, responseElements: null, resources: [{ ARN: arn, accountId: '111122223333', type: 'AWS::MediaPackage::OriginEndpoint' }] },
      { eventSource: 'mediapackage.amazonaws.com', eventName: 'DescribeOriginEndpoint', region: 'us-west-2', accountId: '111122223333' },
    );
    expect(out.resources).toEqual([{ type: 'AWS::MediaPackage::OriginEndpoint', id: 'kids-live-hls', arn }]);
    expect(out.aliases).toEqual([{ arn, id: 'kids-live-hls', type: 'AWS::MediaPackage::OriginEndpoint' }]);
  });

  it('does not guess when two ARNs of one type could match', () => {
    const a = 'arn:aws:mediapackage:us-west-2:111122223333:channels/0123456789abcdef0123456789abcdef';
    const b = 'arn:aws:mediapackage:us-west-2:111122223333:channels/fedcba9876543210fedcba9876543210';
    const out = resourcesOf(
      { requestParameters: { id: 'sports-hd' }, resources: [a, b].map((ARN) => ({ ARN, type: 'AWS::MediaPackage::Channel' })) },
      { eventSource: 'mediapackage.amazonaws.com', eventName: 'DescribeChannel', region: 'us-west-2', accountId: '111122223333' },
    );
    expect(out.aliases).toEqual([]);
  });
});
