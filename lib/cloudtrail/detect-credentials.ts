import { defaultProvider } from '@aws-sdk/credential-provider-node';

/**
 * True when the SDK's default provider chain yields credentials. Bounded in time because the
 * chain ends with the instance metadata service, which on a laptop only times out.
 */
export async function awsCredentialsResolve(timeoutMs = 4000): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  try {
    return await Promise.race([
      defaultProvider()().then(
        (c) => Boolean(c.accessKeyId),
        () => false,
      ),
      timeout,
    ]);
  } finally {
    clearTimeout(timer);
  }
}
