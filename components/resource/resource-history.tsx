import { Link } from '@/components/ui/link';
import { buildLifeline, groupBySubject } from '@/lib/diff/lifeline';
import type { ResourceHistoryRow } from '@/lib/store/types';
import { typeLabel } from '@/components/event-detail/record-fields';
import { SubjectHistory, subjectAnchor } from './subject-history';
import s from './resource.module.css';

/**
 * Everything that happened to the resources answering to `resource`. A user id can name several
 * resources (a v1 and a v2 channel both called news-24, one per region): each gets its own lifeline.
 */
export function ResourceHistory({ resource, rows, truncated }: { resource: string; rows: ResourceHistoryRow[]; truncated: boolean }) {
  const subjects = groupBySubject(rows).map((g) => ({
    ...g,
    lives: buildLifeline(g.subject, g.rows),
    events: { first: g.rows[0].event.eventTime, last: g.rows[g.rows.length - 1].event.eventTime, count: new Set(g.rows.map((r) => r.event.eventId)).size },
  }));
  return (
    <>
      <div className={s.crumbs}>
        <Link href="/events">Events</Link> › resource
      </div>
      <h1 className={s.title}>{resource}</h1>
      <p className={s.intro}>
        Oldest first: creation, each change with its diff folded, credential rotations, deletion. Reads between two steps are counted, not listed.
        {truncated && ` Only the newest ${rows.length.toLocaleString('en')} events are shown.`}
      </p>
      {subjects.length > 1 && (
        <>
          <p className={s.intro}>{subjects.length} resources answer to this name:</p>
          <ul className={s.subjects}>
            {subjects.map(({ subject, events }) => (
              <li key={subjectAnchor(subject)}>
                <a href={`#${subjectAnchor(subject)}`}>
                  {typeLabel(subject.type)} in {subject.region}
                </a>{' '}
                <span className="muted">({events.count} events)</span>
              </li>
            ))}
          </ul>
        </>
      )}
      {subjects.map(({ subject, lives, events }) => (
        <SubjectHistory key={subjectAnchor(subject)} subject={subject} lives={lives} events={events} />
      ))}
    </>
  );
}
