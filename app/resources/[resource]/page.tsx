import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { ResourceHistory } from '@/components/resource/resource-history';
import { groupBySubject } from '@/lib/diff/lifeline';
import { snapshotsBefore } from '@/lib/diff/snapshots-before';
import { decodeCursor, encodeCursor } from '@/lib/store/cursor';
import { filterShape } from '@/lib/filters/schema';
import { getRuntime } from '@/lib/runtime/server-runtime';
import { requirePageSession } from '@/lib/auth/session';

type Props = { params: Promise<{ resource: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

/**
 * Events on one page of a lifeline. A polled channel of the bench's 1M demo store has 58,000
 * events: its newest 20,000 at once made a 4 MB page that took 2-3.5 s to serve and longer to show.
 */
const PAGE_EVENTS = 2_000;

/** The segment is a user id or an ARN, URL-encoded by our links; decoding twice is harmless for ids, which never hold `%`. */
function resourceOf(segment: string): string | null {
  let value = segment;
  try {
    if (/%[0-9A-Fa-f]{2}/.test(value)) value = decodeURIComponent(value);
  } catch {
    return null;
  }
  // The same rule as the `resource` filter: one parser for what a resource name may be.
  const parsed = filterShape.resource.safeParse(value);
  return parsed.success && parsed.data ? parsed.data : null;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const resource = resourceOf((await params).resource);
  return { title: `${resource ?? 'Resource'} · Packtrail` };
}

/**
 * `/resources/{id or ARN}`: the lifeline of a channel, endpoint, group, configuration or asset,
 * newest page first; `?before=` (a cursor the page links to) pages back through older history.
 */
export default async function Page({ params, searchParams }: Props) {
  await requirePageSession();
  const resource = resourceOf((await params).resource);
  if (!resource) notFound();
  const at = (await searchParams).before;
  const before = typeof at === 'string' ? decodeCursor(at) : null;
  const { store } = await getRuntime();
  if (at !== undefined && !before) {
    return <ResourceHistory resource={resource} subjects={[]} older={null} paged invalidPosition newest={false} />;
  }
  const { rows, truncated } = await store.resourceHistory(resource, PAGE_EVENTS, before);
  if (rows.length === 0 && !before) notFound();
  const subjects = await Promise.all(
    groupBySubject(rows).map(async (g) => ({
      ...g,
      // Older events exist: the page's first changes are diffed against the state before it.
      before: truncated ? await snapshotsBefore(store, g.subject, g.rows[0].event) : undefined,
    })),
  );
  const oldest = rows[0]?.event;
  const older = truncated && oldest ? encodeCursor({ time: Date.parse(oldest.eventTime), eventId: oldest.eventId }) : null;
  return <ResourceHistory resource={resource} subjects={subjects} older={older} paged={truncated || before !== null} newest={before === null} />;
}
