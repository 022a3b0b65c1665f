import { Link } from '@/components/ui/link';
import type { EventChange } from '@/lib/diff/event-change';
import { changeTags, parseRecord, subjectOf } from '@/lib/diff/event-change';
import type { RelatedEvents as Related, StoredEventDetail } from '@/lib/store/types';
import { LocalTime } from '@/components/ui/local-time';
import { OpName } from '@/components/ui/op-name';
import { ResultBadge } from '@/components/ui/result-badge';
import { SecurityBadges } from './change-list';
import { CopyButton } from './copy-button';
import { RawRecord } from './raw-record';
import { RawRecordLink } from './raw-record-link';
import { recordFields, resourceHref } from './record-fields';
import { RelatedEvents } from './related-events';
import { ResultCard } from './result-card';
import { WhatCard } from './what-card';
import { WhatChanged } from './what-changed';
import { WhereCard } from './where-card';
import { WhoCard } from './who-card';
import s from './event-detail.module.css';

const FLAG_TEXT: Record<string, string> = {
  'invalid-json': 'the stored record is not valid JSON',
  'unknown-event-version': 'unknown record version',
  'unknown-userIdentity': 'unfamiliar userIdentity shape',
};

/** One event: header line, who/where/what/result, what changed, related events, the raw record. */
export function EventDetail({ detail, change, related }: { detail: StoredEventDetail; change: EventChange; related: Related | null }) {
  const { event } = detail;
  const fields = recordFields(parseRecord(detail.cloudTrailEvent));
  const subject = subjectOf(event) ?? event.resources[0] ?? null;
  const relatedResources = subjectOf(event) ? [subjectOf(event)!] : event.resources;
  return (
    <article aria-label="Event">
      <div className={s.crumbs}>
        <Link href="/events">Events</Link> <span className="muted">›</span> <span className="mono muted">{event.eventId}</span>
      </div>
      {/* The sentence is the headline: what happened, in words a person reads without CloudTrail. */}
      <h1 className={s.headline}>{event.description}</h1>
      <div className={s.head}>
        <p className={s.title}>
          <OpName op={event.eventName} failed={event.errorCode !== null} />
          {subject && (
            <>
              <span className={s.sep}>·</span>
              <Link href={resourceHref(subject.id)} className="mono">
                {subject.id}
              </Link>
            </>
          )}
          <span className={s.sep}>·</span>
          <span className="mono">{event.region}</span>
          <span className={s.sep}>·</span>
          <LocalTime iso={event.eventTime} />
        </p>
        <div className={s.actions}>
          <CopyButton label="Copy link" copiedLabel="Link copied" />
          <RawRecordLink />
        </div>
      </div>
      <div className={s.flags}>
        {event.errorCode && <ResultBadge code={event.errorCode} message={event.errorMessage} />}
        {event.principalType === 'Root' && <span className={`${s.security} ${s.danger}`}>⚠ root</span>}
        <SecurityBadges tags={changeTags(change)} />
        {detail.flags.map((f) => (
          <span key={f} className={s.security} title={f}>
            {FLAG_TEXT[f] ?? f}
          </span>
        ))}
      </div>
      <div className={s.cards}>
        <WhoCard event={event} identity={fields.identity} />
        <WhereCard event={event} fields={fields} />
        <ResultCard event={event} fields={fields} />
      </div>
      {/* What changed comes before the request itself: it is the question most people open a change with. */}
      <WhatChanged change={change} event={event} />
      <div className={`${s.cards} ${s.section}`}>
        <WhatCard event={event} fields={fields} />
      </div>
      {related && <RelatedEvents related={related} event={event} resources={relatedResources} />}
      <RawRecord raw={detail.cloudTrailEvent} />
    </article>
  );
}
