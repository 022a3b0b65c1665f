import { fromTemporaryCredentials } from '@aws-sdk/credential-providers';
import type { CloudTrailClientConfig } from '@aws-sdk/client-cloudtrail';
import type { AccountConfig } from '@/lib/accounts/accounts-config';

/** AssumeRole failed: the account's role cannot be used, whatever CloudTrail would have said. */
export class AssumeRoleError extends Error {
  override readonly name = 'AssumeRoleError';
  constructor(
    readonly roleArn: string,
    readonly code: string,
    detail: string,
  ) {
    super(`${code}: ${detail}`);
  }
}

// An hour is STS's default and what a role allows unless its maximum was raised; the SDK client
// renews the credentials five minutes before they expire, on the next call that needs them.
const SESSION_SECONDS = 3600;

/**
 * The credentials an account is read with: for a role, AssumeRole from the default chain (through
 * AWS_ENDPOINT_URL_STS when set), with the ExternalId when one is configured; for `default`, the
 * chain itself (undefined lets the SDK resolve it). Failures come back as AssumeRoleError, so
 * /sync can say which grant is missing instead of blaming CloudTrail.
 */
export function accountCredentials(
  account: AccountConfig,
  externalId: string | null,
  /** Only for the embedded demo: its emulator's STS, and the demo's fixed keys as the source. */
  demo?: { endpoint: string; credentials: { accessKeyId: string; secretAccessKey: string } },
): CloudTrailClientConfig['credentials'] {
  if (!account.roleArn) return demo?.credentials;
  const roleArn = account.roleArn;
  const assume = fromTemporaryCredentials({
    params: { RoleArn: roleArn, RoleSessionName: 'packtrail', DurationSeconds: SESSION_SECONDS, ...(externalId ? { ExternalId: externalId } : {}) },
    ...(demo ? { masterCredentials: demo.credentials, clientConfig: { endpoint: demo.endpoint } } : {}),
  });
  return async (props) => {
    try {
      return await assume(props);
    } catch (err) {
      const e = err as { name?: string; message?: string };
      throw new AssumeRoleError(roleArn, e.name ?? 'Error', e.message ?? String(err));
    }
  };
}
