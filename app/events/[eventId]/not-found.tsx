import { Link } from '@/components/ui/link';

// notFound() gets no params here, so the message covers both ways an id can be unknown.
export default function NotFound() {
  return (
    <section aria-labelledby="not-found">
      <h1 id="not-found">Event not found</h1>
      <p>
        No MediaPackage event with this id is in the store, and CloudTrail&apos;s event history (the last 90 days of the configured regions)
        does not have it either.
      </p>
      <ul>
        <li>Check the link: CloudTrail event ids look like <span className="mono">3f0c1e0a-7b1d-4c3e-9a55-6a8f1b2c3d4e</span>.</li>
        <li>Events older than 90 days can only be shown if Packtrail stored them while CloudTrail still had them.</li>
        <li>Events of other services (MediaLive, IVS…) are not kept.</li>
      </ul>
      <p>
        <Link href="/events">Browse events</Link>
      </p>
    </section>
  );
}
