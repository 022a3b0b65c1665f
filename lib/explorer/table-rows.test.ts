import { expect, it } from 'vitest';
import type { EventSummary } from '@/lib/events/types';
import { toTablePage } from './table-rows';

const summary: EventSummary = {
  eventId: '3f0c1e0a-7b1d-4c3e-9a55-6a8f1b2c3d4e',
  eventTime: '2026-12-06T10:00:00.000Z',
  eventSource: 'mediapackagev2.amazonaws.com',
  eventName: 'DeleteChannel',
  region: 'eu-west-1',
  accountId: '111122223333',
  readOnly: false,
  errorCode: null,
  errorMessage: null,
  sourceIp: '198.51.100.7',
  userAgent: 'aws-cli/2.15.0',
  principal: 'MediaOpsAdmin/ops-alice',
  principalType: 'AssumedRole',
  principalArn: 'arn:aws:sts::111122223333:assumed-role/MediaOpsAdmin/ops-alice',
  accessKeyId: 'ASIAEXAMPLEEXAMPLE01',
  resources: [{ type: 'AWS::MediaPackageV2::Channel', id: 'news-24', arn: 'arn:aws:mediapackagev2:eu-west-1:111122223333:channelGroup/live/channel/news-24' }],
  description: 'ops-alice (MediaOpsAdmin role) deleted channel news-24 in eu-west-1 from 198.51.100.7 using the AWS CLI.',
};

it("keeps what the events table shows and its tooltips, and leaves out what only an event's own page shows", () => {
  const [row] = toTablePage({ events: [summary], nextCursor: 'c1' }).events;
  expect(row).toEqual({
    eventId: summary.eventId, eventTime: summary.eventTime, eventName: 'DeleteChannel', region: 'eu-west-1', accountId: '111122223333',
    errorCode: null, errorMessage: null, sourceIp: '198.51.100.7', userAgent: 'aws-cli/2.15.0', principal: 'MediaOpsAdmin/ops-alice',
    principalType: 'AssumedRole', principalArn: summary.principalArn, description: summary.description,
    resources: [{ type: 'AWS::MediaPackageV2::Channel', id: 'news-24' }],
  });
  // The access key id never rides in the page's payload.
  expect(JSON.stringify(row)).not.toContain('ASIA');
});
