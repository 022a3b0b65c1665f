'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { DestinationFields, destinationFrom } from './destination-fields';
import styles from './watches.module.css';

/** An admin's controls on one watch: send a test, add a destination, delete (not the built-in). */
export function WatchActions({ id, name, builtin }: { id: string; name: string; builtin: boolean }) {
  const router = useRouter();
  const [message, setMessage] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);
  const [type, setType] = useState('webhook');
  const [busy, start] = useTransition();

  const call = (url: string, init: RequestInit, done: string) =>
    start(async () => {
      setMessage(null);
      const res = await fetch(url, init).catch(() => null);
      if (!res) return setMessage('The server could not be reached.');
      if (!res.ok) return setMessage(((await res.json().catch(() => null)) as { error?: string } | null)?.error ?? `The server answered ${res.status}.`);
      setMessage(done);
      setAdding(false);
      router.refresh();
    });

  const add = (e: React.FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const body = JSON.stringify(destinationFrom(new FormData(e.currentTarget), 'add-'));
    call(`/api/watches/${encodeURIComponent(id)}/destinations`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body }, 'Destination added.');
  };

  return (
    <>
      <div className={styles.actions}>
        <button type="button" className="button" disabled={busy} onClick={() => call(`/api/watches/${encodeURIComponent(id)}/test`, { method: 'POST' }, 'Test delivery queued.')}>
          Send a test
        </button>
        <button type="button" className="button" aria-expanded={adding} onClick={() => setAdding((a) => !a)}>
          Add a destination
        </button>
        {!builtin && (
          <button
            type="button"
            className="button"
            disabled={busy}
            onClick={() => confirm(`Delete the watch “${name}”?`) && call(`/api/watches/${encodeURIComponent(id)}`, { method: 'DELETE' }, 'Deleted.')}
          >
            Delete
          </button>
        )}
        {message && <span role="status">{message}</span>}
      </div>
      {adding && (
        <form className={styles.form} onSubmit={add} aria-label={`Add a destination to ${name}`}>
          <DestinationFields type={type} onType={setType} prefix="add-" />
          <div className={styles.actions}>
            <button type="submit" className="button button-primary" disabled={busy}>
              Add
            </button>
          </div>
        </form>
      )}
    </>
  );
}
