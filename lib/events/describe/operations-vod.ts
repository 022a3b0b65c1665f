import { act, list, type OperationTable } from './operation-types';

// AWS Elemental MediaPackage VOD API Reference, 2018-11-07 — all 17 operations, as listed by
// aws-sdk-js-v3 clients/client-mediapackage-vod/src/commands. Event source mediapackage-vod.amazonaws.com.
export const VOD_OPERATIONS: OperationTable = {
  CreatePackagingGroup: act('created', 'create', 'packagingGroup'),
  UpdatePackagingGroup: act('updated', 'update', 'packagingGroup'),
  DeletePackagingGroup: act('deleted', 'delete', 'packagingGroup'),
  DescribePackagingGroup: act('looked at', 'look at', 'packagingGroup'),
  ListPackagingGroups: list('listed the packaging groups', 'list the packaging groups'),
  ConfigureLogs: act('configured the access logs of', 'configure the access logs of', 'packagingGroup'),

  // Packaging configurations cannot be changed after creation: there is no Update.
  CreatePackagingConfiguration: act('created', 'create', 'packagingConfiguration'),
  DeletePackagingConfiguration: act('deleted', 'delete', 'packagingConfiguration'),
  DescribePackagingConfiguration: act('looked at', 'look at', 'packagingConfiguration'),
  ListPackagingConfigurations: list('listed the packaging configurations', 'list the packaging configurations', ['packagingGroup']),

  // CreateAsset ingests a source file as an asset packaged by a packaging group.
  CreateAsset: act('created', 'create', 'asset'),
  DeleteAsset: act('deleted', 'delete', 'asset'),
  DescribeAsset: act('looked at', 'look at', 'asset'),
  ListAssets: list('listed the assets', 'list the assets', ['packagingGroup']),

  TagResource: act('tagged', 'tag', 'tagged'),
  UntagResource: act('removed tags from', 'remove tags from', 'tagged'),
  ListTagsForResource: act('listed the tags of', 'list the tags of', 'tagged'),
};
