import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { EventDetail } from '@/components/event-detail/event-detail';
import { subjectOf } from '@/lib/diff/event-change';
import { loadEventChange } from '@/lib/diff/load-event-change';
import { getRuntime } from '@/lib/runtime/server-runtime';
import { lookUpEvent } from '@/lib/sync/find-event';
import { requirePageSession } from '@/lib/auth/session';

type Props = { params: Promise<{ eventId: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { eventId } = await params;
  return { title: `Event ${eventId.slice(0, 128)} · Packtrail` };
}

/** The permalink of one event; an id not synced yet is looked up in CloudTrail by EventId. */
export default async function Page({ params }: Props) {
  await requirePageSession();
  const { eventId } = await params;
  if (eventId.length > 128) notFound();
  const runtime = await getRuntime();
  const { detail, unreachable } = await lookUpEvent(runtime, eventId);
  if (unreachable) {
    return (
      <p className="error" role="alert">
        Event {eventId} is not in the store yet, and CloudTrail could not be asked for it: {unreachable}
      </p>
    );
  }
  if (!detail) notFound();
  const subject = subjectOf(detail.event);
  const [change, related] = await Promise.all([
    loadEventChange(runtime.store, detail),
    runtime.store.relatedEvents(detail.event.eventId, subject ? [subject] : detail.event.resources),
  ]);
  return <EventDetail detail={detail} change={change} related={related} />;
}
