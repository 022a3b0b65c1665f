import { randomUUID } from 'node:crypto';

// Builds CloudTrail records for tests; each test owns the records it creates.

export interface RecordSpec {
  eventName?: string;
  eventSource?: string;
  region?: string;
  time?: number | Date;
  user?: string;
  sourceIp?: string;
  channelId?: string;
  errorCode?: string;
  eventId?: string;
  /** The account the call was made in (recipientAccountId, and the caller's own). */
  account?: string;
}

export function makeRecord(spec: RecordSpec = {}): Record<string, unknown> {
  const eventName = spec.eventName ?? 'UpdateChannel';
  const readOnly = /^(Describe|List|Get)/.test(eventName);
  const time = spec.time instanceof Date ? spec.time : new Date(spec.time ?? Date.now() - 60_000);
  const user = spec.user ?? 'deploy-bot';
  const channelId = spec.channelId ?? 'sports-hd';
  const account = spec.account ?? '111122223333';
  return {
    eventVersion: '1.09',
    userIdentity: {
      type: 'IAMUser',
      principalId: 'AIDAEXAMPLE0000000001',
      arn: `arn:aws:iam::${account}:user/${user}`,
      accountId: account,
      accessKeyId: 'AKIAEXAMPLE000000001',
      userName: user,
    },
    eventTime: time.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    eventSource: spec.eventSource ?? 'mediapackage.amazonaws.com',
    eventName,
    awsRegion: spec.region ?? 'us-west-2',
    sourceIPAddress: spec.sourceIp ?? '203.0.113.17',
    userAgent: 'aws-cli/2.15.0 Python/3.11.6',
    requestParameters: { id: channelId },
    responseElements: readOnly || spec.errorCode ? null : { id: channelId, arn: `arn:aws:mediapackage:us-west-2:${account}:channels/${'a'.repeat(32)}` },
    ...(spec.errorCode ? { errorCode: spec.errorCode, errorMessage: `${spec.errorCode}: test` } : {}),
    requestID: randomUUID(),
    eventID: spec.eventId ?? randomUUID(),
    readOnly,
    eventType: 'AwsApiCall',
    managementEvent: true,
    recipientAccountId: account,
    eventCategory: 'Management',
  };
}

/** `count` records spread evenly from `newest` back over `spanMs`. */
export function makeRecords(count: number, spec: RecordSpec & { newest?: number; spanMs?: number } = {}): Record<string, unknown>[] {
  const newest = spec.newest ?? Date.now() - 60_000;
  const span = spec.spanMs ?? 80 * 86_400_000;
  return Array.from({ length: count }, (_, i) => makeRecord({ ...spec, time: newest - Math.floor((span * i) / Math.max(1, count - 1)) }));
}
