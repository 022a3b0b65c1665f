import { Link } from '@/components/ui/link';
import type { Life } from '@/lib/diff/lifeline';
import type { ResourceSubject } from '@/lib/store/types';
import { LocalTime } from '@/components/ui/local-time';
import { eventHref, typeLabel } from '@/components/event-detail/record-fields';
import { CallStep, QuietStepItem } from './step-item';
import s from './resource.module.css';
import { AccountName } from '@/components/ui/account-name';

export const subjectAnchor = (x: ResourceSubject): string => `${x.type.split('::').slice(1).join('-')}-${x.region}-${x.accountId}-${x.id}`.replace(/[^A-Za-z0-9_-]/g, '_');

/** The Events list for this subject; region and account only when the filter would accept them. */
function eventsHref(subject: ResourceSubject, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams({ resource: subject.id });
  if (/^[a-z]{2}(-[a-z]+)+-\d{1,2}$/.test(subject.region)) params.set('region', subject.region);
  if (/^\d{12}$/.test(subject.accountId)) params.set('account', subject.accountId);
  for (const [k, v] of Object.entries(extra)) params.set(k, v);
  return `/events?${params}`;
}

/** `partial`: the page is one of several, so a life begun before it may have begun on an older page or before the stored history. */
function LifeView({ life, index, count, subject, partial }: { life: Life; index: number; count: number; subject: ResourceSubject; partial: boolean }) {
  const label = count > 1 ? `Life ${index + 1} of ${count}` : 'Lifeline';
  return (
    <section className={`${s.life}${index > 0 ? ` ${s.ended}` : ''}`} aria-label={label}>
      <h3>
        {label}
        <small>
          {life.created ? (
            <>
              created <Link href={eventHref(life.created.eventId)}><LocalTime iso={life.created.eventTime} /></Link> by{' '}
              <span className="mono">{life.created.principal}</span>
            </>
          ) : (
            partial ? (
              <>began before this page (earliest event here <LocalTime iso={life.from} />)</>
            ) : (
              <>created before the stored history (earliest stored event <LocalTime iso={life.from} />)</>
            )
          )}
          {' · '}
          {life.deleted ? (
            <>
              <span className="error">deleted</span> <Link href={eventHref(life.deleted.eventId)}><LocalTime iso={life.deleted.eventTime} /></Link> by{' '}
              <span className="mono">{life.deleted.principal}</span>
            </>
          ) : index === count - 1 ? (
            'no deletion recorded'
          ) : (
            'no deletion recorded before it was created again'
          )}
          {' · '}
          {life.events.toLocaleString('en')} events{partial ? ' here' : ''}
        </small>
      </h3>
      <ol className={s.line}>
        {life.steps.map((step, i) =>
          step.kind === 'reads' ? (
            <QuietStepItem key={i} step={step} subject={subject} filterHref={eventsHref(subject, { readOnly: 'true', from: step.from, to: step.to })} />
          ) : (
            <CallStep key={step.event.eventId} step={step} subject={subject} />
          ),
        )}
      </ol>
    </section>
  );
}

/** One resource's lifeline: its identity, then each life from creation to deletion. */
export function SubjectHistory({
  subject,
  lives,
  events,
  partial,
  paged,
}: {
  subject: ResourceSubject;
  lives: Life[];
  events: { first: string; last: string; count: number };
  /** Older events of this name exist (of this subject, or only of another the name answers to). */
  partial: boolean;
  /** The page is one of several. */
  paged: boolean;
}) {
  return (
    <section className={s.subject} id={subjectAnchor(subject)} aria-label={`${typeLabel(subject.type)} ${subject.id} in ${subject.region}`}>
      <h2>
        <span className="mono">{subject.id}</span>
        <small className="muted">
          {typeLabel(subject.type)} · {subject.region} · <AccountName id={subject.accountId} />
        </small>
      </h2>
      <div className={s.meta}>
        {subject.arn && <span className="mono">{subject.arn}</span>}
        <span>
          {events.count.toLocaleString('en')} events{paged ? ' on this page' : ''}, <LocalTime iso={events.first} /> to <LocalTime iso={events.last} />
        </span>
        {lives.length > 1 && <span>{lives.length} lives: deleted and created again under the same name</span>}
        <Link href={eventsHref(subject)}>all events</Link>
      </div>
      {lives.map((life, i) => (
        <LifeView key={i} life={life} index={i} count={lives.length} subject={subject} partial={partial && i === 0} />
      ))}
    </section>
  );
}
