import type { Readable } from 'node:stream';
import { GetObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { networkCode } from '@/lib/cloudtrail/errors';
import { isGzipName, isLogFileName, type LogEntry } from './log-entry';

// `s3://bucket/prefix`: ListObjectsV2 pages (1,000 keys each) are read as the import goes, and each
// object is streamed by GetObject only when its turn comes.

export interface S3Location {
  bucket: string;
  prefix: string;
}

/** null when the argument is not an s3:// URL; throws when it is one without a bucket. */
export function parseS3Url(arg: string): S3Location | null {
  if (!/^s3:\/\//i.test(arg)) return null;
  const rest = arg.slice('s3://'.length);
  const slash = rest.indexOf('/');
  const bucket = slash === -1 ? rest : rest.slice(0, slash);
  if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucket)) throw new Error(`"${arg}" does not name a bucket; expected s3://bucket/prefix`);
  return { bucket, prefix: slash === -1 ? '' : rest.slice(slash + 1) };
}

/** Default credential chain; AWS_ENDPOINT_URL_S3 (a local or S3-compatible server) implies path-style URLs. */
export function createS3Client(env: NodeJS.ProcessEnv = process.env): S3Client {
  const endpoint = env.AWS_ENDPOINT_URL_S3?.trim() || undefined;
  return new S3Client({
    region: env.AWS_REGION?.trim() || 'us-east-1',
    ...(endpoint ? { endpoint, forcePathStyle: true } : {}),
    requestHandler: { connectionTimeout: 5_000, requestTimeout: 60_000 },
  });
}

export function describeS3Error(err: unknown, where: string): string {
  const e = err as { name?: string; message?: string };
  const net = networkCode(err);
  if (net) return `cannot reach S3 for ${where} (${net}${process.env.AWS_ENDPOINT_URL_S3 ? ` at ${process.env.AWS_ENDPOINT_URL_S3}` : ''})`;
  if (e?.name === 'CredentialsProviderError') return `no AWS credentials found for ${where} (${e.message}); configure them as for the AWS CLI`;
  return `${e?.name ?? 'Error'} for ${where}: ${e?.message ?? String(err)}`;
}

export async function* listS3(client: S3Client, location: S3Location): AsyncGenerator<LogEntry> {
  const { bucket, prefix } = location;
  let token: string | undefined;
  do {
    let page;
    try {
      page = await client.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix || undefined, ContinuationToken: token }));
    } catch (err) {
      // Reported like an unreadable directory: named with its reason, and the other arguments still run.
      yield { kind: 'unreadable', name: `s3://${bucket}/${prefix}`, reason: `cannot list (${describeS3Error(err, `bucket ${bucket}`)})` };
      return;
    }
    for (const object of page.Contents ?? []) {
      const key = object.Key;
      if (!key || key.endsWith('/')) continue; // "folder" placeholders created by consoles
      const name = `s3://${bucket}/${key}`;
      yield isLogFileName(key) ? { kind: 'log', name, gzipped: isGzipName(key), open: () => getObject(client, bucket, key) } : { kind: 'skip', name };
    }
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
}

async function getObject(client: S3Client, bucket: string, key: string): Promise<Readable> {
  try {
    const out = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    if (!out.Body) throw new Error('GetObject returned no body');
    return out.Body as Readable; // in Node the SDK's body is an IncomingMessage, a Readable
  } catch (err) {
    throw new Error(describeS3Error(err, `s3://${bucket}/${key}`));
  }
}
