import { describe, expect, it } from 'vitest';
import { describeEvent } from './describe-event';
import { nounOf } from './resource-phrase';
import { OPERATIONS, operationOf } from './operations';
import { ACCT, recordOf, summarize, V1, V2, VOD } from './test-records';

// The published operation lists (aws-sdk-js-v3 clients/client-mediapackage, -mediapackagev2,
// -mediapackage-vod /src/commands): a new operation must get a row, not a generic sentence.
const PUBLISHED: Record<string, string[]> = {
  [V1]: ['ConfigureLogs', 'CreateChannel', 'CreateHarvestJob', 'CreateOriginEndpoint', 'DeleteChannel', 'DeleteOriginEndpoint', 'DescribeChannel', 'DescribeHarvestJob', 'DescribeOriginEndpoint', 'ListChannels', 'ListHarvestJobs', 'ListOriginEndpoints', 'ListTagsForResource', 'RotateChannelCredentials', 'RotateIngestEndpointCredentials', 'TagResource', 'UntagResource', 'UpdateChannel', 'UpdateOriginEndpoint'],
  [V2]: ['CancelHarvestJob', 'CreateChannel', 'CreateChannelGroup', 'CreateHarvestJob', 'CreateOriginEndpoint', 'DeleteChannel', 'DeleteChannelGroup', 'DeleteChannelPolicy', 'DeleteOriginEndpoint', 'DeleteOriginEndpointPolicy', 'GetChannel', 'GetChannelGroup', 'GetChannelPolicy', 'GetHarvestJob', 'GetOriginEndpoint', 'GetOriginEndpointPolicy', 'ListChannelGroups', 'ListChannels', 'ListHarvestJobs', 'ListOriginEndpoints', 'ListTagsForResource', 'PutChannelPolicy', 'PutOriginEndpointPolicy', 'ResetChannelState', 'ResetOriginEndpointState', 'TagResource', 'UntagResource', 'UpdateChannel', 'UpdateChannelGroup', 'UpdateOriginEndpoint'],
  [VOD]: ['ConfigureLogs', 'CreateAsset', 'CreatePackagingConfiguration', 'CreatePackagingGroup', 'DeleteAsset', 'DeletePackagingConfiguration', 'DeletePackagingGroup', 'DescribeAsset', 'DescribePackagingConfiguration', 'DescribePackagingGroup', 'ListAssets', 'ListPackagingConfigurations', 'ListPackagingGroups', 'ListTagsForResource', 'TagResource', 'UntagResource', 'UpdatePackagingGroup'],
};

// A request naming every resource a source knows, so each operation can pick its own.
const TAG_ARN: Record<string, [key: string, arn: string, noun: string]> = {
  [V1]: ['resource-arn', `arn:aws:mediapackage:us-west-2:${ACCT}:origin_endpoints/0e3f1b2c4d5e6f708192a3b4c5d6e7f8`, 'origin endpoint'],
  [V2]: ['ResourceArn', `arn:aws:mediapackagev2:us-west-2:${ACCT}:channelGroup/live/channel/sports-hd/originEndpoint/hls-1`, 'origin endpoint'],
  [VOD]: ['resource-arn', `arn:aws:mediapackage-vod:us-west-2:${ACCT}:packaging-groups/vod-main`, 'packaging group'],
};
const REQUEST: Record<string, Record<string, unknown>> = {
  [V1]: { id: 'the-target', channelId: 'sports-hd', originEndpointId: 'sports-hls', ingest_endpoint_id: '4a8e1c' },
  [V2]: { ChannelGroupName: 'live', ChannelName: 'sports-hd', OriginEndpointName: 'hls-1', HarvestJobName: 'clip-0304' },
  [VOD]: { id: 'the-target', packagingGroupId: 'vod-main' },
};

const TAG_OPS = new Set(['TagResource', 'UntagResource', 'ListTagsForResource']);

function sentenceFor(source: string, name: string, errorCode?: string): string {
  const [key, arn] = TAG_ARN[source];
  const request = TAG_OPS.has(name) ? { [key]: arn } : REQUEST[source];
  const { summary, parsed } = summarize(recordOf({ source, name, request, errorCode, sourceIp: '', userAgent: '' }));
  return describeEvent(summary, parsed);
}

describe('the operation table', () => {
  it.each(Object.keys(PUBLISHED))('has a row for exactly the published operations of %s', (source) => {
    expect(Object.keys(OPERATIONS[source]).sort()).toEqual([...PUBLISHED[source]].sort());
  });

  it('accepts the unhyphenated VOD source spelling as the same service', () => {
    expect(operationOf('mediapackagevod.amazonaws.com', 'CreateAsset')).toBe(operationOf(VOD, 'CreateAsset'));
    expect(operationOf(V1, 'constructor')).toBeUndefined();
    expect(operationOf(V1, '__proto__')).toBeUndefined();
  });

  for (const source of Object.keys(PUBLISHED)) {
    describe(source, () => {
      it.each(PUBLISHED[source])('%s reads with its own phrase and the right kind of resource', (name) => {
        const op = operationOf(source, name)!;
        const s = sentenceFor(source, name);
        expect(s.startsWith(`deploy-bot ${op.past} `) || s === `deploy-bot ${op.past} in us-west-2.`).toBe(true);
        expect(s).not.toContain(' called ');
        const noun = op.target === 'tagged' ? TAG_ARN[source][2] : op.target ? nounOf(op.target) : null;
        if (noun) expect(s.slice(`deploy-bot ${op.past} `.length)).toMatch(new RegExp(`^${noun} `));
        if (op.target && op.target !== 'tagged') expect(s).not.toMatch(/ (a|an) [a-z]/);
        expect(s).not.toContain('arn:');

        const failed = sentenceFor(source, name, 'ValidationException');
        expect(failed.startsWith(`deploy-bot tried to ${op.infinitive} `)).toBe(true);
        expect(failed.endsWith(' but it failed (ValidationException).')).toBe(true);
      });

      it('gives no two operations the same sentence, succeeded or failed', () => {
        const names = PUBLISHED[source];
        expect(new Set(names.map((n) => sentenceFor(source, n))).size).toBe(names.length);
        expect(new Set(names.map((n) => sentenceFor(source, n, 'AccessDenied'))).size).toBe(names.length);
      });
    });
  }
});
