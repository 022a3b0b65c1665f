import { Link } from '@/components/ui/link';
import type { EventSummary, ResourceRef } from '@/lib/events/types';
import type { RelatedEvents as Related, RelatedGroup } from '@/lib/store/types';
import { LocalTime } from '@/components/ui/local-time';
import { OpName } from '@/components/ui/op-name';
import { ResultBadge } from '@/components/ui/result-badge';
import { eventHref } from './record-fields';
import s from './event-detail.module.css';

function Group({ title, note, group, more }: { title: string; note: string; group: RelatedGroup; more?: string }) {
  return (
    <section className={s.relatedGroup} aria-label={title}>
      <h3>
        {title} ({group.total}) <span className={s.note}>{note}</span>
      </h3>
      {group.total === 0 ? null : (
        <table className={s.mini}>
          <caption className="sr-only">{title}</caption>
          <thead className="sr-only">
            <tr>
              <th scope="col">Time</th>
              <th scope="col">Operation</th>
              <th scope="col">Principal</th>
              <th scope="col">Source IP</th>
              <th scope="col">Result</th>
            </tr>
          </thead>
          <tbody>
            {group.events.map((e) => (
              <tr key={e.eventId}>
                <td>
                  <Link href={eventHref(e.eventId)}>
                    <LocalTime iso={e.eventTime} className="mono" />
                  </Link>
                </td>
                <td>
                  <OpName op={e.eventName} failed={e.errorCode !== null} />
                </td>
                <td className="mono" title={e.principal}>
                  {e.principal}
                </td>
                <td className="mono">{e.sourceIp}</td>
                <td>
                  <ResultBadge code={e.errorCode} message={e.errorMessage} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {group.total > group.events.length && (
        <p className={s.note}>
          Newest {group.events.length} of {group.total}.{' '}
          {more && <Link href={more}>All in Events</Link>}
        </p>
      )}
    </section>
  );
}

function query(params: Record<string, string>): string {
  return `/events?${new URLSearchParams(params).toString()}`;
}

/** Same resource within ±24 h, same session, same request id: the context an investigation needs next. */
export function RelatedEvents({ related, event, resources }: { related: Related; event: EventSummary; resources: ResourceRef[] }) {
  const window = { from: related.window.from, to: related.window.to };
  const key = related.sameSession.key;
  const sessionNote = !key ? 'no access key or session in the record' : 'accessKeyId' in key ? `access key ${key.accessKeyId}, ±24 h` : `session of ${key.sessionCreated}, ±24 h`;
  const sessionMore = key && 'accessKeyId' in key ? query({ q: key.accessKeyId, ...window }) : query({ user: event.principal, ...window });
  const first = resources[0];
  return (
    <section className={s.section} aria-labelledby="related">
      <h2 id="related">
        Related events
        <small>
          same resource ({related.sameResource.total}) · same session ({related.sameSession.total}) · same request ({related.sameRequest.total})
        </small>
      </h2>
      <div className={s.related}>
        <Group
          title="Same resource"
          note={resources.length ? `${resources.map((r) => r.id).join(', ')}, ±24 h` : 'no resource named'}
          group={related.sameResource}
          more={first ? query({ resource: first.id, region: event.region, ...window }) : undefined}
        />
        <Group title="Same session" note={sessionNote} group={related.sameSession} more={sessionMore} />
        <Group title="Same request" note={related.sameRequest.requestId ? `request ${related.sameRequest.requestId}, ±1 h` : 'no request id'} group={related.sameRequest} />
      </div>
    </section>
  );
}
