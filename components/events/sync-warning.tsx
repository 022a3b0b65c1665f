import { Link } from '@/components/ui/link';
import type { failedStreams } from '@/lib/explorer/empty-state';

/** Rows can show while the newest ones are missing: a failed last sync says so above them. */
export function SyncWarning({ failures }: { failures: ReturnType<typeof failedStreams> }) {
  if (!failures.length) return null;
  return (
    <div className="sync-warning" role="alert">
      <strong>The last sync failed</strong> for {failures.map((f) => f.stream).join(', ')}; newer events may be missing. {failures[0].message}{' '}
      <Link href="/sync">See Sync</Link>
    </div>
  );
}
