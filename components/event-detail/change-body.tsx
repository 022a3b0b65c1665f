import { Link } from '@/components/ui/link';
import type { EventChange } from '@/lib/diff/event-change';
import type { EventSummary } from '@/lib/events/types';
import { LocalTime } from '@/components/ui/local-time';
import { ChangeList } from './change-list';
import { JsonBlock } from './json-block';
import { eventHref } from './record-fields';
import s from './event-detail.module.css';

/** "vs. 2026-11-20 09:12 by deploy-bot": the snapshot a diff is taken against, linked. */
export function Against({ previous, current }: { previous: EventSummary; current?: EventSummary }) {
  return (
    <span className={s.note}>
      vs. <Link href={eventHref(previous.eventId)}>{previous.eventName}</Link> at <LocalTime iso={previous.eventTime} /> by{' '}
      <span className="mono">{previous.principal}</span>
      {current && (
        <>
          {' · '}
          <Link href={`/events/compare?id=${encodeURIComponent(previous.eventId)}&id=${encodeURIComponent(current.eventId)}`}>compare</Link>
        </>
      )}
    </span>
  );
}

/** The body of "what changed" for one call, without its heading (the event page and the lifeline frame it). */
export function ChangeBody({ change, event }: { change: EventChange; event: EventSummary }) {
  const rotation = /^Rotate[A-Z]/.test(event.eventName);
  switch (change.kind) {
    case 'none':
      return <p className={s.note}>This call reads or tags; it changes no configuration.</p>;
    case 'failed':
      return <p className={s.note}>Nothing changed: the call failed with {change.errorCode}.</p>;
    case 'created':
      return (
        <>
          <p className={s.note}>Created; no earlier state. The configuration it started with:</p>
          <ChangeList changes={change.changes} label="Initial configuration" />
        </>
      );
    case 'changed':
      return (
        <>
          {change.changes.length === 0 ? (
            <p className={s.note}>
              {rotation
                ? 'Credentials rotated. CloudTrail masks passwords, so the new value cannot be shown; nothing else changed.'
                : 'No configuration change (besides ModifiedAt and ETag, which every write changes).'}
            </p>
          ) : (
            <ChangeList changes={change.changes} label="Changes" />
          )}
          {rotation && change.changes.length > 0 && <p className={s.note}>CloudTrail masks passwords, so the new password cannot be shown.</p>}
        </>
      );
    case 'unknown-before':
      return (
        <>
          <p className={s.note}>
            No earlier state known in the store
            {change.deletedBefore && (
              <>
                {' '}
                (the resource was <Link href={eventHref(change.deletedBefore.eventId)}>deleted</Link> at <LocalTime iso={change.deletedBefore.eventTime} /> and
                this is its first known state since)
              </>
            )}
            . The request parameters:
          </p>
          <JsonBlock value={change.requestParameters} label="Request parameters" />
        </>
      );
    case 'deleted':
      return change.previous ? (
        <>
          <p className={s.note}>Deleted. Its last known configuration, now gone:</p>
          <ChangeList changes={change.changes} label="Removed configuration" />
        </>
      ) : (
        <>
          <p className={s.note}>Deleted; no earlier state known in the store. The request parameters:</p>
          <JsonBlock value={change.requestParameters} label="Request parameters" />
        </>
      );
  }
}
