import { act, list, type OperationTable } from './operation-types';

// AWS Elemental MediaPackage v2 API Reference, 2022-12-25 — all 30 operations, as listed by
// aws-sdk-js-v3 clients/client-mediapackagev2/src/commands. Event source mediapackagev2.amazonaws.com.
// Every v2 channel lives in a channel group, and every endpoint in a channel: the target's phrase
// names those parents ("origin endpoint hls-1 of channel sports-hd in channel group live").
export const V2_OPERATIONS: OperationTable = {
  CreateChannelGroup: act('created', 'create', 'v2ChannelGroup'),
  UpdateChannelGroup: act('updated', 'update', 'v2ChannelGroup'),
  DeleteChannelGroup: act('deleted', 'delete', 'v2ChannelGroup'),
  GetChannelGroup: act('looked at', 'look at', 'v2ChannelGroup'),
  ListChannelGroups: list('listed the channel groups', 'list the channel groups'),

  CreateChannel: act('created', 'create', 'v2Channel'),
  UpdateChannel: act('updated', 'update', 'v2Channel'),
  DeleteChannel: act('deleted', 'delete', 'v2Channel'),
  GetChannel: act('looked at', 'look at', 'v2Channel'),
  ListChannels: list('listed the channels', 'list the channels', ['v2ChannelGroup']),
  // Clears the channel's ingested content and resets its state, as if newly created.
  ResetChannelState: act('reset the state of', 'reset the state of', 'v2Channel'),
  PutChannelPolicy: act('set the resource policy of', 'set the resource policy of', 'v2Channel'),
  GetChannelPolicy: act('looked at the resource policy of', 'look at the resource policy of', 'v2Channel'),
  DeleteChannelPolicy: act('deleted the resource policy of', 'delete the resource policy of', 'v2Channel'),

  CreateOriginEndpoint: act('created', 'create', 'v2OriginEndpoint'),
  UpdateOriginEndpoint: act('updated', 'update', 'v2OriginEndpoint'),
  DeleteOriginEndpoint: act('deleted', 'delete', 'v2OriginEndpoint'),
  GetOriginEndpoint: act('looked at', 'look at', 'v2OriginEndpoint'),
  ListOriginEndpoints: list('listed the origin endpoints', 'list the origin endpoints', ['v2Channel', 'v2ChannelGroup']),
  ResetOriginEndpointState: act('reset the state of', 'reset the state of', 'v2OriginEndpoint'),
  PutOriginEndpointPolicy: act('set the resource policy of', 'set the resource policy of', 'v2OriginEndpoint'),
  GetOriginEndpointPolicy: act('looked at the resource policy of', 'look at the resource policy of', 'v2OriginEndpoint'),
  DeleteOriginEndpointPolicy: act('deleted the resource policy of', 'delete the resource policy of', 'v2OriginEndpoint'),

  CreateHarvestJob: act('started', 'start', 'v2HarvestJob'),
  GetHarvestJob: act('looked at', 'look at', 'v2HarvestJob'),
  CancelHarvestJob: act('cancelled', 'cancel', 'v2HarvestJob'),
  ListHarvestJobs: list('listed the harvest jobs', 'list the harvest jobs', ['v2OriginEndpoint', 'v2Channel', 'v2ChannelGroup']),

  TagResource: act('tagged', 'tag', 'tagged'),
  UntagResource: act('removed tags from', 'remove tags from', 'tagged'),
  ListTagsForResource: act('listed the tags of', 'list the tags of', 'tagged'),
};
