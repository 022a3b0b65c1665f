import { Link } from '@/components/ui/link';
import { changeTags, type EventChange } from '@/lib/diff/event-change';
import type { EventSummary } from '@/lib/events/types';
import { Against, ChangeBody } from './change-body';
import { SecurityBadges } from './change-list';
import { resourceHref } from './record-fields';
import s from './event-detail.module.css';

/** "What changed" on the event page; reads and other stateless calls get no section at all. */
export function WhatChanged({ change, event }: { change: EventChange; event: EventSummary }) {
  if (change.kind === 'none') return null;
  const subject = 'subject' in change ? change.subject : null;
  const previous = change.kind === 'changed' || change.kind === 'deleted' ? change.previous : null;
  return (
    <section className={s.section} aria-labelledby="what-changed">
      <h2 id="what-changed">
        What changed
        {subject && (
          <small>
            in{' '}
            <Link href={resourceHref(subject.id)} className="mono">
              {subject.id}
            </Link>
          </small>
        )}
        {previous && <Against previous={previous} current={event} />}
        <SecurityBadges tags={changeTags(change)} />
      </h2>
      <ChangeBody change={change} event={event} />
      {change.kind === 'changed' && change.changes.length > 0 && (
        <p className={s.note}>ModifiedAt and ETag change on every write and are left out, as are tags (their Tag/Untag calls show them); masked values are never compared.</p>
      )}
    </section>
  );
}
