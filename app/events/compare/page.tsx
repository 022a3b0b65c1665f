import { Link } from '@/components/ui/link';
import { CompareView } from '@/components/event-detail/compare-view';
import { parseCompareQuery } from '@/lib/diff/compare';
import { getRuntime } from '@/lib/runtime/server-runtime';
import type { StoredEventDetail } from '@/lib/store/types';
import { lookUpEvent } from '@/lib/sync/find-event';
import { requirePageSession } from '@/lib/auth/session';

export const metadata = { title: 'Compare events · Packtrail' };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** `/events/compare?id=A&id=B…`: 2–5 events side by side. */
export default async function Page({ searchParams }: Props) {
  await requirePageSession();
  const query = parseCompareQuery(await searchParams);
  if (!query.ok) {
    return (
      <>
        <h1>Compare events</h1>
        <p className="error" role="alert">
          Bad compare link: {query.error}.
        </p>
        <p className="muted">
          Select 2 to 5 events in <Link href="/events">Events</Link> and choose Compare, or write the link as{' '}
          <span className="mono">/events/compare?id=…&amp;id=…</span>.
        </p>
      </>
    );
  }
  const runtime = await getRuntime();
  const found: (StoredEventDetail | null)[] = [];
  const failed: string[] = [];
  for (const id of query.ids) {
    const { detail, unreachable } = await lookUpEvent(runtime, id);
    found.push(detail);
    if (unreachable) failed.push(`${id}: ${unreachable}`);
  }
  const details = found.filter((d): d is StoredEventDetail => d !== null);
  const missing = query.ids.filter((_, i) => found[i] === null);
  return (
    <>
      <h1>Compare {details.length} events</h1>
      {missing.length > 0 && (
        <p className="error" role="alert">
          Not found in the store or in CloudTrail: <span className="mono">{missing.join(', ')}</span>
          {failed.length > 0 && <> ({failed.join('; ')})</>}
        </p>
      )}
      {details.length >= 2 ? <CompareView details={details} /> : <p>At least two of the events must exist to compare them.</p>}
    </>
  );
}
