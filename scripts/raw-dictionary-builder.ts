import { generateDemoHistory } from '@/lib/emulator/demo-history';

// How raw-codec's preset dictionaries are made (scripts/build-raw-dictionary.ts writes them,
// scripts/bench-raw-codec.ts measures candidates): one record of each operation the demo generator
// writes (both MediaPackage APIs, every identity shape it has), rarest first, as many as fit, then a
// generic CloudTrail envelope written by hand, last, because deflate reaches the end of its window
// most cheaply and the envelope is in every record.

export const ENVELOPE = [
  '"vodPackagingGroup","packagingGroupId":"","packagingConfigurationId":"","sourceArn":"arn:aws:s3:::","sourceRoleArn":"arn:aws:iam::","assetId":"","cmafPackage","dashPackage","hlsPackage","mssPackage","encryption":{"spekeKeyProvider":{"roleArn":"","systemIds":[],"url":"https://"}},"egressEndpoints":[{"packagingConfigurationId":"","status":"ACTIVE","url":"https://"}]',
  '"tlsDetails":{"tlsVersion":"TLSv1.3","cipherSuite":"TLS_AES_128_GCM_SHA256","clientProvidedHostHeader":"mediapackage.us-east-1.amazonaws.com"},"sessionCredentialFromConsole":"true"',
  '"userIdentity":{"type":"IAMUser","principalId":"AIDA","arn":"arn:aws:iam::","accountId":"","accessKeyId":"AKIA","userName":""}',
  '"userIdentity":{"type":"Root","principalId":"","arn":"arn:aws:iam::123456789012:root","accountId":"","accessKeyId":""}',
  '"userIdentity":{"type":"AWSService","invokedBy":"cloudformation.amazonaws.com"},"sourceIPAddress":"cloudformation.amazonaws.com","userAgent":"cloudformation.amazonaws.com"',
  '"userIdentity":{"type":"AssumedRole","principalId":"AROA","arn":"arn:aws:sts::","accountId":"","accessKeyId":"ASIA","sessionContext":{"sessionIssuer":{"type":"Role","principalId":"AROA","arn":"arn:aws:iam::","accountId":"","userName":"AWSReservedSSO_"},"webIdFederationData":{},"attributes":{"creationDate":"2026-01-01T00:00:00Z","mfaAuthenticated":"false"}}}',
  '"userAgent":"aws-cli/2.15.0 md/awscrt#0.19.12 ua/2.0 os/linux#6.1 md/arch#x86_64 lang/python#3.11.6 md/pyimpl#CPython cfg/retry-mode#standard md/installer#exe md/prompt#off md/command#mediapackage.","userAgent":"aws-sdk-js/3.0.0 ua/2.1 os/linux#6.1 lang/js md/nodejs#20.0.0 api/mediapackage#3.0.0 m/E","userAgent":"Boto3/1.34.0 md/Botocore#1.34.0 ua/2.0 os/linux#6.1 md/arch#x86_64 lang/python#3.11.6 md/pyimpl#CPython cfg/retry-mode#legacy Botocore/1.34.0","userAgent":"APN/1.0 HashiCorp/1.0 Terraform/1.6.0 (+https://www.terraform.io) terraform-provider-aws/5.0.0 (+https://registry.terraform.io/providers/hashicorp/aws) aws-sdk-go-v2/1.24.0 os/linux lang/go#1.21 md/GOOS#linux md/GOARCH#amd64 api/mediapackage#1.0.0","userAgent":"AWS Internal"',
  '"errorCode":"AccessDenied","errorMessage":"User: arn:aws:sts:: is not authorized to perform: mediapackage: on resource: arn:aws:mediapackage: because no identity-based policy allows the mediapackage: action","errorCode":"NotFoundException","errorCode":"ConflictException","errorCode":"ValidationException","errorCode":"TooManyRequestsException"',
  '{"eventVersion":"1.09","userIdentity":{},"eventTime":"2026-01-01T00:00:00Z","eventSource":"mediapackage.amazonaws.com","eventName":"","awsRegion":"us-east-1","sourceIPAddress":"","userAgent":"","requestParameters":null,"responseElements":null,"requestID":"","eventID":"","readOnly":false,"eventType":"AwsApiCall","managementEvent":true,"recipientAccountId":"","eventCategory":"Management","tlsDetails":{"tlsVersion":"TLSv1.2","cipherSuite":"ECDHE-RSA-AES128-GCM-SHA256","clientProvidedHostHeader":"mediapackagev2.us-west-2.amazonaws.com"}}',
].join('');

/** A dictionary of at most `size` bytes (the envelope, last, and the sample records that fit before it). */
export function buildRawDictionary(size: number): { dictionary: Buffer; samples: number } {
  const items = generateDemoHistory({ seed: 11, start: new Date('2026-01-01T00:00:00Z'), end: new Date('2026-03-01T00:00:00Z'), eventsPerDay: 400 });
  const byOp = new Map<string, string>();
  const byIdentity = new Map<string, string>();
  for (const { record } of items) {
    const text = JSON.stringify(record);
    const op = `${record.eventSource} ${record.eventName} ${record.errorCode ? 'failed' : 'ok'}`;
    if (!byOp.has(op) || text.length < byOp.get(op)!.length) byOp.set(op, text);
    const who = String((record.userIdentity as { type?: string })?.type);
    if (!byIdentity.has(who)) byIdentity.set(who, text);
  }
  // Rarest first, so the most common shapes sit nearest the end of the window.
  const samples = [...new Set([...byOp.values(), ...byIdentity.values()])].sort((a, b) => a.length - b.length);
  const tail = Buffer.from(ENVELOPE);
  if (tail.length > size) throw new Error(`a dictionary of ${size} bytes cannot hold the ${tail.length}-byte envelope`);
  const parts: Buffer[] = [];
  let used = tail.length;
  for (const s of samples) {
    const b = Buffer.from(s);
    if (used + b.length > size) continue;
    parts.push(b);
    used += b.length;
  }
  return { dictionary: Buffer.concat([...parts, tail]), samples: parts.length };
}
