'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useRef } from 'react';

const WHILE_RUNNING_MS = 2_000;
// A backstop for a stream that cannot connect; the stream below brings news at once.
const WHILE_IDLE_MS = 15_000;
/** At most one re-render a second however fast pages are stored. */
const MIN_GAP_MS = 1_000;

/**
 * Re-renders the server page when a sync starts or ends and as its pages are stored (the live
 * stream's `sync` and `events` messages), and every few seconds while one runs.
 */
export function SyncAutoRefresh({ running }: { running: boolean }) {
  const router = useRouter();
  const last = useRef(0);
  const queued = useRef<ReturnType<typeof setTimeout> | null>(null);

  useEffect(() => {
    const refresh = () => {
      // A hidden tab does not need fresh numbers; it catches up when shown again.
      if (document.visibilityState !== 'visible' || queued.current) return;
      const wait = Math.max(0, last.current + MIN_GAP_MS - Date.now());
      queued.current = setTimeout(() => {
        queued.current = null;
        last.current = Date.now();
        router.refresh();
      }, wait);
    };
    const source = new EventSource('/api/events/stream');
    source.addEventListener('sync', refresh);
    source.addEventListener('events', refresh);
    const timer = setInterval(refresh, running ? WHILE_RUNNING_MS : WHILE_IDLE_MS);
    return () => {
      source.close();
      clearInterval(timer);
      if (queued.current) clearTimeout(queued.current);
      queued.current = null;
    };
  }, [running, router]);
  return null;
}
