// Classifies SDK errors: which are worth retrying, and what a person should be told otherwise.

interface SdkLikeError {
  name?: string;
  message?: string;
  code?: string;
  $fault?: 'client' | 'server';
  $metadata?: { httpStatusCode?: number };
  cause?: unknown;
}

const THROTTLES = new Set(['ThrottlingException', 'Throttling', 'TooManyRequestsException', 'RequestLimitExceeded']);
const NETWORK = new Set(['ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'EPIPE', 'EAI_AGAIN', 'ENOTFOUND', 'TimeoutError', 'RequestTimeout']);

export function isThrottle(err: unknown): boolean {
  const e = err as SdkLikeError;
  return THROTTLES.has(e?.name ?? '') || e?.$metadata?.httpStatusCode === 429;
}

/** The request's session credentials were refused as expired or no longer valid. */
export function isSessionRejected(err: unknown): boolean {
  return ['ExpiredTokenException', 'ExpiredToken', 'UnrecognizedClientException', 'InvalidClientTokenId'].includes((err as SdkLikeError)?.name ?? '');
}

export function isServerError(err: unknown): boolean {
  const e = err as SdkLikeError;
  const status = e?.$metadata?.httpStatusCode ?? 0;
  return status >= 500 || e?.name === 'InternalFailure' || e?.name === 'ServiceUnavailable' || e?.name === 'InternalServerError';
}

export function networkCode(err: unknown): string | null {
  const e = err as SdkLikeError;
  for (const candidate of [e?.code, e?.name, (e?.cause as SdkLikeError | undefined)?.code]) {
    if (candidate && NETWORK.has(candidate)) return candidate;
  }
  return null;
}

export interface ErrorContext {
  region: string;
  endpoint?: string;
  /** The account being read; its role, when it has one, is what the advice is about. */
  account?: { name: string; roleArn: string | null };
  externalId?: string | null;
}

/** A sentence a person can act on, without secrets (SDK messages never contain the secret key). */
export function describeError(err: unknown, context: ErrorContext): string {
  const e = err as SdkLikeError & { roleArn?: string; code?: string };
  const name = e?.name ?? 'Error';
  const role = context.account?.roleArn ?? null;
  const account = context.account && context.account.name !== 'default' ? `account ${context.account.name}, ` : '';
  const where = `${account}region ${context.region}`;
  if (name === 'AssumeRoleError') {
    // STS answers AccessDenied alike for a missing grant, a trust policy without the caller and a wrong ExternalId.
    const trust = context.externalId
      ? ' with the ExternalId set in PACKTRAIL_ROLE_EXTERNAL_ID (check that it is the one the trust policy requires)'
      : ' (if it requires an ExternalId, set the same in PACKTRAIL_ROLE_EXTERNAL_ID)';
    return (
      `Cannot assume ${e.roleArn} for ${account}region ${context.region} (${e.message}). Grant the identity Packtrail runs as ` +
      `sts:AssumeRole on that role, make the role's trust policy admit that identity${trust}, and give the role ` +
      'cloudtrail:LookupEvents. The next sync tries again by itself.'
    );
  }
  if (role && (name === 'AccessDeniedException' || name === 'AccessDenied')) {
    return `The role ${role} (${where}) may not call cloudtrail:LookupEvents. Add cloudtrail:LookupEvents to the role's permissions policy.`;
  }
  if (name === 'CredentialsProviderError') {
    return `No AWS credentials found (${e.message}). Configure credentials as for the AWS CLI (environment, ~/.aws profile or SSO, instance or container role), or run without them for demo data.`;
  }
  if (['ExpiredTokenException', 'ExpiredToken', 'RequestExpired'].includes(name)) {
    return `The AWS credentials have expired (${where}). Refresh them (e.g. aws sso login) — the next sync retries by itself.`;
  }
  if (['UnrecognizedClientException', 'InvalidClientTokenId', 'InvalidSignatureException', 'SignatureDoesNotMatch'].includes(name)) {
    return `AWS rejected the credentials (${name}, ${where}). Check the access key and secret in use.`;
  }
  if (name === 'AccessDeniedException' || name === 'AccessDenied') {
    return `The credentials may not call cloudtrail:LookupEvents in ${where}. Grant that permission to the identity Packtrail runs as.`;
  }
  const net = networkCode(err);
  if (net === 'ENOTFOUND' || net === 'EAI_AGAIN') {
    return `Cannot resolve the CloudTrail endpoint for ${where}${context.endpoint ? ` (${context.endpoint})` : ''}: is the region name right and is there network access?`;
  }
  if (net) {
    return `Cannot reach CloudTrail for ${where}${context.endpoint ? ` at ${context.endpoint}` : ''} (${net}). Check network access; the next sync retries by itself.`;
  }
  if (isThrottle(err)) return `CloudTrail kept throttling LookupEvents in ${where} after repeated retries; another tool may share the 2 requests/s quota.`;
  if (isServerError(err)) return `CloudTrail answered with server errors in ${where} after repeated retries (${name}); the next sync retries by itself.`;
  return `${name}: ${e?.message ?? String(err)} (${where})`;
}
