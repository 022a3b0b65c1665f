import { act, list, type OperationTable } from './operation-types';

// AWS Elemental MediaPackage (live, v1) API Reference, 2017-10-12 — all 19 operations, as listed by
// aws-sdk-js-v3 clients/client-mediapackage/src/commands. Event source mediapackage.amazonaws.com.
export const V1_OPERATIONS: OperationTable = {
  CreateChannel: act('created', 'create', 'channel'),
  UpdateChannel: act('updated', 'update', 'channel'),
  DeleteChannel: act('deleted', 'delete', 'channel'),
  DescribeChannel: act('looked at', 'look at', 'channel'),
  ListChannels: list('listed the channels', 'list the channels'),
  // Deprecated in favour of the next one; it rotates the first ingest endpoint's username and password.
  RotateChannelCredentials: act('rotated the ingest credentials of', 'rotate the ingest credentials of', 'channel'),
  RotateIngestEndpointCredentials: act('rotated the credentials of', 'rotate the credentials of', 'ingestEndpoint'),
  ConfigureLogs: act('configured the access logs of', 'configure the access logs of', 'channel'),

  CreateOriginEndpoint: act('created', 'create', 'originEndpoint'),
  UpdateOriginEndpoint: act('updated', 'update', 'originEndpoint'),
  DeleteOriginEndpoint: act('deleted', 'delete', 'originEndpoint'),
  DescribeOriginEndpoint: act('looked at', 'look at', 'originEndpoint'),
  ListOriginEndpoints: list('listed the origin endpoints', 'list the origin endpoints', ['channel']),

  // A v1 harvest job starts exporting as soon as it is created; there is no cancel or delete.
  CreateHarvestJob: act('started', 'start', 'harvestJob'),
  DescribeHarvestJob: act('looked at', 'look at', 'harvestJob'),
  ListHarvestJobs: list('listed the harvest jobs', 'list the harvest jobs', ['channel']),

  TagResource: act('tagged', 'tag', 'tagged'),
  UntagResource: act('removed tags from', 'remove tags from', 'tagged'),
  ListTagsForResource: act('listed the tags of', 'list the tags of', 'tagged'),
};
