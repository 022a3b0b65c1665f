import { Link } from '@/components/ui/link';

// Reached when no stored event names this principal (or the link is mangled).
export default function NotFound() {
  return (
    <div className="empty">
      <h1 style={{ fontSize: 18, margin: '0 0 6px' }}>Principal not found</h1>
      <p>No stored event was made by this principal. The name must match exactly as listed on Users (case matters).</p>
      <p>
        If it acted only recently, the next sync brings its events in: see <Link href="/sync">Sync</Link>. Otherwise pick a principal on{' '}
        <Link href="/users">Users</Link>.
      </p>
    </div>
  );
}
