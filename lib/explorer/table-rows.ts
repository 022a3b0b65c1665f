import type { EventSummary, ResourceRef } from '@/lib/events/types';
import type { EventPage } from '@/lib/store/types';

// What the events table needs of an event. The page sends its first rows inside the HTML's RSC
// payload, which the server serialises, escapes and gzips on every request: resource ARNs (a
// third of a summary's bytes), access key ids, the event source and the read-only flag are shown
// only on an event's own page.

export type TableEvent = Omit<EventSummary, 'resources' | 'accessKeyId' | 'eventSource' | 'readOnly'> & { resources: Pick<ResourceRef, 'type' | 'id'>[] };

export interface TablePage {
  events: TableEvent[];
  nextCursor: string | null;
}

export function toTableEvent({ accessKeyId: _key, eventSource: _source, readOnly: _readOnly, resources, ...rest }: EventSummary): TableEvent {
  return { ...rest, resources: resources.map(({ type, id }) => ({ type, id })) };
}

export function toTablePage(page: EventPage): TablePage {
  return { events: page.events.map(toTableEvent), nextCursor: page.nextCursor };
}
