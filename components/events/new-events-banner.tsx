'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useState, useTransition } from 'react';
import styles from './new-events-banner.module.css';

// On an /events view whose window reaches the present: counts the matching events stored since the
// page was rendered (GET /api/events/stream, which EventSource reconnects with Last-Event-ID, so
// none is missed) and offers them. "Show" renders the page again in place, timeline and table, from
// the server: the table never shifts under the reader by itself.

export function NewEventsBanner({ streamQuery }: { streamQuery: string }) {
  const router = useRouter();
  const [count, setCount] = useState(0);
  const [showing, startTransition] = useTransition();

  useEffect(() => {
    const source = new EventSource(`/api/events/stream${streamQuery ? `?${streamQuery}` : ''}`);
    const onEvents = (e: MessageEvent<string>) => {
      try {
        const { events } = JSON.parse(e.data) as { events: unknown[] };
        if (events.length) setCount((n) => n + events.length);
      } catch {
        // Not a message of ours; the next one counts.
      }
    };
    source.addEventListener('events', onEvents);
    return () => source.close();
  }, [streamQuery]);

  const show = () => {
    setCount(0);
    startTransition(() => router.refresh());
  };

  return (
    <div className={styles.banner} aria-live="polite">
      {count > 0 && (
        <button type="button" className="button button-primary" onClick={show} disabled={showing} data-testid="new-events">
          {count.toLocaleString('en-US')} new {count === 1 ? 'event' : 'events'} — show
        </button>
      )}
    </div>
  );
}
