import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import type { CheckedDestination } from './destination-guard';

export interface PostResult {
  ok: boolean;
  /** The HTTP status, or null when no response came. */
  status: number | null;
  error: string | null;
}

const TIMEOUT_MS = 10_000;

/**
 * POSTs `body` to a checked destination, connecting to the address that was checked (TLS still
 * verifies the certificate for the URL's host name). Redirects are not followed: a 3xx is a failure,
 * so a receiver cannot bounce the request to an address the check would have refused.
 */
export function postJson(dest: CheckedDestination, body: string, headers: Record<string, string>, timeoutMs = TIMEOUT_MS): Promise<PostResult> {
  const pinned: LookupFunction = (_host, options, callback) => {
    if ((options as { all?: boolean }).all) (callback as unknown as (e: null, a: { address: string; family: number }[]) => void)(null, [{ address: dest.address, family: dest.family }]);
    else callback(null, dest.address, dest.family);
  };
  const client = dest.url.protocol === 'https:' ? https : http;
  return new Promise((resolve) => {
    const req = client.request(
      dest.url,
      {
        method: 'POST',
        lookup: pinned,
        headers: { 'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(body)), 'User-Agent': 'Packtrail-Webhook/1', ...headers },
        timeout: timeoutMs,
      },
      (res) => {
        res.resume(); // the answer's body is not needed; reading it frees the socket
        const status = res.statusCode ?? 0;
        const ok = status >= 200 && status < 300;
        res.on('end', () => resolve({ ok, status, error: ok ? null : `HTTP ${status}${status >= 300 && status < 400 ? ' (redirects are not followed)' : ''}` }));
        res.on('error', (err) => resolve({ ok: false, status, error: err.message }));
      },
    );
    req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs / 1000} s`)));
    req.on('error', (err) => resolve({ ok: false, status: null, error: (err as NodeJS.ErrnoException).code ?? err.message }));
    req.end(body);
  });
}
