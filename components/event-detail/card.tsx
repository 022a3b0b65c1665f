import type { ReactNode } from 'react';
import s from './event-detail.module.css';

/** A titled card of label/value rows; an `aria-label` makes it a named region for tests and screen readers. */
export function Card({ title, wide, children }: { title: string; wide?: boolean; children: ReactNode }) {
  return (
    <section className={wide ? `${s.card} ${s.wide}` : s.card} aria-label={title}>
      <h2>{title}</h2>
      <dl className={s.fields}>{children}</dl>
    </section>
  );
}

/** One row; left out when there is nothing to show, so cards stay short for simple identities. */
export function Field({ label, mono, children }: { label: string; mono?: boolean; children: ReactNode }) {
  if (children === null || children === undefined || children === false || children === '') return null;
  return (
    <div>
      <dt>{label}</dt>
      <dd className={mono ? 'mono' : undefined}>{children}</dd>
    </div>
  );
}
