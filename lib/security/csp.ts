/**
 * The Content-Security-Policy for every response. Scripts run only with this request's nonce
 * ('strict-dynamic' lets Next's loader add its chunks); no inline script, no framing.
 * Inline style attributes stay allowed: charts set element styles, and styles cannot run code.
 */
export function buildCsp(nonce: string, dev: boolean): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ''}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}
