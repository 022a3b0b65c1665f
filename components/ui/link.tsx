import NextLink from 'next/link';
import type { ComponentProps } from 'react';

/**
 * next/link without viewport prefetching, for every link but the nav bar's sections (nav-links.tsx).
 * Next prefetches each next/link once in view, and each prefetch is a render on the server (~3.4 ms
 * of CPU): an event, user or resource page has 27–39 links in view. A click fetches its page then.
 */
export function Link(props: ComponentProps<typeof NextLink>) {
  return <NextLink prefetch={false} {...props} />;
}
