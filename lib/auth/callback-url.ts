/**
 * Where to go after sign-in: only a path on this site. Absolute URLs, protocol-relative
 * `//host` and `/\host` (which browsers treat as `//host`) fall back to the events page.
 */
export function safeCallbackPath(value: string | null | undefined, baseUrl?: string): string {
  const fallback = '/events';
  if (!value) return fallback;
  let candidate = value;
  if (baseUrl && candidate.startsWith(baseUrl)) candidate = candidate.slice(baseUrl.length) || '/';
  if (!candidate.startsWith('/') || candidate.startsWith('//') || candidate.startsWith('/\\')) return fallback;
  if (/[\u0000-\u001f\u007f]/.test(candidate)) return fallback;
  try {
    const url = new URL(candidate, 'http://packtrail.invalid');
    if (url.host !== 'packtrail.invalid') return fallback;
    return `${url.pathname}${url.search}${url.hash}`;
  } catch {
    return fallback;
  }
}
