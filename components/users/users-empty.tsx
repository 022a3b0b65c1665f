import { Link } from '@/components/ui/link';
import { EmptyState } from '@/components/events/empty-state';
import type { EmptyReason } from '@/lib/explorer/empty-state';

/**
 * Why /users lists nobody: the same causes as an empty /events (not synced yet, sync failed,
 * older than the store), worded for this page when the filters simply match nothing.
 */
export function UsersEmpty({ reason }: { reason: EmptyReason }) {
  if (reason.kind !== 'no-match') return <EmptyState reason={reason} />;
  return (
    <div className="empty">
      <h2>No principal matches these filters</h2>
      <p>
        The store holds this window, but no call in it matches. Widen the time window above, or <Link href="/users">show all principals</Link>.
      </p>
    </div>
  );
}
