'use client';

import { useRouter } from 'next/navigation';
import { useEffect } from 'react';

const WHILE_RUNNING_MS = 2_000;
// The background sync may start at any time; a slow poll notices it without hammering the store.
const WHILE_IDLE_MS = 15_000;

/** Re-renders the server page every few seconds while a sync runs, so progress moves by itself. */
export function SyncAutoRefresh({ running }: { running: boolean }) {
  const router = useRouter();
  useEffect(() => {
    const timer = setInterval(() => {
      // A hidden tab does not need fresh numbers; it catches up when shown again.
      if (document.visibilityState === 'visible') router.refresh();
    }, running ? WHILE_RUNNING_MS : WHILE_IDLE_MS);
    return () => clearInterval(timer);
  }, [running, router]);
  return null;
}
