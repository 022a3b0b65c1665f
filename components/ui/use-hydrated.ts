'use client';

import { useSyncExternalStore } from 'react';

const never = () => () => {};

/**
 * False on the server and while hydrating, true from then on. For what only a pointer or a reader
 * of the live page uses (long tooltips): left out of the server's HTML, which every request pays
 * to render, escape and gzip, and added in the render after hydration.
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(never, () => true, () => false);
}
