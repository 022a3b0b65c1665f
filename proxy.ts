import { getToken } from 'next-auth/jwt';
import { NextResponse, type NextRequest } from 'next/server';
import { PATH_HEADER, authDisabled, isHttpsRequest, isLoopbackHost } from '@/lib/auth/auth-switch';
import { decodeSessionToken } from '@/lib/auth/session-token';
import { buildCsp } from '@/lib/security/csp';

// Every page and API route needs a session, except these. Handlers and pages check again.
const PUBLIC = [/^\/api\/health\/?$/, /^\/api\/auth(\/|$)/, /^\/signin\/?$/];

async function signedIn(request: NextRequest): Promise<boolean> {
  if (authDisabled(process.env)) {
    // Sign-in off is for a browser on the same machine; a request naming another host is refused.
    return isLoopbackHost(request.headers.get('host')?.replace(/:\d+$/, ''));
  }
  const token = await getToken({ req: request, secret: process.env.NEXTAUTH_SECRET, secureCookie: isHttpsRequest(request.headers, request.nextUrl.protocol), decode: decodeSessionToken });
  return token !== null;
}

/** Next decodes paths and page queries with decodeURIComponent, which throws on broken escapes; answer 400 first. */
function malformedEscape(rawPath: string, rawSearch: string): boolean {
  const parts = [rawPath, ...rawSearch.replace(/^\?/, '').split('&').flatMap((p) => p.split('='))];
  return parts.some((part) => {
    try {
      decodeURIComponent(part.replace(/\+/g, ' '));
      return false;
    } catch {
      return true;
    }
  });
}

export async function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  const nonce = Buffer.from(crypto.randomUUID()).toString('base64');
  const csp = buildCsp(nonce, process.env.NODE_ENV !== 'production');
  const raw = new URL(request.url);
  if (malformedEscape(raw.pathname, raw.search)) {
    const error = 'The URL has a broken %-escape or is not UTF-8; encode path and query parameters with encodeURIComponent.';
    const res = pathname.startsWith('/api/') ? NextResponse.json({ error }, { status: 400 }) : new NextResponse(error, { status: 400, headers: { 'content-type': 'text/plain; charset=utf-8' } });
    res.headers.set('Content-Security-Policy', csp);
    return res;
  }
  // Pages answer GET and HEAD, and POST only as a server action (Next-Action header); any other
  // body sent to a page would reach Next's action parser and fail there.
  if (!pathname.startsWith('/api/') && !['GET', 'HEAD'].includes(request.method) && !(request.method === 'POST' && request.headers.has('next-action'))) {
    const res = new NextResponse('Pages accept GET and HEAD only.', { status: 405, headers: { Allow: 'GET, HEAD', 'content-type': 'text/plain; charset=utf-8' } });
    res.headers.set('Content-Security-Policy', csp);
    return res;
  }
  if (!PUBLIC.some((p) => p.test(pathname)) && !(await signedIn(request))) {
    const denied = pathname.startsWith('/api/')
      ? NextResponse.json({ error: 'Sign in first: this API needs a session (see /signin)' }, { status: 401 })
      : NextResponse.redirect(new URL(`/signin?callbackUrl=${encodeURIComponent(`${pathname}${search}`)}`, request.url));
    denied.headers.set('Content-Security-Policy', csp);
    return denied;
  }
  const forwarded = new Headers(request.headers);
  forwarded.set('x-nonce', nonce);
  // Next reads the nonce for its own scripts from the request's CSP header.
  forwarded.set('Content-Security-Policy', csp);
  forwarded.set(PATH_HEADER, `${pathname}${search}`);
  const response = NextResponse.next({ request: { headers: forwarded } });
  response.headers.set('Content-Security-Policy', csp);
  return response;
}

export const config = {
  matcher: ['/((?!_next/static|_next/image|favicon.ico|robots.txt).*)'],
};
