import { Link } from '@/components/ui/link';
import { AccountName } from '@/components/ui/account-name';
import { buildLifeline, type Snapshots, type SubjectHistory as Group } from '@/lib/diff/lifeline';
import { resourceHref, typeLabel } from '@/components/event-detail/record-fields';
import { SubjectHistory, subjectAnchor } from './subject-history';
import s from './resource.module.css';

/** Links between the pages of a long history: older from the newest page, back to the newest from any other. */
function PageLinks({ resource, older, paged, newest }: { resource: string; older: string | null; paged: boolean; newest: boolean }) {
  if (!paged) return null;
  return (
    <nav className={s.pages} aria-label="History pages">
      {older ? <Link href={`${resourceHref(resource)}?before=${older}`}>Older history</Link> : <span className="muted">This is the oldest stored history.</span>}
      {!newest && <Link href={resourceHref(resource)}>Newest</Link>}
    </nav>
  );
}

/**
 * Everything that happened to the resources answering to `resource`, a page of events at a time.
 * A user id can name several resources (a v1 and a v2 channel both called news-24, one per
 * region): each gets its own lifeline. `older` is the cursor of the page before this one.
 */
export function ResourceHistory({
  resource,
  subjects: groups,
  older,
  paged,
  invalidPosition = false,
  newest = true,
}: {
  resource: string;
  subjects: (Group & { before?: Snapshots })[];
  older: string | null;
  paged: boolean;
  invalidPosition?: boolean;
  /** The page holds the newest events (no `before`). */
  newest?: boolean;
}) {
  const subjects = groups.map((g) => ({
    ...g,
    lives: buildLifeline(g.subject, g.rows, g.before),
    events: { first: g.rows[0].event.eventTime, last: g.rows[g.rows.length - 1].event.eventTime, count: new Set(g.rows.map((r) => r.event.eventId)).size },
  }));
  const severalAccounts = new Set(subjects.map((x) => x.subject.accountId)).size > 1;
  return (
    <>
      <div className={s.crumbs}>
        <Link href="/events">Events</Link> › resource
      </div>
      <h1 className={s.title}>{resource}</h1>
      <p className={s.intro}>
        Oldest first: creation, each change with its diff folded, credential rotations, deletion. Reads between two steps are counted, not listed.
        {older && ' A long history shows its newest events first; older ones are a page back.'}
      </p>
      {invalidPosition && (
        <p className="error" role="alert">
          This link&apos;s position in the history is not one Packtrail made. <Link href={resourceHref(resource)}>Start from the newest events</Link>.
        </p>
      )}
      {!invalidPosition && !subjects.length && <p className="muted">No older events are stored.</p>}
      <PageLinks resource={resource} older={older} paged={paged} newest={newest} />
      {subjects.length > 1 && (
        <>
          <p className={s.intro}>{subjects.length} resources answer to this name:</p>
          <ul className={s.subjects}>
            {subjects.map(({ subject, events }) => (
              <li key={subjectAnchor(subject)}>
                <a href={`#${subjectAnchor(subject)}`}>
                  {typeLabel(subject.type)} in {subject.region}
                  {/* The same kind of resource in one region, told apart by account (the demo's sports-hd). */}
                  {severalAccounts && (
                    <>
                      {' · '}
                      <AccountName id={subject.accountId} />
                    </>
                  )}
                </a>{' '}
                <span className="muted">({events.count} events)</span>
              </li>
            ))}
          </ul>
        </>
      )}
      {subjects.map(({ subject, lives, events, before }) => (
        <SubjectHistory key={subjectAnchor(subject)} subject={subject} lives={lives} events={events} partial={before !== undefined} paged={paged} />
      ))}
      {subjects.length > 0 && <PageLinks resource={resource} older={older} paged={paged} newest={newest} />}
    </>
  );
}
