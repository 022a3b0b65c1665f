import 'server-only';
import type { Session } from 'next-auth';
import { getToken } from 'next-auth/jwt';
import { cookies, headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { cache } from 'react';
import { jsonError } from '@/lib/http/respond';
import { getRuntime } from '@/lib/runtime/server-runtime';
import { isAdmin } from './admins';
import { buildAuthOptions } from './auth-options';
import { PATH_HEADER, isHttpsRequest } from './auth-switch';
import { safeCallbackPath } from './callback-url';
import { decodeSessionToken } from './session-token';

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
  // The session is the encrypted JWT cookie next-auth issued at sign-in; reading it is what
  // getServerSession does for the JWT strategy, without running the whole auth handler (which
  // also re-issues the cookie) on every request: 7 % of an /events request's CPU at 20 clients.
  const requestHeaders = await headers();
  const token = await getToken({
    req: { cookies: await cookies(), headers: requestHeaders } as unknown as Parameters<typeof getToken>[0]['req'],
    secret: process.env.NEXTAUTH_SECRET,
    secureCookie: isHttpsRequest(requestHeaders),
    decode: decodeSessionToken,
  });
  if (!token || typeof token.exp !== 'number') return null;
  return { user: { name: token.name ?? null, email: token.email ?? null }, expires: new Date(token.exp * 1000).toISOString() };
});

/** For route handlers: null when signed in, else the 401 to return. Never trusts that the proxy ran. */
export async function requireApiSession() {
  return (await getSession()) ? null : jsonError(401, 'Sign in first: this API needs a session (see /signin)');
}

/** Whether the signed-in user may start syncs and manage watches (PACKTRAIL_ADMINS). */
export async function sessionIsAdmin(): Promise<boolean> {
  return isAdmin((await getSession())?.user, (await getRuntime()).admins);
}

/** For route handlers that change things: null for an admin, else the 401 or 403 to return. */
export async function requireApiAdmin(what: string) {
  const session = await getSession();
  if (!session) return jsonError(401, 'Sign in first: this API needs a session (see /signin)');
  if (isAdmin(session.user, (await getRuntime()).admins)) return null;
  const who = session.user?.email ?? session.user?.name ?? 'this user';
  return jsonError(403, `Only admins may ${what}; ${who} is a viewer. Admins are named in PACKTRAIL_ADMINS.`);
}

/** For pages: the session, or a redirect to sign-in that comes back to this exact link. */
export async function requirePageSession(): Promise<Session> {
  const session = await getSession();
  if (session) return session;
  const path = safeCallbackPath((await headers()).get(PATH_HEADER));
  redirect(`/signin?callbackUrl=${encodeURIComponent(path)}`);
}
