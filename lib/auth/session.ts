import 'server-only';
import { getServerSession, type Session } from 'next-auth';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { cache } from 'react';
import { jsonError } from '@/lib/http/respond';
import { getRuntime } from '@/lib/runtime/server-runtime';
import { buildAuthOptions } from './auth-options';
import { PATH_HEADER } from './auth-switch';
import { safeCallbackPath } from './callback-url';

export { PATH_HEADER } from './auth-switch';

export async function getAuthOptions() {
  const runtime = await getRuntime();
  return buildAuthOptions(runtime.auth, runtime.config.dataDir);
}

/**
 * The signed-in session; with sign-in switched off (loopback only) a stand-in local session.
 * Memoised per request (React cache): the layout and the page both ask, the token is decrypted once.
 */
export const getSession = cache(async (): Promise<Session | null> => {
  const runtime = await getRuntime();
  if (!runtime.auth.enabled) return { user: { name: 'local (sign-in off)' }, expires: new Date(Date.now() + 3_600_000).toISOString() };
  return getServerSession(await getAuthOptions());
});

/** For route handlers: null when signed in, else the 401 to return. Never trusts that the proxy ran. */
export async function requireApiSession() {
  return (await getSession()) ? null : jsonError(401, 'Sign in first: this API needs a session (see /signin)');
}

/** For pages: the session, or a redirect to sign-in that comes back to this exact link. */
export async function requirePageSession(): Promise<Session> {
  const session = await getSession();
  if (session) return session;
  const path = safeCallbackPath((await headers()).get(PATH_HEADER));
  redirect(`/signin?callbackUrl=${encodeURIComponent(path)}`);
}
