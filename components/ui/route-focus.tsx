'use client';

import { usePathname } from 'next/navigation';
import { useEffect, useRef } from 'react';

/**
 * After an in-app navigation to another page, focus goes to the new page's heading, as it would
 * after a full page load read from the top: a keyboard or screen-reader user continues from there
 * instead of from the link that no longer exists. Filter changes (same path) leave focus alone.
 */
export function RouteFocus() {
  const pathname = usePathname();
  const first = useRef(pathname);
  useEffect(() => {
    if (pathname === first.current) return;
    first.current = pathname;
    const heading = document.querySelector<HTMLElement>('main h1');
    if (!heading) return;
    heading.tabIndex = -1;
    heading.focus({ preventScroll: true });
  }, [pathname]);
  return null;
}
