'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { DestinationFields, destinationFrom } from './destination-fields';
import styles from './watches.module.css';

/** Creates a watch through POST /api/watches; the query comes prefilled from "Watch this view". */
export function NewWatchForm({ query }: { query: string }) {
  const router = useRouter();
  const [type, setType] = useState('webhook');
  const [error, setError] = useState<string | null>(null);
  const [saving, startSaving] = useTransition();

  const submit = (e: React.FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const element = e.currentTarget;
    setError(null);
    startSaving(async () => {
      const res = await fetch('/api/watches', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ name: form.get('name'), query: form.get('query'), destinations: [destinationFrom(form, '')] }),
      }).catch(() => null);
      if (!res) return setError('The server could not be reached.');
      if (!res.ok) return setError(((await res.json().catch(() => null)) as { error?: string } | null)?.error ?? `The server answered ${res.status}.`);
      element.reset();
      router.refresh();
    });
  };

  return (
    <form className={styles.form} onSubmit={submit} aria-label="New watch">
      <h2 className={styles.name}>New watch</h2>
      <label>
        Name
        <input name="name" required maxLength={100} placeholder="Endpoint deletions in prod" />
      </label>
      <label>
        Filter (the query of an /events view)
        <input name="query" defaultValue={query} placeholder="op=DeleteOriginEndpoint&region=us-west-2" />
      </label>
      <DestinationFields type={type} onType={setType} prefix="" />
      {error && (
        <p className={styles.error} role="alert">
          {error}
        </p>
      )}
      <div className={styles.actions}>
        <button type="submit" className="button button-primary" disabled={saving}>
          {saving ? 'Saving…' : 'Create watch'}
        </button>
      </div>
    </form>
  );
}
