import { Link } from '@/components/ui/link';

export default function NotFound() {
  return (
    <section aria-labelledby="not-found">
      <h1 id="not-found">Resource not found</h1>
      <p>No stored event names a MediaPackage resource by this id or ARN.</p>
      <p className="muted">
        Resources are known from the calls that touched them in the last 90 days (or since Packtrail started storing them). Try a search in{' '}
        <Link href="/events">Events</Link>.
      </p>
    </section>
  );
}
