import { Link } from '@/components/ui/link';
import type { EmptyReason } from '@/lib/explorer/empty-state';
import { LocalTime } from '@/components/ui/local-time';

/** Says why there is nothing to show, and what to do about it. */
export function EmptyState({ reason }: { reason: EmptyReason }) {
  switch (reason.kind) {
    case 'syncing':
      return (
        <div className="empty empty-syncing">
          <h2>Not synced yet</h2>
          <p>
            Packtrail is still reading this window from CloudTrail
            {reason.fraction !== null ? ` (${Math.round(reason.fraction * 100)}% done)` : ''}: {reason.streams.join(', ')}. LookupEvents allows 2 requests a
            second per region, so a first sync of a busy account takes a while. Reload in a moment, or follow it on <Link href="/sync">Sync</Link>.
          </p>
        </div>
      );
    case 'before-coverage':
      return (
        <div className="empty">
          <h2>Older than the store holds</h2>
          <p>
            The store holds events from <LocalTime iso={reason.coveredFrom} /> on. CloudTrail&apos;s Event history keeps 90 days; older events cannot be read
            from it. Pick a later window, or run <code>npm run sync -- --backfill 90d</code> if the store has not been filled back yet.
          </p>
        </div>
      );
    case 'sync-failed':
      return (
        <div className="empty empty-failed">
          <h2>The last sync failed</h2>
          <p>
            Reading {reason.stream} failed at <LocalTime iso={reason.at} />, so events in this window may be missing:
          </p>
          <pre className="mono error-message">{reason.message}</pre>
          <p>
            Fix the cause and start a sync on <Link href="/sync">Sync</Link>.
          </p>
        </div>
      );
    case 'not-delivered-yet':
      return (
        <div className="empty">
          <h2>Nothing delivered yet for the last minutes</h2>
          <p>
            CloudTrail adds events to Event history minutes after they happen (usually within {reason.delayMinutes}), and Packtrail syncs in the background.
            Events from this window may still arrive; widen the window or look again shortly.
          </p>
        </div>
      );
    case 'no-match':
      return (
        <div className="empty">
          <h2>No events match these filters</h2>
          <p>
            The store holds this window, but nothing in it matches. Remove a filter (× on a chip above) or <Link href="/events">clear them all</Link>.
          </p>
        </div>
      );
  }
}
