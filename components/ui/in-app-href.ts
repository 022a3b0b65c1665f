import type { MouseEvent } from 'react';

/**
 * The path a plain left click on a same-origin link goes to, for the router to follow in-app as
 * next/link would; null leaves the click to the browser (new tab, download, other site, modifiers).
 */
export function inAppHref(e: MouseEvent): string | null {
  if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return null;
  const a = e.target instanceof Element ? e.target.closest('a[href]') : null;
  if (!(a instanceof HTMLAnchorElement) || (a.target && a.target !== '_self') || a.hasAttribute('download')) return null;
  if (a.origin !== window.location.origin) return null;
  return `${a.pathname}${a.search}${a.hash}`;
}
