'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import styles from './sync.module.css';

/** Starts an incremental sync through the API (it joins a running one), then re-renders the page. */
export function SyncNowButton({ running }: { running: boolean }) {
  const router = useRouter();
  const [posting, setPosting] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [refreshing, startTransition] = useTransition();

  async function syncNow() {
    setPosting(true);
    setError(null);
    try {
      const res = await fetch('/api/sync', { method: 'POST', headers: { accept: 'application/json' } });
      if (!res.ok) {
        const body = (await res.json().catch(() => null)) as { error?: string } | null;
        setError(body?.error ?? `The server answered ${res.status}.`);
      }
    } catch {
      setError('The server could not be reached; is Packtrail still running?');
    } finally {
      setPosting(false);
      startTransition(() => router.refresh());
    }
  }

  const busy = posting || refreshing;
  return (
    <span className={styles.syncNow}>
      <button type="button" onClick={syncNow} disabled={busy} className="button button-primary">
        {posting ? 'Starting…' : 'Sync now'}
      </button>
      {running && !busy && <span className="muted">A sync is running; this joins it.</span>}
      {error && (
        <span role="alert" className="error">
          {error}
        </span>
      )}
    </span>
  );
}
