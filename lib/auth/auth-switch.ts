// Small and dependency-free on purpose: the proxy imports it, and Node-only code (SQLite, fs)
// must stay out of the proxy's bundle.

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost', '[::1]']);

export function isLoopbackHost(host: string | undefined): boolean {
  return LOOPBACK.has((host ?? '127.0.0.1').trim().toLowerCase());
}

/** Sign-in is off only when asked for and the server listens on loopback; anything else fails closed. */
export function authDisabled(env: Record<string, string | undefined>): boolean {
  return (env.PACKTRAIL_AUTH ?? '').trim().toLowerCase() === 'off' && isLoopbackHost(env.HOSTNAME);
}

/** The proxy passes the requested path and query to pages, so a page-level sign-in redirect can come back to it. */
export const PATH_HEADER = 'x-packtrail-path';

/**
 * Whether the browser reached us over HTTPS (a TLS proxy says so in X-Forwarded-Proto): next-auth
 * then names the session cookie `__Secure-…`, and every reader must look for that name.
 */
export function isHttpsRequest(headers: Headers, protocol = 'http:'): boolean {
  const forwarded = headers.get('x-forwarded-proto')?.split(',')[0].trim();
  return (forwarded ?? protocol.replace(':', '')) === 'https';
}
